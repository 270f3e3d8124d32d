import { HttpStatus, Injectable } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import { ErrorCode } from '@safemonth/shared';
import { LessThan, MoreThan } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { RateLimitBucket } from './rate-limit-bucket.entity';

export interface Limit {
  /** Hits a key may have in one window. */
  limit: number;
  windowSeconds: number;
}

/** One counted hit, to take back (`refund`, `clear`) when the attempt turns out not to be one of those limited. */
export interface Hit {
  bucketId: string;
}

/** The answer beyond a limit, given the seconds until the window ends. */
export type Refusal = (seconds: number) => ApiException;

/** How long after its window ends a bucket is cleared away. */
const SWEEP_AFTER_MS = 60_000;

const tooOften: Refusal = (seconds) =>
  new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `操作过于频繁，请 ${seconds} 秒后再试`);

/**
 * The part of a client address that stands for one client when counting: an IPv4 address whole,
 * an IPv6 address by its /64 network (a home or phone network is given a whole /64 to pick from).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

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

  /**
   * Counts one hit of `key`; refuses (429 by default) when the window already holds `limit` hits.
   * Each request sees its own count, also when many come at once from several processes.
   */
  async consume(key: string, limit: Limit, refusal: Refusal = tooOften): Promise<Hit> {
    const counted = await this.count(key, limit);
    if (!counted.allowed) throw refusal(Math.max(1, Math.ceil((counted.windowEndsAt.getTime() - this.clock.now().getTime()) / 1000)));
    return counted.hit;
  }

  /**
   * Refuses like `consume` when the window already holds `limit` hits, counting nothing and writing
   * nothing: for keys that must leave no row behind unless an attempt fails (then `consume`), where
   * a few attempts at once may pass the limit by as many.
   */
  async holdBack(key: string, { limit, windowSeconds }: Limit, refusal: Refusal = tooOften): Promise<void> {
    const now = this.clock.now().getTime();
    const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
    const bucket = await this.buckets.findOneBy({ id: `${key.slice(0, 170)}@${windowStart}` });
    if (bucket && bucket.hits >= limit) throw refusal(Math.max(1, Math.ceil(((windowStart + windowSeconds) * 1000 - now) / 1000)));
  }

  /** Counts one hit of `key` and says whether it is within the limit, and when its window ends. */
  async count(key: string, { limit, windowSeconds }: Limit): Promise<{ hit: Hit; allowed: boolean; windowEndsAt: Date }> {
    const now = this.clock.now().getTime();
    const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
    const expiresAt = new Date((windowStart + windowSeconds) * 1000);
    const bucketId = `${key.slice(0, 170)}@${windowStart}`;
    // Insert-if-absent on its own: inside the transaction, the shared lock it takes on an existing
    // row would deadlock with the other requests' increments.
    await this.buckets.createQueryBuilder().insert().values({ id: bucketId, hits: 0, expiresAt }).orIgnore().updateEntity(false).execute();
    // The increment holds the row's lock until commit, so the count read after it is this request's own.
    const hits = await this.database.transaction(async () => {
      await this.buckets.increment({ id: bucketId }, 'hits', 1);
      return (await this.buckets.findOneByOrFail({ id: bucketId })).hits;
    });
    if (hits === 1) {
      // A window's first hit clears windows that ended a while ago, so the table stays small. Not
      // those just ended: a request of one may still be between creating its row and counting in it.
      await this.buckets.delete({ expiresAt: LessThan(new Date(now - SWEEP_AFTER_MS)) });
    }
    return { hit: { bucketId }, allowed: hits <= limit, windowEndsAt: expiresAt };
  }

  /** Takes one hit back: only the attempts that fail add up (e.g. wrong invitation codes). */
  async refund(hit: Hit): Promise<void> {
    await this.buckets.decrement({ id: hit.bucketId, hits: MoreThan(0) }, 'hits', 1);
  }

  /**
   * Forgets the window's hits: a success ends a run of failures (e.g. the right password). The row
   * stays, as other requests may be between creating it and counting in it.
   */
  async clear(hit: Hit): Promise<void> {
    await this.buckets.update({ id: hit.bucketId }, { hits: 0 });
  }
}
