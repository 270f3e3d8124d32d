import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { Database } from '../../database/database.service';
import { platformError, postJson } from './post-json';
import { WechatToken } from './wechat-token.entity';

/** A token with less left than this is renewed: WeChat itself renews it 5 minutes before it ends. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The mini program's access token, kept in the database for every server process. Whichever
 * process finds it missing or about to end fetches one from `stable_token` (normal mode): several
 * fetching at once all get the same token, so none undoes another's, unlike the older `token`
 * endpoint, whose every call ends the token before.
 */
@Injectable()
export class WechatAccessTokens {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get tokens() {
    return this.database.repository(WechatToken);
  }

  /** A token good for at least 5 more minutes. Throws when WeChat gives none (worth another try later). */
  async current(): Promise<string> {
    return (await this.stored()) ?? this.fetch(false);
  }

  /**
   * Another token than `refused`, which WeChat refused (40001, 42001): the one stored meanwhile by
   * another process, or one fetched in force-refresh mode, as the normal mode would give the
   * refused token back while it has not yet expired at WeChat (force-refreshes are counted, and each
   * ends the token before, hence only after a refusal). Throws as `current` does.
   */
  async replace(refused: string): Promise<string> {
    await this.tokens.delete({ appId: this.config.wechat.appId, token: refused });
    return (await this.stored()) ?? this.fetch(true);
  }

  /** The stored token if it has more than 5 minutes left. */
  private async stored(): Promise<string | undefined> {
    const stored = await this.tokens.findOneBy({ appId: this.config.wechat.appId });
    return stored && stored.expiresAt.getTime() - this.clock.now().getTime() > RENEW_BEFORE_MS ? stored.token : undefined;
  }

  private async fetch(forceRefresh: boolean): Promise<string> {
    const { appId, appSecret, apiBase } = this.config.wechat;
    const answer = await postJson(`${apiBase}/cgi-bin/stable_token`, {
      grant_type: 'client_credential',
      appid: appId,
      secret: appSecret,
      force_refresh: forceRefresh,
    });
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new Error(answer.errcode ? platformError('微信获取令牌', answer) : '微信获取令牌的应答无效');
    }
    const token = answer.access_token;
    await this.tokens.upsert({ appId, token, expiresAt: new Date(this.clock.now().getTime() + answer.expires_in * 1000) }, ['appId']);
    return token;
  }
}
