import { MediaKind } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/**
 * A photo or video uploaded for a unit in a campaign, first on its own, then attached to the
 * report it proves; or a document, attached to the hand-in of a deliverable it belongs to. The
 * file itself is in the media storage under `storageKey`.
 */
@Entity('media')
export class Media {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

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

  @Column(ID_COLUMN)
  uploadedById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy?: Person;

  /** The report using it, once attached. Not a foreign key: reports belong to the reports feature. */
  @Index('ix_media_report')
  @Column({ ...ID_COLUMN, nullable: true })
  reportId: string | null;

  /** The deliverable hand-in holding this document, once attached. Not a foreign key: hand-ins belong to the deliverables feature. */
  @Index('ix_media_hand_in')
  @Column({ ...ID_COLUMN, nullable: true })
  handInId: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind: MediaKind | 'document';

  /** The name the file was uploaded with, for display ('' when the client gave none). */
  @Column({ type: 'varchar', length: 200, default: '' })
  fileName: string;

  /** Decided from the bytes, never from the name or the client's content type (OOXML's run to 71 characters). */
  @Column({ type: 'varchar', length: 100 })
  mime: string;

  /** Up to 2048 MB (the largest limit a campaign may set) does not fit an `int`. */
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  sizeBytes: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  /** To see that the same file was already used in another report. */
  @Index('ix_media_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  /** When the photo was taken, from its EXIF data. */
  @Column({ ...INSTANT_COLUMN, nullable: true })
  capturedAt: Date | null;

  /** Degrees × 10⁶ as integers: the same on every database. */
  @Column({ type: 'int', nullable: true })
  gpsLatitudeE6: number | null;

  @Column({ type: 'int', nullable: true })
  gpsLongitudeE6: number | null;

  @Column({ type: 'simple-json' })
  warnings: string[];

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
