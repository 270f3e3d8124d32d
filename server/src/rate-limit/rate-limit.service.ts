import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode } from '@safemonth/shared';
import { LessThan } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { RateLimitBucket } from './rate-limit-bucket.entity';

/** Fixed-window counters in the database, shared by every server process. */
@Injectable()
export class RateLimitService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  private get buckets() {
    return this.database.repository(RateLimitBucket);
  }

  /** Counts one hit of `key`; refuses with 429 when the window already holds `limit` hits. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<void> {
    const now = this.clock.now().getTime();
    const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
    const expiresAt = new Date((windowStart + windowSeconds) * 1000);
    const id = `${key.slice(0, 170)}@${windowStart}`;
    // Insert-if-absent, then an atomic increment: correct with several processes at once.
    await this.buckets.createQueryBuilder().insert().values({ id, hits: 0, expiresAt }).orIgnore().updateEntity(false).execute();
    await this.buckets.increment({ id }, 'hits', 1);
    const bucket = await this.buckets.findOneByOrFail({ id });
    if (bucket.hits === 1) {
      // The first hit of a window clears the windows that have ended, so the table stays small.
      await this.buckets.delete({ expiresAt: LessThan(new Date(now)) });
    }
    if (bucket.hits > limit) {
      const seconds = Math.max(1, Math.ceil((expiresAt.getTime() - now) / 1000));
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `操作过于频繁，请 ${seconds} 秒后再试`);
    }
  }
}
