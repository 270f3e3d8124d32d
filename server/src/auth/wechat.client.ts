import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@safemonth/shared';
import { ApiException } from '../common/api-exception';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

export interface WechatSession {
  openId: string;
  unionId: string | null;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** Calls WeChat's `jscode2session` to turn a `wx.login` code into the user's openid. */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async codeToSession(code: string): Promise<WechatSession> {
    const { appId, appSecret, apiBase } = this.config.wechat;
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
    let answer: Code2SessionAnswer;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as Code2SessionAnswer;
    } catch (error) {
      this.logger.warn(`jscode2session failed: ${(error as Error).message}`);
      throw unavailable();
    }
    if (answer.errcode) throw wechatError(answer.errcode, answer.errmsg);
    if (!answer.openid) throw unavailable();
    // session_key is not kept: nothing here decrypts WeChat data yet.
    return { openId: answer.openid, unionId: answer.unionid ?? null };
  }
}

function unavailable() {
  return new ApiException(HttpStatus.BAD_GATEWAY, ErrorCode.WechatUnavailable, '微信登录服务暂时不可用，请稍后重试');
}

function wechatError(code: number, message?: string): ApiException {
  switch (code) {
    case 40029:
      return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid, '微信登录凭证无效，请重新登录');
    case 40163:
      return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeUsed, '微信登录凭证已被使用，请重新登录');
    case 45011:
      return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.WechatRateLimited, '微信登录过于频繁，请稍后再试');
    case -1:
      return unavailable();
    default:
      return new ApiException(HttpStatus.BAD_GATEWAY, ErrorCode.WechatUnavailable, `微信登录失败（${code}${message ? `：${message}` : ''}）`);
  }
}
