import { HandInAction, HandInState } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * What a unit handed in for one instance of a deliverable (the weekly materials of 2022-W23, the
 * summary report): one row per unit and instance, replaced when handed in again.
 */
@Entity('hand_in')
@Unique('uq_hand_in_instance_unit', ['deliverableId', 'periodKey', 'unitId'])
@Index('ix_hand_in_campaign_unit', ['campaignId', 'unitId'])
export class HandIn {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  /** Not a foreign key, so that the committee may still rework its deliverables; what was handed in stays. */
  @Column(ID_COLUMN)
  deliverableId: string;

  /** The instance, as `deadlineInstances` names it (`once`, `2022-W23`, `2020-07`). */
  @Column({ type: 'varchar', length: 20 })
  periodKey: string;

  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'text' })
  text: string;

  /** The unit's accepted reports of the period it chose (not foreign keys: reports belong to the reports feature). */
  @Column({ type: 'simple-json' })
  reportIds: string[];

  @Column({ type: 'varchar', length: 20 })
  state: HandInState;

  /** The server's clock when the latest hand-in committed: it alone decides on time or late. */
  @Column(INSTANT_COLUMN)
  arrivedAt: Date;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}

/** One step of a hand-in's life: handed in, handed in again, accepted, returned with a comment. */
@Entity('hand_in_event')
@Unique('uq_hand_in_event_position', ['handInId', 'position'])
export class HandInEvent {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  handInId: string;

  /** The step's place in the hand-in's history (0 first): steps are written under the hand-in's lock, so clocks may tie. */
  @Column({ type: 'int' })
  position: number;

  @ManyToOne(() => HandIn, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handInId' })
  handIn?: HandIn;

  @Column({ type: 'varchar', length: 20 })
  action: HandInAction;

  @Column({ ...ID_COLUMN, nullable: true })
  byId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'byId' })
  by?: Person | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column(INSTANT_COLUMN)
  at: Date;
}

/**
 * How the units of a unit's subtree (the unit too) stand on one instance of a deliverable, by their
 * hand-ins: on time, late, returned. Kept for the unit and each ancestor in the transaction of every
 * hand-in, return and move, so that an instance's completeness over any subtree is one indexed read
 * plus a count of the expected units. Hand-ins of units not expected for the instance count nowhere.
 */
@Entity('hand_in_tally')
@Unique('uq_hand_in_tally', ['deliverableId', 'periodKey', 'unitId'])
@Index('ix_hand_in_tally_campaign_unit', ['campaignId', 'unitId'])
export class HandInTally {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @Column(ID_COLUMN)
  deliverableId: string;

  @Column({ type: 'varchar', length: 20 })
  periodKey: string;

  @Index('ix_hand_in_tally_unit')
  @Column(ID_COLUMN)
  unitId: string;

  // A unit whose subtree holds a hand-in cannot be removed (it or a unit under it refers to it), so
  // only rows back at zero go with a removed unit.
  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /**
   * The instance's due instant the counts were taken against (when the row was made): the
   * committee may move a deliverable's deadline, after which the instance's rows are counted again.
   */
  @Column(INSTANT_COLUMN)
  dueAt: Date;

  @Column({ type: 'int', default: 0 })
  onTime: number;

  @Column({ type: 'int', default: 0 })
  late: number;

  @Column({ type: 'int', default: 0 })
  returned: number;
}
