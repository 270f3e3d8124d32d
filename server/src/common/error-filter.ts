import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiErrorBody, ErrorCode, isApiErrorBody } from '@safemonth/shared';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from '../database/errors';

const STATUS_CODES: Partial<Record<number, [ErrorCode, string]>> = {
  400: [ErrorCode.ValidationFailed, '请求有误'],
  401: [ErrorCode.Unauthenticated, '请先登录'],
  403: [ErrorCode.Forbidden, '您没有权限执行此操作'],
  404: [ErrorCode.NotFound, '请求的内容不存在'],
  409: [ErrorCode.Conflict, '数据冲突，请刷新后重试'],
  413: [ErrorCode.PayloadTooLarge, '提交的内容过大'],
  429: [ErrorCode.RateLimited, '操作过于频繁，请稍后再试'],
};

/** Turns anything thrown while handling a request into `{ error: { code, message, details } }`. */
export function toApiError(exception: unknown): { status: number; body: ApiErrorBody } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isApiErrorBody(response)) return { status, body: response };
    const [code, message] = STATUS_CODES[status] ?? [ErrorCode.Internal, '请求失败'];
    return { status, body: { error: { code, message } } };
  }
  if (isUniqueViolation(exception)) {
    return { status: 409, body: { error: { code: ErrorCode.Conflict, message: '数据已存在，请勿重复提交' } } };
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

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toApiError(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
