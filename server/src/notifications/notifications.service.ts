import { Injectable } from '@nestjs/common';
import { ChannelName, DeliveryLogEntryDto, DeliveryLogQuery, NoticeKind, Page, pageWindow } from '@safemonth/shared';
import { In, MoreThan } from 'typeorm';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import type { Channel } from './channel';
import type { Notice } from './notice';
import { DeliveryAttempt, OutboxMessage } from './outbox-message.entity';

/**
 * Asked before messages of its kinds are sent, a claimed batch's at once: the ids of those still to
 * be sent (e.g. whose unit still owes the instance).
 */
export type BeforeSend = (messages: OutboxMessage[]) => Promise<Set<string>>;

/** Rows written per statement. */
const ENQUEUE_CHUNK = 200;

const KEY_LENGTH = 255;
const TITLE_LENGTH = 100;

/**
 * The outbox (see docs/notifications.md): features that notify hand it notices, in the transaction
 * that decided them; channels and checks before sending register here when their modules start;
 * the committee reads what became of each notice in the delivery log. This feature imports no
 * other: who is told what is for the features that notify.
 */
@Injectable()
export class NotificationsService {
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly checks = new Map<NoticeKind, BeforeSend[]>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  private get outbox() {
    return this.database.repository(OutboxMessage);
  }

  private get attempts() {
    return this.database.repository(DeliveryAttempt);
  }

  /** Called by each channel (a provider of `NotificationsModule`) as its module starts. */
  registerChannel(channel: Channel): void {
    if (this.channels.has(channel.name)) throw new Error(`Channel '${channel.name}' is registered twice`);
    this.channels.set(channel.name, channel);
  }

  /** The channel that sends messages of `name`, if one is registered. */
  channel(name: ChannelName): Channel | undefined {
    return this.channels.get(name);
  }

  /** Registers a check asked before messages of `kinds` are sent: those it leaves out are marked skipped. */
  beforeSend(kinds: readonly NoticeKind[], check: BeforeSend): void {
    for (const kind of kinds) this.checks.set(kind, [...(this.checks.get(kind) ?? []), check]);
  }

  /** The ids of the messages that every check registered for their kind still wants sent. */
  async stillWanted(messages: OutboxMessage[]): Promise<Set<string>> {
    const wanted = new Set(messages.map((message) => message.id));
    for (const [kind, checks] of this.checks) {
      for (const check of checks) {
        const asked = messages.filter((message) => message.kind === kind && wanted.has(message.id));
        if (asked.length === 0) break;
        const kept = await check(asked);
        for (const message of asked) if (!kept.has(message.id)) wanted.delete(message.id);
      }
    }
    return wanted;
  }

  /**
   * Writes the notices to the outbox, within the caller's transaction when one is open, skipping
   * any whose key is there already (or comes twice here): deciding twice sends once. Answers how
   * many it wrote.
   */
  async enqueue(notices: Notice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const now = this.clock.now();
    const rows = notices.map((notice) => {
      if (notice.key.length > KEY_LENGTH) throw new Error(`Notice key longer than ${KEY_LENGTH} characters: ${notice.key}`);
      const { notBefore, ...fields } = notice;
      return this.outbox.create({
        ...fields,
        // A title made of long names is cut rather than refused: the notice matters more than its last words.
        title: notice.title.length > TITLE_LENGTH ? `${notice.title.slice(0, TITLE_LENGTH - 1)}…` : notice.title,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: notBefore ?? now,
        createdAt: now,
      });
    });
    return this.database.transaction(async () => {
      let written = 0;
      for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) written += await this.insertNew(rows.slice(i, i + ENQUEUE_CHUNK));
      return written;
    });
  }

  /**
   * The keys of the notices of `kind` about the instance written after `since`: for a feature that
   * holds back a notice repeated within a window (e.g. a second press of a manual reminder).
   */
  async keysSince(about: { kind: NoticeKind; campaignId: string; deliverableId: string; periodKey: string }, since: Date): Promise<string[]> {
    const rows = await this.outbox.find({ where: { ...about, createdAt: MoreThan(since) }, select: ['key'] });
    return rows.map((r) => r.key);
  }

  /**
   * Inserts the rows whose keys are not taken; how many went in. A taken key leaves its row as it
   * was (an upsert on the key alone, which changes nothing: unlike MySQL's INSERT IGNORE, any other
   * error, e.g. a person who is not there, still fails the statement). The rows that went in are
   * those with the ids given here.
   */
  private async insertNew(rows: OutboxMessage[]): Promise<number> {
    await this.outbox.createQueryBuilder().insert().into(OutboxMessage).values(rows).orUpdate(['key'], ['key']).updateEntity(false).execute();
    return this.outbox.countBy({ id: In(rows.map((row) => row.id)) });
  }

  /**
   * A page of the campaign's notices, newest first, each with its tries (oldest first): what the
   * committee reads to see who was told what, and what became of it.
   */
  async deliveryLog(campaignId: string, query: DeliveryLogQuery): Promise<Page<DeliveryLogEntryDto>> {
    const { page, size, skip } = pageWindow(query);
    const builder = this.outbox
      .createQueryBuilder('m')
      .leftJoin('m.person', 'p')
      .addSelect(['p.id', 'p.displayName'])
      .leftJoin('m.unit', 'u')
      .addSelect(['u.id', 'u.name'])
      .where('m.campaignId = :campaignId', { campaignId });
    if (query.kind) builder.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('m.status = :status', { status: query.status });
    if (query.unitId) builder.andWhere('m.unitId = :unitId', { unitId: query.unitId });
    const [messages, total] = await builder.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').offset(skip).limit(size).getManyAndCount();
    const attempts = new Map<string, DeliveryAttempt[]>(messages.map((m) => [m.id, []]));
    if (messages.length) {
      for (const attempt of await this.attempts.find({ where: { messageId: In(messages.map((m) => m.id)) }, order: { at: 'ASC', id: 'ASC' } })) {
        attempts.get(attempt.messageId)?.push(attempt);
      }
    }
    const items = messages.map(
      (m): DeliveryLogEntryDto => ({
        id: m.id,
        kind: m.kind,
        channel: m.channel,
        status: m.status,
        person: m.person ? { id: m.person.id, displayName: m.person.displayName } : null,
        unit: m.unit ? { id: m.unit.id, name: m.unit.name } : null,
        deliverableId: m.deliverableId,
        periodKey: m.periodKey,
        title: m.title,
        body: m.body,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        nextAttemptAt: m.status === 'queued' ? m.nextAttemptAt.toISOString() : null,
        lastError: m.lastError,
        attempts: (attempts.get(m.id) ?? []).map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, error: a.error })),
      }),
    );
    return { items, total, page, size };
  }
}
