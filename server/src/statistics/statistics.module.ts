import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contribution } from './contribution.entity';
import { FieldTotal } from './field-total.entity';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [TypeOrmModule.forFeature([FieldTotal, Contribution])],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
