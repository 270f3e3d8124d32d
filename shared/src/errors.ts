/**
 * The one error shape of the API: every failure answers
 * `{ "error": { "code", "message", "details" } }`. `message` is Chinese and may be shown as is.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A photo with more pixels than the server decodes (PHOTO_MAX_MEGAPIXELS), however small its file. */
  ImageTooLarge: 'IMAGE_TOO_LARGE',
  Unauthenticated: 'UNAUTHENTICATED',
  TokenExpired: 'TOKEN_EXPIRED',
  Forbidden: 'FORBIDDEN',
  /** A reviewer's own report: someone else reviews it (unless the campaign allows it in a one-person unit). */
  SelfReview: 'SELF_REVIEW',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins of one login from one client address: that pair waits, whether the login exists or not. */
  TooManyFailedSignIns: 'TOO_MANY_FAILED_SIGN_INS',
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatCodeUsed: 'WECHAT_CODE_USED',
  WechatRateLimited: 'WECHAT_RATE_LIMITED',
  WechatUnavailable: 'WECHAT_UNAVAILABLE',
  InviteNotFound: 'INVITE_NOT_FOUND',
  InviteExpired: 'INVITE_EXPIRED',
  InviteUsedUp: 'INVITE_USED_UP',
  UnitCycle: 'UNIT_CYCLE',
  ImportInvalid: 'IMPORT_INVALID',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  /** Other requests held the rows this one needed, again and again: worth trying again shortly. */
  DatabaseBusy: 'DATABASE_BUSY',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one input: a field of a body, a row of an import file. */
export interface ErrorDetail {
  field?: string;
  row?: number;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
