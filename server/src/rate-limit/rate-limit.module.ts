import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitBucket } from './rate-limit-bucket.entity';
import { RateLimitService } from './rate-limit.service';

@Module({
  imports: [TypeOrmModule.forFeature([RateLimitBucket])],
  providers: [RateLimitService],
  exports: [RateLimitService],
})
export class RateLimitModule {}
