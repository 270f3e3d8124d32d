import { Inject, Injectable } from '@nestjs/common';
import { NoticeKind, WECHAT_TEMPLATE_PURPOSE_OF, WECHAT_TEMPLATE_PURPOSES, WechatSubscriptionsDto } from '@safemonth/shared';
import { In, MoreThan } from 'typeorm';
import { ApiException } from '../../common/api-exception';
import { newId } from '../../common/columns';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Database } from '../../database/database.service';
import { WechatSubscription } from './wechat-subscription.entity';

/**
 * Counts each person's one-time WeChat subscriptions per template: WeChat allows one message per
 * subscription and does not say how many are left, so a send spends one here first.
 */
@Injectable()
export class WechatSubscriptionsService {
  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get subscriptions() {
    return this.database.repository(WechatSubscription);
  }

  /** The template a notice of `kind` is sent with, or null when none is configured. */
  templateFor(kind: NoticeKind): { id: string; fields: string } | null {
    return this.config.wechatMessages.templates[WECHAT_TEMPLATE_PURPOSE_OF[kind]];
  }

  /** The configured templates, with the person's subscriptions left on each. */
  async list(personId: string): Promise<WechatSubscriptionsDto> {
    const configured = WECHAT_TEMPLATE_PURPOSES.flatMap((purpose) => {
      const template = this.config.wechatMessages.templates[purpose];
      return template ? [{ purpose, templateId: template.id }] : [];
    });
    const rows = configured.length
      ? await this.subscriptions.findBy({ personId, templateId: In(configured.map((t) => t.templateId)) })
      : [];
    return {
      templates: configured.map((t) => ({ ...t, remaining: rows.find((row) => row.templateId === t.templateId)?.remaining ?? 0 })),
    };
  }

  /** One subscription more on each template the person accepted; ids the server does not send with are refused. */
  async add(personId: string, templateIds: string[]): Promise<WechatSubscriptionsDto> {
    const known = new Set(WECHAT_TEMPLATE_PURPOSES.map((purpose) => this.config.wechatMessages.templates[purpose]?.id));
    const unknown = templateIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw ApiException.badRequest('订阅的消息模板不存在', [{ field: 'templateIds', message: `未知的模板：${unknown.join('、')}` }]);
    }
    const accepted = [...new Set(templateIds)];
    // The rows first, each on its own (as the rate limits do): inside the transaction, the shared
    // lock an insert-if-absent takes on an existing row would deadlock with other increments.
    for (const templateId of accepted) {
      // An upsert on the person and template alone, changing nothing: any other error still fails.
      await this.subscriptions
        .createQueryBuilder()
        .insert()
        .values({ id: newId(), personId, templateId, remaining: 0 })
        .orUpdate(['personId'], ['personId', 'templateId'])
        .updateEntity(false)
        .execute();
    }
    await this.database.transaction(async () => {
      for (const templateId of accepted) await this.subscriptions.increment({ personId, templateId }, 'remaining', 1);
    });
    return this.list(personId);
  }

  /** Spends one subscription, if one is left: whether it did. Many sends at once each spend their own. */
  async spend(personId: string, templateId: string): Promise<boolean> {
    const result = await this.subscriptions.decrement({ personId, templateId, remaining: MoreThan(0) }, 'remaining', 1);
    return result.affected === 1;
  }

  /** Gives back a subscription spent on a message WeChat did not take. */
  async giveBack(personId: string, templateId: string): Promise<void> {
    await this.subscriptions.increment({ personId, templateId }, 'remaining', 1);
  }

  /** WeChat says none are left (43101): the count was wrong (e.g. the person turned messages off). */
  async spentAll(personId: string, templateId: string): Promise<void> {
    await this.subscriptions.update({ personId, templateId }, { remaining: 0 });
  }
}
