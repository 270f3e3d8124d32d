import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';

/** Someone who signs in: with WeChat (openid) in the mini program, or a password in the browser. */
@Entity('person')
export class Person {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Index('uq_person_username', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  username: string | null;

  @Index('uq_person_phone', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  passwordHash: string | null;

  @Index('uq_person_wechat_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatOpenId: string | null;

  @Index('ix_person_wechat_unionid')
  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatUnionId: string | null;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;

  @UpdateDateColumn(INSTANT_COLUMN)
  updatedAt: Date;
}
