import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode, TokenPair } from '@safemonth/shared';
import jwt from 'jsonwebtoken';
import { IsNull, LessThan } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database.service';
import { RefreshToken } from './refresh-token.entity';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Short-lived signed access tokens (stateless, so any server process checks them) and long-lived
 * refresh tokens kept in the database, each good for one refresh.
 */
@Injectable()
export class TokensService {
  /** Made once: jsonwebtoken would otherwise turn the secret into a key on every check. */
  private readonly signingKey: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {
    this.signingKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  private get refreshTokens() {
    return this.database.repository(RefreshToken);
  }

  async issue(personId: string): Promise<TokenPair> {
    const now = this.clock.now();
    const accessExpires = new Date(now.getTime() + this.config.accessTokenTtlSeconds * 1000);
    const accessToken = jwt.sign(
      { sub: personId, iat: Math.floor(now.getTime() / 1000), exp: Math.floor(accessExpires.getTime() / 1000) },
      this.signingKey,
      { algorithm: 'HS256' },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpires = new Date(now.getTime() + this.config.refreshTokenTtlDays * 86400_000);
    await this.refreshTokens.insert(
      this.refreshTokens.create({ personId, tokenHash: hash(refreshToken), expiresAt: refreshExpires, usedAt: null }),
    );
    // The person's expired tokens go now: nothing else would ever remove them.
    await this.refreshTokens.delete({ personId, expiresAt: LessThan(now) });
    return {
      accessToken,
      accessTokenExpiresAt: accessExpires.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpires.toISOString(),
    };
  }

  /** The person an access token was issued to. */
  verifyAccess(token: string): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    try {
      const payload = jwt.verify(token, this.signingKey, { algorithms: ['HS256'], clockTimestamp: now });
      if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new Error('no subject or expiry');
      return payload.sub;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.TokenExpired, '登录已过期，请重新登录');
      }
      throw ApiException.unauthenticated('登录凭证无效，请重新登录');
    }
  }

  /**
   * Spends a refresh token and returns the person it belonged to. A token presented a second time
   * means it was copied: every refresh token of that person is revoked.
   */
  async spendRefresh(token: string): Promise<string> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: hash(token) });
    const now = this.clock.now();
    const invalid = () => new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, '登录已过期，请重新登录');
    if (!stored || stored.expiresAt <= now) throw invalid();
    const spent = await this.refreshTokens.update({ id: stored.id, usedAt: IsNull() }, { usedAt: now });
    if (!spent.affected) {
      await this.revokeAll(stored.personId);
      throw invalid();
    }
    return stored.personId;
  }

  async revoke(token: string): Promise<void> {
    await this.refreshTokens.delete({ tokenHash: hash(token) });
  }

  async revokeAll(personId: string): Promise<void> {
    await this.refreshTokens.delete({ personId });
  }
}
