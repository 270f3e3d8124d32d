import { HazardAction, HazardOutcome, HazardStatus, RewardStatus } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * A hidden-hazard report (隐患举报) and its handling. Nothing here names the reporter: a named
 * reporter is in `hazard_reporter`, an anonymous one nowhere (the receipt code's hash is the only link).
 */
@Entity('hazard')
@Index('ix_hazard_campaign_status', ['campaignId', 'status'])
@Index('ix_hazard_campaign_accountable', ['campaignId', 'accountableUnitId'])
export class Hazard {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  /** The unit concerned, when the reporter picked one of the tree. */
  @Column({ ...ID_COLUMN, nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /**
   * The unit whose counts and statistics the hazard is in: the organizing unit until verified (so
   * that the unit concerned learns nothing of an unchecked report), then the unit concerned (or the
   * organizing unit), then the responsible unit once assigned.
   */
  @Column(ID_COLUMN)
  accountableUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accountableUnitId' })
  accountableUnit?: Unit;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Column({ type: 'varchar', length: 20 })
  category: string;

  @Column({ type: 'text' })
  description: string;

  /** Degrees × 10⁶ as integers: the same on every database. */
  @Column({ type: 'int', nullable: true })
  latitudeE6: number | null;

  @Column({ type: 'int', nullable: true })
  longitudeE6: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'boolean' })
  anonymous: boolean;

  /** HMAC-SHA-256 of an anonymous report's receipt code under HAZARD_RECEIPT_SECRET; null for named reports. */
  @Index('uq_hazard_receipt', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  receiptHash: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: HazardStatus;

  /** Why it was not verified (不属实). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  responsibleUnitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsibleUnitId' })
  responsibleUnit?: Unit;

  /** China-time day (`YYYY-MM-DD`) the rectification is due. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', nullable: true })
  requirement: string | null;

  /** The responsible unit's account of the rectification. */
  @Column({ type: 'text', nullable: true })
  rectificationText: string | null;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  rectifiedAt: Date | null;

  /** 分 (fen), an integer. */
  @Column({ type: 'int', nullable: true })
  rewardFen: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  rewardStatus: RewardStatus | null;

  /** 典型案例, exposed with the media report's link. */
  @Column({ type: 'boolean', default: false })
  typical: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  typicalLink: string | null;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}

/** Who made a named report: kept apart from the case, read only by the campaign's handlers, every read audited. */
@Entity('hazard_reporter')
export class HazardReporter {
  @PrimaryColumn(ID_COLUMN)
  hazardId: string;

  @ManyToOne(() => Hazard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hazardId' })
  hazard?: Hazard;

  @Index('ix_hazard_reporter_person')
  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  /** As they were when the report was made. */
  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatOpenId: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;
}

/**
 * A photo or video of a hazard report (`evidence`, every metadata stripped) or of its
 * rectification (`rectification`, an event photo: kept as taken). Uploaded first, attached to its
 * case when the report or the rectification is sent.
 */
@Entity('hazard_media')
export class HazardMedia {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Index('ix_hazard_media_hazard')
  @Column({ ...ID_COLUMN, nullable: true })
  hazardId: string | null;

  @ManyToOne(() => Hazard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hazardId' })
  hazard?: Hazard;

  @Column({ type: 'varchar', length: 20 })
  role: 'evidence' | 'rectification';

  @Column({ type: 'varchar', length: 10 })
  kind: 'photo' | 'video';

  @Column({ type: 'varchar', length: 100 })
  mime: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  sizeBytes: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}

/** A message between the reporter and the handlers; a handler's carries their id, the reporter's nothing. */
@Entity('hazard_message')
@Index('ix_hazard_message_hazard', ['hazardId', 'createdAt'])
export class HazardMessage {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  hazardId: string;

  @ManyToOne(() => Hazard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hazardId' })
  hazard?: Hazard;

  @Column({ type: 'varchar', length: 10 })
  fromSide: 'reporter' | 'handler';

  @Column({ ...ID_COLUMN, nullable: true })
  handlerId: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}

/** A step of a case's handling, for its history; the reporter's submission is the case's own row. */
@Entity('hazard_event')
@Index('ix_hazard_event_hazard', ['hazardId', 'at'])
export class HazardEvent {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  hazardId: string;

  @ManyToOne(() => Hazard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hazardId' })
  hazard?: Hazard;

  @Column({ type: 'varchar', length: 20 })
  action: HazardAction | 'reward' | 'typical';

  @Column(ID_COLUMN)
  byId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column(INSTANT_COLUMN)
  at: Date;
}

/** A campaign's hazard settings; a campaign without a row has the defaults (no anonymous or public reports). */
@Entity('hazard_settings')
export class HazardSettings {
  @PrimaryColumn(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Column({ type: 'boolean' })
  allowAnonymous: boolean;

  @Column({ type: 'boolean' })
  allowPublic: boolean;

  @Column({ type: 'simple-json' })
  categories: string[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  zeroingDate: string | null;

  @Column({ type: 'simple-json' })
  fields: Record<HazardOutcome, string | null>;
}

/** A committee member designated to handle a campaign's reports, who alone may see reporters. */
@Entity('hazard_handler')
@Unique('uq_hazard_handler', ['campaignId', 'personId'])
export class HazardHandler {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;
}

/** Each read of a reporter's identity: who, which case, when (the committee reads this log). */
@Entity('hazard_identity_access')
@Index('ix_hazard_identity_access_campaign', ['campaignId', 'at'])
export class HazardIdentityAccess {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @Column(ID_COLUMN)
  hazardId: string;

  @Column(ID_COLUMN)
  personId: string;

  @Column(INSTANT_COLUMN)
  at: Date;
}
