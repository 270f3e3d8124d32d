import { Routes } from '../routes';

/**
 * A page to return to after signing in, taken from a `redirect` query parameter. Only pages of
 * this app are accepted (never the login page itself, never another site).
 */
export function safeRedirect(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw;
  try {
    if (/%2F/i.test(value)) value = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  if (!/^\/(pages|subpackages)\/[A-Za-z0-9/_-]+(\?.*)?$/.test(value)) return undefined;
  if (value.split('?')[0] === Routes.login) return undefined;
  return value;
}
