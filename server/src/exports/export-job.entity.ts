import { ExportKind, ExportStatus } from '@safemonth/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * An export asked for, made in the background by whichever server process claims it first: a
 * runner takes a queued row (or one whose runner stopped renewing its lease) with a guarded update,
 * and renews the lease while it writes the file. Jobs and their files go after a day, so they
 * cascade away with their campaign or unit.
 */
@Entity('export_job')
@Index('ix_export_job_claim', ['status', 'leaseUntil'])
export class ExportJob {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_export_job_campaign')
  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  @Index('ix_export_job_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'varchar', length: 20 })
  kind: ExportKind;

  @Index('ix_export_job_requested_by')
  @Column(ID_COLUMN)
  requestedById: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requestedById' })
  requestedBy?: Person;

  @Column({ type: 'varchar', length: 10 })
  status: ExportStatus;

  /** Thousandths done (an integer, the same on every database). */
  @Column({ type: 'int', default: 0 })
  progressPermille: number;

  /** The file's name when downloaded. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Which runner holds it while running, until `leaseUntil`. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  runnerId: string | null = null;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  leaseUntil: Date | null = null;

  /** Runs started: a job that keeps taking its runner down is given up after a few. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null = null;

  /** By the server's clock: jobs are removed, file and all, a day after. */
  @Index('ix_export_job_created_at')
  @Column(INSTANT_COLUMN)
  createdAt: Date;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  finishedAt: Date | null = null;
}
