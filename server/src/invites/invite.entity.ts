import { Role } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';

/** An invitation to join a unit in a role; redeemable `maxUses` times until `expiresAt`. */
@Entity('invite')
export class Invite {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('uq_invite_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Index('ix_invite_unit')
  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ ...ID_COLUMN, nullable: true })
  createdById: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'createdById' })
  createdBy?: Person | null;

  @Column(INSTANT_COLUMN)
  expiresAt: Date;

  @Column({ type: 'int' })
  maxUses: number;

  @Column({ type: 'int', default: 0 })
  uses: number;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
