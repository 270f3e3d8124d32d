import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { classifyLogin, ErrorCode, SignInResponse } from '@safemonth/shared';
import { ApiException } from '../common/api-exception';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PeopleService, toPersonDto } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { clientKey, RateLimitService } from '../rate-limit/rate-limit.service';
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
  ) {}

  /** Throttles sign-in attempts per client address, across all server processes. */
  async limitSignIns(clientAddress: string): Promise<void> {
    await this.rateLimit.consume(`sign-in:${clientKey(clientAddress)}`, { limit: this.config.signInRateLimitPerMinute, windowSeconds: 60 });
  }

  /**
   * Failed attempts are counted per login as typed and client address, whether the login exists or
   * not, so that the answers never tell which logins exist, and an attacker elsewhere never locks
   * the owner out. The right password ends the run of failures.
   */
  async passwordSignIn(login: string, password: string, clientAddress: string): Promise<SignInResponse> {
    await this.limitSignIns(clientAddress);
    const attempt = await this.rateLimit.consume(
      `sign-in-failures:${login.trim().toLowerCase()}|${clientKey(clientAddress)}`,
      { limit: this.config.lockoutThreshold, windowSeconds: this.config.lockoutMinutes * 60 },
      tooManyFailures,
    );
    const kind = classifyLogin(login);
    const person = 'kind' in kind ? await this.people.findByLogin(kind.kind, login.trim()) : null;
    const valid = await verifyPassword(password, person?.passwordHash ?? UNKNOWN_PERSON_HASH);
    if (!person || !person.passwordHash || !valid) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.InvalidCredentials, '用户名或密码错误');
    }
    await this.rateLimit.clear(attempt);
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
}

function tooManyFailures(seconds: number): ApiException {
  const minutes = Math.ceil(seconds / 60);
  return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.TooManyFailedSignIns, `用户名或密码错误次数过多，请 ${minutes} 分钟后再试`);
}
