import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WechatAccessTokens } from './channels/wechat-access-token';
import { WechatChannel } from './channels/wechat.channel';
import { WechatSubscriptionsController } from './channels/wechat-subscriptions.controller';
import { WechatSubscriptionsService } from './channels/wechat-subscriptions.service';
import { WecomChannel } from './channels/wecom.channel';
import { WecomRobotsController } from './channels/wecom-robots.controller';
import { WecomRobotsService } from './channels/wecom-robots.service';
import { DeliveryLogController } from './delivery-log.controller';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox-worker';

/**
 * The outbox, its worker and the channels (each channel a provider here, registering itself with
 * `NotificationsService` as the module starts). Imports no feature but people (the WeChat channel
 * reads openids there): features that notify import this module and call `NotificationsService`.
 */
@Module({
  imports: [PeopleModule, RateLimitModule],
  controllers: [InboxController, DeliveryLogController, WechatSubscriptionsController, WecomRobotsController],
  providers: [
    NotificationsService,
    OutboxWorker,
    InboxService,
    InboxChannel,
    WechatChannel,
    WechatAccessTokens,
    WechatSubscriptionsService,
    WecomChannel,
    WecomRobotsService,
    EmailChannel,
  ],
  // The robots, for features that address notices to a unit's group robots.
  exports: [NotificationsService, WecomRobotsService],
})
export class NotificationsModule {}
