import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiErrorBody, ErrorCode, ErrorDetail } from '@safemonth/shared';

/** A failure the client is told about: an HTTP status plus the API's one error shape. */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: ErrorDetail[]) {
    const body: ApiErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
    super(body, status);
  }

  get body(): ApiErrorBody {
    return this.getResponse() as ApiErrorBody;
  }

  static badRequest(message: string, details?: ErrorDetail[]) {
    return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, message, details);
  }

  static notFound(message: string) {
    return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, message);
  }

  static conflict(message: string, details?: ErrorDetail[]) {
    return new ApiException(HttpStatus.CONFLICT, ErrorCode.Conflict, message, details);
  }

  static forbidden(message = '您没有权限执行此操作') {
    return new ApiException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, message);
  }

  /** Other requests held the rows this one needed, again and again: worth trying again shortly. */
  static databaseBusy() {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DatabaseBusy, '系统繁忙，请稍后重试');
  }

  static unauthenticated(message = '请先登录') {
    return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message);
  }
}
