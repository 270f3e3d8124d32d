import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database.service';
import type { Channel, OutboxMessage, SendOutcome } from '../channel';
import { InboxMessage } from '../inbox-message.entity';
import { NotificationsService } from '../notifications.service';

/** The in-app inbox: delivers an outbox message as a message of its person, once however often it is sent. */
@Injectable()
export class InboxChannel implements Channel, OnModuleInit {
  readonly name = 'inbox' as const;

  constructor(
    private readonly database: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.notifications.registerChannel(this);
  }

  async send(message: OutboxMessage): Promise<SendOutcome> {
    if (!message.personId) return { kind: 'failed', error: '站内消息没有收件人' };
    const messages = this.database.repository(InboxMessage);
    const row = messages.create({
      personId: message.personId,
      outboxMessageId: message.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.link,
      createdAt: this.clock.now(),
    });
    // Sent again after a lease ran out: the message is there already, and stays as it was. An upsert
    // on that key alone, so that any other error (its person gone) still fails the send.
    await messages.createQueryBuilder().insert().into(InboxMessage).values(row).orUpdate(['outboxMessageId'], ['outboxMessageId']).updateEntity(false).execute();
    return { kind: 'sent' };
  }
}
