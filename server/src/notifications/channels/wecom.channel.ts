import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimitService } from '../../rate-limit/rate-limit.service';
import type { Channel, OutboxMessage, SendOutcome } from '../channel';
import { NotificationsService } from '../notifications.service';
import { appUrl } from './app-url';
import { PlatformAnswer, platformError, postJson } from './post-json';
import { robotPayload } from './wecom-message';
import { WecomRobotsService } from './wecom-robots.service';

/** WeCom takes at most 20 messages a minute from one robot. */
export const ROBOT_LIMIT = { limit: 20, windowSeconds: 60 };
/** WeCom's answer to a robot posting too often. */
const TOO_OFTEN = 45009;
/** WeCom does not know the webhook (the robot was removed from its group). */
const NO_SUCH_WEBHOOK = 93000;

/**
 * WeCom group robots: a message addressed to a robot (its id) goes to the robot's group. Each
 * robot's messages are counted per minute in the database, across processes; one beyond WeCom's
 * limit, or one WeCom refuses as too many (45009), waits for the next minute: none is dropped.
 */
@Injectable()
export class WecomChannel implements Channel, OnModuleInit {
  readonly name = 'wecom' as const;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly robots: WecomRobotsService,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.registerChannel(this);
  }

  async send(message: OutboxMessage): Promise<SendOutcome> {
    const robot = message.address ? await this.robots.find(message.address) : null;
    if (!robot) return { kind: 'failed', error: '群机器人不存在或已删除' };
    const counted = await this.rateLimits.count(`wecom-robot:${robot.id}`, ROBOT_LIMIT);
    if (!counted.allowed) return { kind: 'retry', error: '群机器人每分钟最多发送 20 条，下一分钟再发', notBefore: counted.windowEndsAt };
    const payload = robotPayload({ title: message.title, body: message.body, url: message.link && appUrl(this.config, message.link) }, robot.textOnly);
    let answer: PlatformAnswer;
    try {
      answer = await postJson(`${this.config.wecomApiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(robot.webhookKey)}`, payload);
    } catch (error) {
      return { kind: 'retry', error: `企业微信：${error instanceof Error ? error.message : String(error)}` };
    }
    if (!answer.errcode) return { kind: 'sent' };
    if (answer.errcode === TOO_OFTEN) return { kind: 'retry', error: platformError('企业微信', answer), notBefore: counted.windowEndsAt };
    if (answer.errcode === NO_SUCH_WEBHOOK) return { kind: 'failed', error: `群机器人地址无效（${platformError('企业微信', answer)}）` };
    return { kind: 'retry', error: platformError('企业微信', answer) };
  }
}
