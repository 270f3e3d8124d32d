import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/** A unit's answer to a yes/no field (`flag`) or a text field (`text`); cleared by removing the row. */
@Entity('field_answer')
@Unique('uq_field_answer', ['fieldId', 'unitId'])
@Index('ix_field_answer_campaign_unit', ['campaignId', 'unitId'])
export class FieldAnswer {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  fieldId: string;

  @ManyToOne(() => StatisticsField, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Column(ID_COLUMN)
  campaignId: string;

  @Index('ix_field_answer_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'boolean', nullable: true })
  flag: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  text: string | null;

  @Index('ix_field_answer_answered_by')
  @Column(ID_COLUMN)
  answeredById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answeredById' })
  answeredBy?: Person;

  @Column(INSTANT_COLUMN)
  answeredAt: Date;
}
