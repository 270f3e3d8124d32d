import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, newId } from '../common/columns';
import { Unit } from '../units/unit.entity';

/**
 * A unit's running total of one statistics field. Kept up to date in the transaction that changes
 * it, so a unit's table is read without summing its reports. A field with any total holds data.
 */
@Entity('field_total')
@Unique('uq_field_total', ['fieldId', 'unitId'])
@Index('ix_field_total_campaign_unit', ['campaignId', 'unitId'])
export class FieldTotal {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  fieldId: string;

  /** The field's campaign, so that a unit's table is one indexed read. */
  @Column(ID_COLUMN)
  campaignId: string;

  // RESTRICT: a field that holds data cannot disappear, not even by a bug elsewhere.
  @ManyToOne(() => StatisticsField, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Index('ix_field_total_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /** Everything counted: accepted reports' contributions and manual entries. */
  @Column({ type: 'int', default: 0 })
  total: number;

  /** The part of `total` from manual entries. */
  @Column({ type: 'int', default: 0 })
  manual: number;
}
