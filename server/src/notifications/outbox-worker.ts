import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DeliveryOutcome } from '@safemonth/shared';
import pLimit from 'p-limit';
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../common/clock';
import { PollingLoop } from '../common/polling-loop';
import { newId } from '../common/columns';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isEmbedded } from '../database/data-source';
import { Database } from '../database/database.service';
import type { SendOutcome } from './channel';
import { NotificationsService } from './notifications.service';
import { DeliveryAttempt, OutboxMessage } from './outbox-message.entity';

const POLL_MS = 1000;
/** Messages claimed at once. */
export const OUTBOX_BATCH = 50;
/** Messages of a batch sent at the same time. */
const SENDS_AT_ONCE = 8;
/** Tries at writing a send's outcome before leaving the message to be claimed again when its lease runs out. */
const RECORD_TRIES = 3;
/** The longest wait between tries, however many came before. */
const MAX_RETRY_DELAY_MS = 24 * 3600 * 1000;

/** How long to wait after the `attempts`-th try failed: `baseSeconds`, doubling with each try, at most a day. */
export function retryDelayMs(baseSeconds: number, attempts: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(attempts - 1, 0), MAX_RETRY_DELAY_MS);
}

/** Why a message whose sends kept being cut off failed. */
const ABANDONED = '多次发送中断';

type Outcome = SendOutcome | { kind: 'skipped' };

/**
 * Sends the outbox's messages, outside any request. Every server process runs one (the server
 * starts it; tests start it, or drain it, when they say). It claims a batch of due messages under
 * a lease (on MySQL/MariaDB with `SELECT … FOR UPDATE SKIP LOCKED`, so workers of several processes
 * take different rows without waiting for each other; on SQLite, one process, with the same guarded
 * update alone), renews the lease while it sends, sends each outside any transaction after the
 * checks registered for its kind, and records what came of it with an update guarded by its own
 * runner id: a worker whose lease ran out and whose message another took over records nothing.
 * Nothing lives only in this process: if it dies, its messages are claimed again once the lease
 * runs out.
 */
