import type { StatisticsTableDto, TableSubmissionState } from '@safemonth/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * A unit's statistics table as its liaison handed it in (统计表报送): the header and a snapshot of
 * the table's items at that moment, then the committee's review. One row per hand-in, numbered per
 * unit: the rows are the table's history (each with its own snapshot), the highest the current one.
 */
@Entity('table_submission')
@Unique('uq_table_submission_round', ['campaignId', 'unitId', 'round'])
export class TableSubmission {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Index('ix_table_submission_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /** 1 for the unit's first hand-in in the campaign, then one more each time: two at once cannot both be the next. */
  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'varchar', length: 20 })
  state: TableSubmissionState;

  /** 填报单位 as the unit was named when handed in. */
  @Column({ type: 'varchar', length: 100 })
  unitName: string;

  @Column({ type: 'varchar', length: 50 })
  contactName: string;

  @Column({ type: 'varchar', length: 30 })
  phone: string;

  /** `YYYY-MM-DD`, China time. */
  @Column({ type: 'varchar', length: 10 })
  fillDate: string;

  @Column({ type: 'simple-json' })
  snapshot: StatisticsTableDto['items'];

  @Column(INSTANT_COLUMN)
  submittedAt: Date;

  @Index('ix_table_submission_submitted_by')
  @Column(ID_COLUMN)
  submittedById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submittedById' })
  submittedBy?: Person;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  reviewedAt: Date | null;

  @Index('ix_table_submission_reviewed_by')
  @Column({ ...ID_COLUMN, nullable: true })
  reviewedById: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'reviewedById' })
  reviewedBy?: Person | null;

  /** Why it was returned. */
  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
