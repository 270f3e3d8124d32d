/** Input rules both the forms and the API apply, with the Chinese messages a user sees. */

/** Mainland mobile numbers: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** Usernames: a letter first, then letters, digits, `_`, `.` or `-`. */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

export function isMobile(value: string): boolean {
  return MOBILE_PATTERN.test(value);
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
