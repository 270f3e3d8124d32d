import { isApiError } from '../api/client';

/** The message to show for a failed call: the server's (Chinese) message, or `fallback`. */
export function messageOf(error: unknown, fallback = '操作失败，请稍后重试'): string {
  return isApiError(error) ? error.message : fallback;
}
