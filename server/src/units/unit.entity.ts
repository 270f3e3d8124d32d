import { UnitKind } from '@safemonth/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';

/** Deep enough for committee → county → bureau → school/enterprise → workshop, with room to spare. */
export const MAX_UNIT_DEPTH = 9;

/**
 * A unit of the campaign tree. `path` lists the ids from the root down to this unit
 * (`/root/…/self/`), so a subtree is one indexed prefix query and "is X under Y" a string test.
 */
@Entity('unit')
@Unique('uq_unit_parent_name', ['parentId', 'name'])
export class Unit {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_unit_code', { unique: true })
  @Column({ type: 'varchar', length: 50, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: UnitKind;

  @Column({ ...ID_COLUMN, nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parentId' })
  parent?: Unit | null;

  @Index('ix_unit_path')
  @Column({ type: 'varchar', length: 400 })
  path: string;

  @Column({ type: 'int' })
  depth: number;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}
