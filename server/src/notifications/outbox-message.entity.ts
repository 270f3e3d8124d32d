import { ChannelName, DeliveryOutcome, NoticeKind, OutboxStatus } from '@safemonth/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * One notice to one recipient on one channel, written in the transaction that decided it and sent
 * later by whichever worker claims it. The unique key makes deciding twice write once. What it is
 * about (campaign, unit, deliverable instance) serves the check before sending and the delivery log;
 * the deliverable is no foreign key, as the committee may rework its deliverables.
 */
@Entity('outbox_message')
@Index('ix_outbox_message_claim', ['status', 'nextAttemptAt'])
@Index('ix_outbox_message_log', ['campaignId', 'createdAt'])
export class OutboxMessage {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('uq_outbox_message_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  channel: ChannelName;

  @Column({ type: 'varchar', length: 30 })
  kind: NoticeKind;

  @Index('ix_outbox_message_person')
  @Column({ ...ID_COLUMN, nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  /** For channels addressed otherwise than by person: a robot's id, an e-mail address. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  /** Facts a channel may lay out (WeChat template fields). */
  @Column({ type: 'simple-json' })
  facts: Record<string, string>;

  @Column({ ...ID_COLUMN, nullable: true })
  campaignId: string | null;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Index('ix_outbox_message_unit')
  @Column({ ...ID_COLUMN, nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ ...ID_COLUMN, nullable: true })
  deliverableId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  periodKey: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: OutboxStatus;

  /** Tries made (claims), counting the one under way. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Not claimed before: the notice's moment, then each retry's. */
  @Column(INSTANT_COLUMN)
  nextAttemptAt: Date;

  /** Which worker holds it while sending, until `leaseUntil`. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  runnerId: string | null = null;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  leaseUntil: Date | null = null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null = null;

  /** By the server's clock. */
  @Column(INSTANT_COLUMN)
  createdAt: Date;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  sentAt: Date | null = null;
}

/** One try at sending an outbox message, and what came of it: the delivery log's lines. */
@Entity('delivery_attempt')
export class DeliveryAttempt {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_delivery_attempt_message')
  @Column(ID_COLUMN)
  messageId: string;

  @ManyToOne(() => OutboxMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'messageId' })
  message?: OutboxMessage;

  @Column(INSTANT_COLUMN)
  at: Date;

  @Column({ type: 'varchar', length: 10 })
  outcome: DeliveryOutcome;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null = null;
}
