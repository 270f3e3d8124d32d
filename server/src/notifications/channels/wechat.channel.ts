import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { NOTICE_KIND_LABELS } from '@safemonth/shared';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { PeopleService } from '../../people/people.service';
import type { Channel, OutboxMessage, SendOutcome } from '../channel';
import { NotificationsService } from '../notifications.service';
import { PlatformAnswer, platformError, postJson } from './post-json';
import { WechatAccessTokens } from './wechat-access-token';
import { WechatSubscriptionsService } from './wechat-subscriptions.service';
import { parseTemplateLayout, templateData } from './wechat-template-data';

/** WeChat's answers that the access token is no good: invalid (40001, 40014) or expired (42001). */
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);
/** The person has no subscription left on the template (refused or spent). */
const NOT_SUBSCRIBED = 43101;
/**
 * WeChat's answers that this message will never go, however often it is tried: the openid is not
 * one of this mini program's (40003), the template id is wrong (40037), the page is not in the app
 * (41030), the data does not fit the template (47001, 47003), the content is refused as sensitive
 * (45168), the person blocked messages (43107).
 */
const PERMANENT = new Set([40003, 40037, 41030, 43107, 45168, 47001, 47003]);

/**
 * WeChat subscribe messages (订阅消息) to the person's openid, with the template of the notice's
 * kind. Each message spends one of the person's counted subscriptions before it goes out, and gets
 * it back if WeChat did not take the message.
 */
@Injectable()
export class WechatChannel implements Channel, OnModuleInit {
  readonly name = 'wechat' as const;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly people: PeopleService,
    private readonly subscriptions: WechatSubscriptionsService,
    private readonly tokens: WechatAccessTokens,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.registerChannel(this);
  }

  async send(message: OutboxMessage): Promise<SendOutcome> {
    const template = this.subscriptions.templateFor(message.kind);
    if (!template) return { kind: 'failed', error: '未配置模板' };
    const person = message.personId ? await this.people.find(message.personId) : null;
    if (!person?.wechatOpenId) return { kind: 'failed', error: '未绑定微信' };
    if (!(await this.subscriptions.spend(person.id, template.id))) return { kind: 'failed', error: '未订阅提醒' };

    const facts = { kind: NOTICE_KIND_LABELS[message.kind], title: message.title, body: message.body, ...message.facts };
    const body = {
      touser: person.wechatOpenId,
      template_id: template.id,
      ...(message.link ? { page: message.link.replace(/^\//, '') } : {}),
      data: templateData(parseTemplateLayout(template.fields), facts, this.clock.now()),
      miniprogram_state: this.config.wechatMessages.miniprogramState,
      lang: 'zh_CN',
    };
    let answer: PlatformAnswer;
    try {
      answer = await this.post(body);
    } catch (error) {
      await this.subscriptions.giveBack(person.id, template.id);
      return { kind: 'retry', error: `微信：${error instanceof Error ? error.message : String(error)}` };
    }
    if (!answer.errcode) return { kind: 'sent' };
    if (answer.errcode === NOT_SUBSCRIBED) {
      await this.subscriptions.spentAll(person.id, template.id);
      return { kind: 'failed', error: `未订阅提醒（${platformError('微信', answer)}）` };
    }
    // Not sent: the subscription is still there at WeChat.
    await this.subscriptions.giveBack(person.id, template.id);
    if (PERMANENT.has(answer.errcode)) return { kind: 'failed', error: platformError('微信', answer) };
    return { kind: 'retry', error: platformError('微信', answer) };
  }

  /** Sends with the shared token; a token WeChat refuses is replaced and the message sent once more with the new one. */
  private async post(body: object): Promise<PlatformAnswer> {
    const send = (token: string) => postJson(`${this.config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, body);
    const token = await this.tokens.current();
    const answer = await send(token);
    return TOKEN_REFUSED.has(answer.errcode ?? 0) ? send(await this.tokens.replace(token)) : answer;
  }
}
