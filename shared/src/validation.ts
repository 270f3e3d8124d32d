/** Input rules both the forms and the API apply, with the Chinese messages a user sees. */

import { STATISTICS_LIMITS } from './api';
import { parseDay } from './deadlines/china-time';

/** Mainland mobile numbers: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** Usernames: a letter first, then letters, digits, `_`, `.` or `-`. */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

export function isMobile(value: string): boolean {
  return MOBILE_PATTERN.test(value);
}

/** Landlines with an optional area code and extension: 0955-1234567, 12345678, 010-12345678-801. */
export const LANDLINE_PATTERN = /^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$/;

/** A phone to reach someone at: a mobile or a landline. */
export function isPhone(value: string): boolean {
  return isMobile(value) || LANDLINE_PATTERN.test(value);
}

/** Which kind of sign-in name `login` is, or why it is neither. */
export function classifyLogin(login: string): { kind: 'phone' | 'username' } | { error: string } {
  const value = login.trim();
  if (value === '') return { error: '请输入用户名或手机号' };
  if (/^\d+$/.test(value)) {
    return isMobile(value) ? { kind: 'phone' } : { error: '手机号应为 11 位数字，以 1 开头' };
  }
  return USERNAME_PATTERN.test(value)
    ? { kind: 'username' }
    : { error: '用户名须以字母开头，3–32 位字母、数字或 _ . -' };
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 位`;
  return undefined;
}

/** No lookbehind: older mini program engines lack it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const INVALID_TEXT_MESSAGE = '含有无效字符（空字符或不完整的 Unicode 字符）';

/**
 * Whether text holds what no text may: NUL (databases cut text there, or refuse it) or a UTF-16
 * surrogate outside a pair (no character at all).
 */
export function hasInvalidCharacters(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** A `YYYY-MM-DD` date that is in the calendar (2027-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  return parseDay(text) !== undefined;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 date and time with its offset, as `toISOString` writes it (`2027-06-01T01:30:00.000Z`), on a calendar date. */
export function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  return match !== null && isCalendarDate(match[1]);
}

/**
 * Whether `value` is of the kind of answer the field takes, whatever its length: true or false for a
 * yes/no field, text for a text field (a count field takes none). A value proposed before the field's
 * kind changed may be of the other kind.
 */
export function isAnswerOfKind(kind: 'count' | 'boolean' | 'text', value: unknown): value is boolean | string {
  return kind === 'boolean' ? typeof value === 'boolean' : kind === 'text' && typeof value === 'string';
}

/**
 * What is wrong with `value` as the answer to a yes/no field (true or false) or a text field
 * (non-blank text of at most `STATISTICS_LIMITS.textAnswerMaxLength` characters, trimmed), or
 * undefined: the rule of the liaison's answers and of the answers a report proposes.
 */
export function answerProblem(field: { kind: 'boolean' | 'text'; label: string }, value: unknown): string | undefined {
  if (field.kind === 'boolean') return typeof value === 'boolean' ? undefined : `“${field.label}”是“是/否”项，只能选择“是”或“否”`;
  if (typeof value !== 'string' || value.trim() === '') return `“${field.label}”是文字项，请填写文字`;
  return value.trim().length > STATISTICS_LIMITS.textAnswerMaxLength ? `答案最多 ${STATISTICS_LIMITS.textAnswerMaxLength} 个字` : undefined;
}
