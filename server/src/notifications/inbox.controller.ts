import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InboxMessageDto, InboxReadAllResponse, InboxUnreadCountDto, Page } from '@safemonth/shared';
import { CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { PageQueryDto } from '../common/paging';
import { InboxService } from './inbox.service';

/** The signed-in person's own in-app messages; another's answers as missing. */
@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @SignedIn()
  list(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<InboxMessageDto>> {
    return this.inbox.list(actor.personId, query);
  }

  @Get('unread-count')
  @SignedIn()
  async unreadCount(@CurrentActor() actor: Actor): Promise<InboxUnreadCountDto> {
    return { unread: await this.inbox.unreadCount(actor.personId) };
  }

  @Post('read-all')
  @HttpCode(200)
  @SignedIn()
  async readAll(@CurrentActor() actor: Actor): Promise<InboxReadAllResponse> {
    return { marked: await this.inbox.markAllRead(actor.personId) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @SignedIn()
  read(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<InboxMessageDto> {
    return this.inbox.markRead(actor.personId, id);
  }
}
