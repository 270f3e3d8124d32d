/**
 * Table cells copied from web pages or rich editors carry HTML. Block tags become line breaks
 * (they separate clauses the way a new paragraph does), other tags vanish, entities are decoded.
 * Only ASCII tag names count as tags: `<静海区…方案>` inside a title is text.
 */
const BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6])\b[^<>]*>/gi;
const INLINE_TAG = /<\/?[a-z][a-z0-9-]*\b[^<>]*>/gi;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  middot: '·',
  hellip: '…',
};

function decodeEntity(entity: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** Plain text of a cell that may contain HTML, with `\n` as the only line break. */
export function htmlToText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(BLOCK_TAG, '\n')
    .replace(INLINE_TAG, '')
    .replace(ENTITY, decodeEntity);
}
