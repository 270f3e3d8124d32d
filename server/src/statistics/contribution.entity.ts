import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StatisticsField } from '../campaigns/campaign.entity';
import { ID_COLUMN, newId } from '../common/columns';

/** What one accepted report added to one field of its unit. Removed when the report is returned or deleted. */
@Entity('contribution')
export class Contribution {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_contribution_report')
  @Column(ID_COLUMN)
  reportId: string;

  @Column(ID_COLUMN)
  unitId: string;

  @Column(ID_COLUMN)
  fieldId: string;

  @ManyToOne(() => StatisticsField, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fieldId' })
  field?: StatisticsField;

  @Column({ type: 'int' })
  amount: number;
}
