import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/** Work done offline that a unit's liaison (or the committee over it) adds by hand to a count field. */
@Entity('manual_entry')
@Index('ix_manual_entry_campaign_unit', ['campaignId', 'unitId'])
export class ManualEntry {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  campaignId: string;

  @Index('ix_manual_entry_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Index('ix_manual_entry_field')
  @Column(ID_COLUMN)
  fieldId: string;

  @ManyToOne(() => StatisticsField, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'varchar', length: 200 })
  note: string;

  @Index('ix_manual_entry_created_by')
  @Column(ID_COLUMN)
  createdById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: Person;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
