import { ReminderPolicy as Policy } from '@safemonth/shared';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Campaign, Deliverable } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';

/**
 * When and how a campaign's units are reminded of a deliverable: the campaign's default (no
 * deliverable) or one deliverable's own, which goes with the deliverable. The policy is one JSON
 * value, validated and normalized by the shared rules before it is stored.
 */
@Entity('reminder_policy')
@Unique('uq_reminder_policy', ['campaignId', 'deliverableId'])
export class ReminderPolicy {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaignId' })
  campaign?: Campaign;

  /** Null: the campaign's default (one per campaign, kept so by writing a campaign's policies under its lock). */
  @Column({ ...ID_COLUMN, nullable: true })
  deliverableId: string | null;

  @ManyToOne(() => Deliverable, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'deliverableId' })
  deliverable?: Deliverable | null;

  @Column({ type: 'simple-json' })
  policy: Policy;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}
