import {
  CampaignPhase,
  CampaignStatus,
  DeadlineRule,
  DeliverableKind,
  LiaisonFormSettings,
  MediaRequirements,
  ParsedField,
} from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Unit } from '../units/unit.entity';

/** A campaign plan (活动方案) of one organizing unit, for its subtree. */
@Entity('campaign')
export class Campaign {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_campaign_organizing_unit')
  @Column(ID_COLUMN)
  organizingUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizingUnitId' })
  organizingUnit?: Unit;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 200, default: '' })
  theme: string;

  @Column({ type: 'varchar', length: 20 })
  status: CampaignStatus;

  @Column({ type: 'simple-json' })
  phases: CampaignPhase[];

  @Column({ type: 'simple-json' })
  slogans: string[];

  @Column({ type: 'simple-json' })
  media: MediaRequirements;

  @Column({ type: 'simple-json' })
  liaisonForm: LiaisonFormSettings;

  /** Roots of the participating subtrees; empty: the organizing unit's whole subtree. */
  @Column({ type: 'simple-json' })
  participatingUnitIds: string[];

  @Column({ type: 'boolean', default: false })
  autoAcceptReports: boolean;

  /** Separation of duties has one exception, chosen per campaign: a one-person unit's member reviews their own reports. */
  @Column({ type: 'boolean', default: false })
  allowSelfReviewInSingleMemberUnits: boolean;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}

/** An activity item (活动项目) with its content requirement; its statistics fields hang below it. */
@Entity('activity_item')
export class ActivityItem {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_activity_item_campaign')
  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  requirement: string;

  @Column({ type: 'text' })
  fieldText: string;
}

/** One blank of an item's statistics cell (进展情况), e.g. "参与（ ）人次". */
@Entity('statistics_field')
export class StatisticsField {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_statistics_field_item')
  @Column(ID_COLUMN)
  itemId: string;

  @ManyToOne(() => ActivityItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId' })
  item?: ActivityItem;

  @Index('ix_statistics_field_campaign')
  @Column(ID_COLUMN)
  campaignId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 10 })
  kind: ParsedField['kind'];

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 10, default: '' })
  unit: string;
}

/** Something every participating unit hands in, with its deadline rule. */
@Entity('deliverable')
export class Deliverable {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_deliverable_campaign')
  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 30 })
  kind: DeliverableKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'simple-json' })
  rule: DeadlineRule;
}
