import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';

/** A refresh token, kept as its SHA-256 only. Spent on use: each refresh issues a new one. */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Index('ix_refresh_token_person')
  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  @Index('uq_refresh_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(INSTANT_COLUMN)
  expiresAt: Date;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  usedAt: Date | null;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
