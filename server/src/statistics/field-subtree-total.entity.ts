import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, newId } from '../common/columns';
import { Unit } from '../units/unit.entity';

/**
 * One field summed over a unit and everything under it, kept up to date in the transaction of
 * every change below it (and shifted by a move), so that any unit's subtree table, the root's
 * too, is one indexed read.
 */
@Entity('field_subtree_total')
@Unique('uq_field_subtree_total', ['fieldId', 'unitId'])
@Index('ix_field_subtree_total_campaign_unit', ['campaignId', 'unitId'])
export class FieldSubtreeTotal {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  fieldId: string;

  @ManyToOne(() => StatisticsField, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Column(ID_COLUMN)
  campaignId: string;

  @Index('ix_field_subtree_total_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /** Count fields: the sum; yes/no fields: the units answering yes; text fields: the units that answered. */
  @Column({ type: 'int', default: 0 })
  total: number;

  /** Count fields: the part of `total` from manual entries. */
  @Column({ type: 'int', default: 0 })
  manual: number;
}
