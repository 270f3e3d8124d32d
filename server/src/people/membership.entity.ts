import { Role } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Unit } from '../units/unit.entity';
import { Person } from './person.entity';

/** A person's role in a unit: committee, liaison or staff. */
@Entity('membership')
@Unique('uq_membership', ['personId', 'unitId', 'role'])
export class Membership {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  @Index('ix_membership_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
