import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PeopleModule } from '../people/people.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokensService } from './tokens.service';
import { WechatClient } from './wechat.client';

/** Sign-in (on people and rate limits) and the access guard, which reaches other features' ids through `AccessTargets`. */
@Module({
  imports: [PeopleModule, RateLimitModule],
  controllers: [AuthController],
  providers: [AuthService, TokensService, WechatClient, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService],
})
export class AuthModule {}
