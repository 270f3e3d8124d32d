import { Injectable } from '@nestjs/common';
import { InboxMessageDto, Page, PageQuery, pageWindow } from '@safemonth/shared';
import { IsNull } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { InboxMessage } from './inbox-message.entity';

/** Each person's own inbox messages (delivered by `InboxChannel`), as the API shows them. */
@Injectable()
export class InboxService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  private get messages() {
    return this.database.repository(InboxMessage);
  }

  /** A page of the person's messages, newest first. */
  async list(personId: string, query: PageQuery): Promise<Page<InboxMessageDto>> {
    const { page, size, skip } = pageWindow(query);
    const [found, total] = await this.messages.findAndCount({ where: { personId }, order: { createdAt: 'DESC', id: 'DESC' }, skip, take: size });
    return { items: found.map(toDto), total, page, size };
  }

  async unreadCount(personId: string): Promise<number> {
    return this.messages.countBy({ personId, readAt: IsNull() });
  }

  /** Marks one of the person's messages read (again: it stays read as it was); another's is missing. */
  async markRead(personId: string, id: string): Promise<InboxMessageDto> {
    await this.messages.update({ id, personId, readAt: IsNull() }, { readAt: this.clock.now() });
    const message = await this.messages.findOneBy({ id, personId });
    if (!message) throw ApiException.notFound('消息不存在');
    return toDto(message);
  }

  /** Marks all the person's unread messages read; how many. */
  async markAllRead(personId: string): Promise<number> {
    const result = await this.messages.update({ personId, readAt: IsNull() }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }
}

function toDto(message: InboxMessage): InboxMessageDto {
  return {
    id: message.id,
    kind: message.kind,
    title: message.title,
    body: message.body,
    link: message.link,
    createdAt: message.createdAt.toISOString(),
    readAt: message.readAt?.toISOString() ?? null,
  };
}
