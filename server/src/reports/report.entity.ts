import { ContributionInput, ReportAction, ReportStatus } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Campaign, StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/** One event reported from the field: what, when, where, who came, and what it adds to the statistics. */
@Entity('report')
@Unique('uq_report_idempotency', ['reporterId', 'idempotencyKey'])
@Index('ix_report_campaign_unit', ['campaignId', 'unitId'])
export class Report {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  /** Made by the client per draft, so a retried send finds the report it already made. */
  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /** The activity item; not a foreign key, so that the committee may still rework its items. */
  @Column(ID_COLUMN)
  itemId: string;

  @Column(ID_COLUMN)
  reporterId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporterId' })
  reporter?: Person;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column(INSTANT_COLUMN)
  startAt: Date;

  @Column(INSTANT_COLUMN)
  endAt: Date;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  /** Degrees × 10⁶ as integers: the same on every database. */
  @Column({ type: 'int', nullable: true })
  latitudeE6: number | null;

  @Column({ type: 'int', nullable: true })
  longitudeE6: number | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int' })
  headcount: number;

  /** What the report adds once accepted (the contribution rows are written then). */
  @Column({ type: 'simple-json' })
  additions: ContributionInput[];

  @Column({ type: 'varchar', length: 20 })
  status: ReportStatus;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}

/** One step of a report's life: who did what, when, with which comment. */
@Entity('report_event')
export class ReportEvent {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_report_event_report')
  @Column(ID_COLUMN)
  reportId: string;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @Column({ type: 'varchar', length: 20 })
  action: ReportAction;

  @Column({ ...ID_COLUMN, nullable: true })
  byId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'byId' })
  by?: Person | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** A review by the report's own reporter, which the campaign allowed in a one-person unit. */
  @Column({ type: 'boolean', default: false })
  selfReview: boolean;

  @Column(INSTANT_COLUMN)
  at: Date;
}

/**
 * An evidence link (网址链接) of a report, in its place among the report's links. `itemId`,
 * `unitId` and `campaignId` repeat the report's, and `acceptedAt` is set while it is accepted, so
 * that a statistics table reads the newest accepted links of an item (of a unit or a subtree)
 * from one index, stopping at the few it shows.
 */
@Entity('report_link')
@Unique('uq_report_link_position', ['reportId', 'position'])
@Index('ix_report_link_item_accepted', ['campaignId', 'itemId', 'acceptedAt'])
@Index('ix_report_link_unit_item_accepted', ['campaignId', 'unitId', 'itemId', 'acceptedAt'])
export class ReportLink {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  reportId: string;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  url: string;

  @Column(ID_COLUMN)
  campaignId: string;

  @Column(ID_COLUMN)
  itemId: string;

  @Column(ID_COLUMN)
  unitId: string;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  acceptedAt: Date | null;
}

/**
 * A report's proposed answer to a yes/no field (`flag`) or a text field (`text`) of its item, one
 * per field. `campaignId` and `unitId` repeat the report's, and `acceptedAt` is set while it is
 * accepted, so that the unit tables read the newest accepted proposals of their units from one
 * index. A field removed from the campaign takes its proposals with it.
 */
@Entity('proposed_answer')
@Unique('uq_proposed_answer_field', ['reportId', 'fieldId'])
@Index('ix_proposed_answer_unit_accepted', ['campaignId', 'unitId', 'fieldId', 'acceptedAt'])
export class ProposedAnswer {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  reportId: string;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @Index('ix_proposed_answer_field')
  @Column(ID_COLUMN)
  fieldId: string;

  @ManyToOne(() => StatisticsField, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Column({ type: 'boolean', nullable: true })
  flag: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  text: string | null;

  @Column(ID_COLUMN)
  campaignId: string;

  @Column(ID_COLUMN)
  unitId: string;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  acceptedAt: Date | null;
}
