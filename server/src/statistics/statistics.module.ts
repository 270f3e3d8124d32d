import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FieldTotal } from './field-total.entity';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [TypeOrmModule.forFeature([FieldTotal])],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
