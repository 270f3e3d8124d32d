/** WeCom's limits on a robot message's content, in UTF-8 bytes. */
export const MARKDOWN_MAX_BYTES = 4096;
export const TEXT_MAX_BYTES = 2048;

const ELLIPSIS = '…';

/** The longest start of `text` within `maxBytes` of UTF-8, cut between characters, ending in an ellipsis when cut. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS);
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

export interface RobotNotice {
  title: string;
  body: string;
  /** The page it opens, as an absolute address; null for none. */
  url: string | null;
}

export type RobotPayload = { msgtype: 'markdown'; markdown: { content: string } } | { msgtype: 'text'; text: { content: string } };

/**
 * What a robot posts: the title in bold, the body quoted, and a link to the page, in markdown; or
 * the same lines as plain text. Only the body is cut to fit, so the title and the link survive.
 */
export function robotPayload(notice: RobotNotice, textOnly: boolean): RobotPayload {
  if (textOnly) {
    const head = `${notice.title}\n`;
    const tail = notice.url ? `\n${notice.url}` : '';
    const body = cutToBytes(notice.body, TEXT_MAX_BYTES - Buffer.byteLength(head + tail));
    return { msgtype: 'text', text: { content: `${head}${body}${tail}` } };
  }
  const head = `**${notice.title}**\n`;
  const tail = notice.url ? `\n[查看详情](${notice.url})` : '';
  // A quote mark on every line keeps the body one block under the title.
  const quoted = notice.body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const body = cutToBytes(quoted, MARKDOWN_MAX_BYTES - Buffer.byteLength(head + tail));
  return { msgtype: 'markdown', markdown: { content: `${head}${body}${tail}` } };
}
