import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiErrorBody, ErrorCode, isApiErrorBody } from '@safemonth/shared';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isLockConflict, isUniqueViolation } from '../database/errors';
import { ApiException } from './api-exception';

const STATUS_CODES: Partial<Record<number, [ErrorCode, string]>> = {
  400: [ErrorCode.ValidationFailed, '请求有误'],
  401: [ErrorCode.Unauthenticated, '请先登录'],
  403: [ErrorCode.Forbidden, '您没有权限执行此操作'],
  404: [ErrorCode.NotFound, '请求的内容不存在'],
  409: [ErrorCode.Conflict, '数据冲突，请刷新后重试'],
  413: [ErrorCode.PayloadTooLarge, '提交的内容过大'],
  415: [ErrorCode.ValidationFailed, '不支持该请求内容格式（数据请用 JSON，文件请用 multipart/form-data 上传）'],
  429: [ErrorCode.RateLimited, '操作过于频繁，请稍后再试'],
};

/**
 * Turns anything thrown while handling a request into `{ error: { code, message, details } }`.
 * `bodyLimit` is named when a body is refused as too large (by the HTTP layer, before any handler).
 */
export function toApiError(exception: unknown, bodyLimit?: string): { status: number; body: ApiErrorBody } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isApiErrorBody(response)) return { status, body: response };
    const [code, message] = STATUS_CODES[status] ?? [ErrorCode.Internal, '请求失败'];
    return { status, body: { error: { code, message: status === 413 && bodyLimit ? `${message}（上限 ${bodyLimit}）` : message } } };
  }
  if (isUniqueViolation(exception)) {
    return { status: 409, body: { error: { code: ErrorCode.Conflict, message: '数据已存在，请勿重复提交' } } };
  }
  if (isLockConflict(exception)) {
    const busy = ApiException.databaseBusy();
    return { status: busy.getStatus(), body: busy.body };
  }
  if (isConnectionFailure(exception)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { error: { code: ErrorCode.DatabaseUnavailable, message: '数据库暂时不可用，请稍后重试' } },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: { code: ErrorCode.Internal, message: '服务器内部错误，请稍后重试' } },
  };
}

function isConnectionFailure(exception: unknown): boolean {
  const code =
    exception instanceof QueryFailedError
      ? (exception.driverError as { code?: string } | undefined)?.code
      : (exception as { code?: string } | null)?.code;
  return ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ER_CON_COUNT_ERROR'].includes(code ?? '');
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const { status, body } = toApiError(exception, this.config.bodyLimit.text);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (httpAdapter.isHeadersSent(response)) return;
    httpAdapter.reply(response, body, status);
  }
}
