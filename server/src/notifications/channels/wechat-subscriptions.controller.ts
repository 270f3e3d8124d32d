import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WechatSubscriptionsDto } from '@safemonth/shared';
import { CurrentActor, SignedIn } from '../../auth/access.decorators';
import { Actor } from '../../auth/policy';
import { AddWechatSubscriptionsDto } from './channels.dto';
import { WechatSubscriptionsService } from './wechat-subscriptions.service';

/** The signed-in person's WeChat subscriptions: which templates to ask for, how many sends are left. */
@ApiTags('notifications')
@Controller('notifications/wechat-subscriptions')
export class WechatSubscriptionsController {
  constructor(private readonly subscriptions: WechatSubscriptionsService) {}

  @Get()
  @SignedIn()
  list(@CurrentActor() actor: Actor): Promise<WechatSubscriptionsDto> {
    return this.subscriptions.list(actor.personId);
  }

  /** What the person accepted in `requestSubscribeMessage`: one send more on each. */
  @Post()
  @HttpCode(200)
  @SignedIn()
  add(@Body() body: AddWechatSubscriptionsDto, @CurrentActor() actor: Actor): Promise<WechatSubscriptionsDto> {
    return this.subscriptions.add(actor.personId, body.templateIds);
  }
}
