import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { MediaModule } from '../media/media.module';
import { PeopleModule } from '../people/people.module';
import { ReportsModule } from '../reports/reports.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UnitsModule } from '../units/units.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshToken } from './refresh-token.entity';
import { TokensService } from './tokens.service';
import { WechatClient } from './wechat.client';

@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken]), PeopleModule, UnitsModule, CampaignsModule, ReportsModule, MediaModule, RateLimitModule],
  controllers: [AuthController],
  providers: [AuthService, TokensService, WechatClient, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService],
})
export class AuthModule {}
