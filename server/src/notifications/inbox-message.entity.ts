import { NoticeKind } from '@safemonth/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../common/columns';
import { Person } from '../people/person.entity';

/**
 * A message in a person's in-app inbox, delivered from one outbox row (unique, so a row sent twice
 * after a lease ran out still shows once).
 */
@Entity('inbox_message')
@Index('ix_inbox_message_person', ['personId', 'createdAt'])
export class InboxMessage {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  /** Not a foreign key: the message stays the person's whatever becomes of the outbox row. */
  @Index('uq_inbox_message_outbox', { unique: true })
  @Column(ID_COLUMN)
  outboxMessageId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: NoticeKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Column(INSTANT_COLUMN)
  createdAt: Date;

  @Column({ ...INSTANT_COLUMN, nullable: true })
  readAt: Date | null = null;
}
