/** What WeChat's and WeCom's server APIs answer: `errcode` 0 (or none) is success. */
export interface PlatformAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs JSON to WeChat or WeCom and reads their JSON answer. Throws when there is none (network,
 * timeout, HTTP error), with a message for the delivery log: always worth another try.
 */
export async function postJson(url: string, body: unknown): Promise<PlatformAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`无法连接（${error instanceof Error ? error.message : String(error)}）`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  try {
    return (await response.json()) as PlatformAnswer;
  } catch {
    throw new Error('应答不是 JSON');
  }
}

/** An errcode as the delivery log shows it. */
export function platformError(platform: string, answer: PlatformAnswer): string {
  return `${platform}返回 ${answer.errcode}${answer.errmsg ? `：${answer.errmsg}` : ''}`;
}