@Injectable()
export class OutboxWorker implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  /** This worker's name on the messages it claims. */
  readonly id = newId();
  private readonly loop = new PollingLoop(OutboxWorker.name, POLL_MS, () => this.drain());
  private stopping = false;

  constructor(
    private readonly database: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get outbox() {
    return this.database.repository(OutboxMessage);
  }

  /** How long a claim holds without being renewed (`NOTIFY_LEASE_SECONDS`): a worker that died leaves its messages to others after it. */
  private get leaseMs(): number {
    return this.config.outbox.leaseSeconds * 1000;
  }

  start(): void {
    this.loop.start();
  }

  /** Waits for the batch under way: messages not yet sent go back to the queue for another worker. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
  }

  /** Sends batches until no message is due. */
  async drain(): Promise<void> {
    await this.giveUpAbandoned();
    const renewing = setInterval(() => {
      void this.renew().catch((error: unknown) => this.logger.warn(`outbox leases not renewed: ${String(error)}`));
    }, this.leaseMs / 4).unref();
    const limit = pLimit(SENDS_AT_ONCE);
    try {
      while (!this.stopping) {
        const batch = await this.claim();
        if (batch.length === 0) return;
        const wanted = await this.notifications.stillWanted(batch).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        // Settled, all of them, before the leases stop being renewed or another batch is claimed.
        await Promise.allSettled(batch.map((message) => limit(() => this.deliver(message, wanted))));
      }
    } finally {
      clearInterval(renewing);
    }
  }

  /**
   * Claims up to a batch: first messages whose worker stopped renewing its lease, then queued ones
   * that are due, oldest due first; each under this worker's lease, one try more counted.
   */
  private async claim(): Promise<OutboxMessage[]> {
    return this.database.transaction(async () => {
      const now = this.clock.now();
      const abandoned = await this.claimable('sending', now, OUTBOX_BATCH);
      const due = abandoned.length < OUTBOX_BATCH ? await this.claimable('queued', now, OUTBOX_BATCH - abandoned.length) : [];
      const ids = [...abandoned, ...due];
      if (ids.length === 0) return [];
      const leaseUntil = new Date(now.getTime() + this.leaseMs);
      const update = this.outbox
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'sending', runnerId: this.id, leaseUntil, attempts: () => 'attempts + 1' })
        .where('id IN (:...ids)', { ids });
      // The lock already holds them on MySQL/MariaDB; on SQLite the condition is the guard.
      this.whereClaimable(update, now);
      await update.execute();
      return this.outbox.findBy({ id: In(ids), runnerId: this.id, status: 'sending' });
    });
  }

  /** Ids of messages in `status` that may be claimed now, locked for this transaction (skipping those another holds). */
  private async claimable(status: 'queued' | 'sending', now: Date, limit: number): Promise<string[]> {
    const query = this.outbox.createQueryBuilder('m').select('m.id', 'id').where('m.status = :status', { status });
    if (status === 'queued') query.andWhere('m.nextAttemptAt <= :now', { now }).orderBy('m.nextAttemptAt').addOrderBy('m.id');
    else query.andWhere('m.leaseUntil < :now AND m.attempts < :max', { now, max: this.config.outbox.maxAttempts });
    if (!isEmbedded(this.outbox.manager.connection)) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return (await query.limit(limit).getRawMany<{ id: string }>()).map((row) => row.id);
  }

  private whereClaimable(builder: { andWhere: (sql: string, parameters: object) => unknown }, now: Date): void {
    builder.andWhere(
      "((status = 'queued' AND nextAttemptAt <= :now) OR (status = 'sending' AND leaseUntil < :now AND attempts < :max))",
      { now, max: this.config.outbox.maxAttempts },
    );
  }

  /** Extends the lease of every message this worker holds. */
  private async renew(): Promise<void> {
    await this.outbox.update({ runnerId: this.id, status: 'sending' }, { leaseUntil: new Date(this.clock.now().getTime() + this.leaseMs) });
  }

  /**
   * Marks failed the messages whose sends kept being cut off (their workers died holding them each
   * time): a message that takes its process down would otherwise go round forever.
   */
  private async giveUpAbandoned(): Promise<void> {
    const now = this.clock.now();
    await this.database.transaction(async () => {
      const query = this.outbox
        .createQueryBuilder('m')
        .select('m.id', 'id')
        .where("m.status = 'sending' AND m.leaseUntil < :now AND m.attempts >= :max", { now, max: this.config.outbox.maxAttempts });
      // Locked, so that each is given up, and logged, by one worker only.
      if (!isEmbedded(this.outbox.manager.connection)) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await query.limit(OUTBOX_BATCH).getRawMany<{ id: string }>()).map((row) => row.id);
      if (ids.length === 0) return;
      await this.outbox.update({ id: In(ids) }, { status: 'failed', lastError: ABANDONED, runnerId: null, leaseUntil: null });
      await this.database.repository(DeliveryAttempt).insert(ids.map((messageId) => ({ id: newId(), messageId, at: now, outcome: 'failed' as const, error: ABANDONED })));
    });
  }

  /**
   * Asks the checks, sends, and records the outcome; a message not yet sent when the worker stops
   * goes back to the queue. Never throws: an outcome that cannot be written after a few tries is
   * left, logged, to be claimed again when the message's lease runs out.
   */
  private async deliver(message: OutboxMessage, wanted: Set<string> | Error): Promise<void> {
    const outcome = await this.send(message, wanted);
    if (!outcome) return;
    for (let tries = 1; ; tries++) {
      try {
        await this.record(message, outcome);
        return;
      } catch (error) {
        const text = `outbox ${message.id}: outcome (${outcome.kind}) not recorded (try ${tries}): ${error instanceof Error ? error.stack : String(error)}`;
        if (tries < RECORD_TRIES) {
          this.logger.warn(text);
        } else {
          this.logger.error(`${text}; claimed again when its lease runs out`);
          return;
        }
      }
    }
  }

  /**
   * Sends, unless the checks (asked for the whole batch: `checked`, or why they could not answer) left
   * the message out: what came of it, or nothing when it went back to the queue unsent.
   */
  private async send(message: OutboxMessage, checked: Set<string> | Error): Promise<Outcome | undefined> {
    try {
      if (checked instanceof Error) throw checked;
      const wanted = checked.has(message.id);
      if (wanted && this.stopping) {
        // This try not counted: nothing was tried.
        await this.holding(message.id, { status: 'queued', runnerId: null, leaseUntil: null, attempts: () => 'attempts - 1' });
        return undefined;
      }
      if (!wanted) return { kind: 'skipped' };
      const channel = this.notifications.channel(message.channel);
      return channel ? await channel.send(message) : { kind: 'failed', error: '该发送渠道未启用' };
    } catch (error) {
      this.logger.warn(`outbox ${message.id} (${message.channel}): ${error instanceof Error ? error.stack : String(error)}`);
      return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Writes what came of a try, with the try itself, if this worker still holds the message. A retry
   * waits the backoff (doubling from `NOTIFY_RETRY_BASE_SECONDS`, at most a day) unless the channel named its
   * moment (a rate limit: that try is not counted against `NOTIFY_MAX_ATTEMPTS`, as nothing failed);
   * with the tries spent, the message has failed.
   */
  private async record(message: OutboxMessage, outcome: Outcome): Promise<void> {
    const now = this.clock.now();
    const { retryBaseSeconds, maxAttempts } = this.config.outbox;
    let logged: DeliveryOutcome = outcome.kind;
    let changes: QueryDeepPartialEntity<OutboxMessage>;
    if (outcome.kind === 'sent') changes = { status: 'sent', sentAt: now, lastError: null };
    else if (outcome.kind === 'skipped') changes = { status: 'skipped', lastError: null };
    else if (outcome.kind === 'failed') changes = { status: 'failed', lastError: clip(outcome.error) };
    else if (outcome.notBefore) changes = { status: 'queued', nextAttemptAt: outcome.notBefore, lastError: clip(outcome.error), attempts: () => 'attempts - 1' };
    else if (message.attempts >= maxAttempts) {
      logged = 'failed';
      changes = { status: 'failed', lastError: clip(outcome.error) };
    } else {
      changes = { status: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(retryBaseSeconds, message.attempts)), lastError: clip(outcome.error) };
    }
    const error = outcome.kind === 'retry' || outcome.kind === 'failed' ? clip(outcome.error) : null;
    await this.database.transaction(async () => {
      if (!(await this.holding(message.id, { ...changes, runnerId: null, leaseUntil: null }))) {
        this.logger.warn(`outbox ${message.id}: taken over by another worker, its outcome (${outcome.kind}) not recorded`);
        return;
      }
      await this.database.repository(DeliveryAttempt).insert({ id: newId(), messageId: message.id, at: now, outcome: logged, error });
    });
  }

  /** Sets columns of a message this worker still holds; false when it holds it no more. */
  private async holding(id: string, changes: QueryDeepPartialEntity<OutboxMessage>): Promise<boolean> {
    const result = await this.outbox.update({ id, runnerId: this.id, status: 'sending' }, changes);
    return result.affected === 1;
  }
}

/** Error texts as the column keeps them. */
function clip(text: string): string {
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
