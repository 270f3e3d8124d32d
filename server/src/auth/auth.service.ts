import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { classifyLogin, ErrorCode, SignInResponse } from '@safemonth/shared';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PeopleService, toPersonDto } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { UNKNOWN_PERSON_HASH, verifyPassword } from './passwords';
import { TokensService } from './tokens.service';
import { WechatClient } from './wechat.client';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly tokens: TokensService,
    private readonly wechat: WechatClient,
    private readonly rateLimit: RateLimitService,
    private readonly clock: Clock,
  ) {}

  /** Throttles sign-in attempts per client address, across all server processes. */
  limitSignIns(clientAddress: string): Promise<void> {
    return this.rateLimit.consume(`sign-in:${clientAddress}`, this.config.signInRateLimitPerMinute, 60);
  }

  async passwordSignIn(login: string, password: string, clientAddress: string): Promise<SignInResponse> {
    await this.limitSignIns(clientAddress);
    const kind = classifyLogin(login);
    const person = 'kind' in kind ? await this.people.findByLogin(kind.kind, login.trim()) : null;
    const now = this.clock.now();
    if (person?.lockedUntil && person.lockedUntil > now) throw this.locked(person.lockedUntil, now);
    const valid = await verifyPassword(password, person?.passwordHash ?? UNKNOWN_PERSON_HASH);
    if (!person || !person.passwordHash || !valid) {
      if (person?.passwordHash) {
        const lockUntil = new Date(now.getTime() + this.config.lockoutMinutes * 60_000);
        await this.people.recordFailedSignIn(person, this.config.lockoutThreshold, lockUntil);
      }
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.InvalidCredentials, '用户名或密码错误');
    }
    await this.people.recordSuccessfulSignIn(person);
    return this.signInAs(person);
  }

  async wechatSignIn(code: string, clientAddress: string): Promise<SignInResponse> {
    await this.limitSignIns(clientAddress);
    const session = await this.wechat.codeToSession(code);
    const person = await this.people.findOrCreateWechat(session.openId, session.unionId);
    return this.signInAs(person);
  }

  async refresh(refreshToken: string): Promise<SignInResponse> {
    const personId = await this.tokens.spendRefresh(refreshToken);
    const person = await this.people.find(personId);
    if (!person) throw ApiException.unauthenticated('登录已过期，请重新登录');
    return this.signInAs(person);
  }

  signOut(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  async signInAs(person: Person): Promise<SignInResponse> {
    return { ...(await this.tokens.issue(person.id)), person: toPersonDto(person) };
  }

  private locked(until: Date, now: Date): ApiException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return new ApiException(HttpStatus.LOCKED, ErrorCode.AccountLocked, `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
  }
}
