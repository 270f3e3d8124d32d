/**
 * Units that follow a blank in the official tables. Listed longest first so that a regular
 * expression built from them prefers 人次 over 人, 场次 over 场 and 条次 over 条.
 */
export const FIELD_UNITS = ['人次', '场次', '条次', '次', '人', '场', '篇', '个', '条', '部', '家', '名', '项', '份'] as const;

const ONE_UNIT = FIELD_UNITS.join('|');

/**
 * Nouns that begin with a unit character: after a blank they are the counted thing's name,
 * not its unit (`（ ）部门` is not "blank 部" + "门").
 */
const NOUNS_STARTING_WITH_A_UNIT = ['部门', '项目', '人员', '人群', '家庭', '家属', '名单', '名称', '场所', '场地', '场馆', '条例', '条件'];

// Inline spaces may separate the blank from its unit; a compound unit such as 条/份 or 场/次 is two units joined by a slash.
const UNIT_AFTER_BLANK = new RegExp(`^[^\\S\\r\\n]*((?:${ONE_UNIT})(?:[/／](?:${ONE_UNIT}))?)`);

/** The unit at the start of `text` (the words right after a blank) and how many characters it spans. */
export function unitAtStart(text: string): { unit: string; length: number } | undefined {
  const match = UNIT_AFTER_BLANK.exec(text);
  if (!match) return undefined;
  const unitStart = match[0].length - match[1].length;
  if (NOUNS_STARTING_WITH_A_UNIT.some((noun) => text.startsWith(noun, unitStart))) return undefined;
  return { unit: match[1].replace('／', '/'), length: match[0].length };
}
