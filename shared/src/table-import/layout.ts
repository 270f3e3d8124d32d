import { parseFieldText } from '../fields';

/** Which column of the pasted table holds what. */
export interface Layout {
  width: number;
  /** Absent only for a single pasted column, taken as the field column. */
  title?: number;
  requirement?: number;
  fields: number;
}

type Role = 'number' | 'title' | 'requirement' | 'fields';

// Tested in this order: 活动内容 is a requirement, 完成情况 a field column, 序号及名称 a title.
const ROLES: [Role, RegExp][] = [
  ['number', /^(?:序号|编号|序)$/],
  ['fields', /进展|完成|统计|数量|情况|数据/],
  ['requirement', /要求|内容|说明/],
  ['title', /项目|名称|活动|事项|任务|类别/],
];
const MAX_HEADING_LENGTH = 12;
const SEQUENCE_NUMBER = /^(?:\d+|[一二三四五六七八九十]+|[（(](?:\d+|[一二三四五六七八九十]+)[）)])[.．、]?$/;

function roleOf(heading: string): Role | undefined {
  const text = heading.replace(/\s+/g, '');
  return ROLES.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * The layout a header line announces (活动项目 | 内容要求 | 进展情况, with an optional 序号), or
 * undefined when the line is not a header: a header has short cells, no blanks, a title column
 * and a field column. The first column of each role wins; unknown headings (备注) are ignored.
 */
export function headerLayout(cells: string[]): Layout | undefined {
  const filled = cells.filter((cell) => cell !== '');
  if (filled.length < 2 || filled.some((cell) => cell.length > MAX_HEADING_LENGTH || parseFieldText(cell).length > 0)) return undefined;
  const columns: Partial<Record<Role, number>> = {};
  cells.forEach((cell, index) => {
    const role = roleOf(cell);
    if (role && columns[role] === undefined) columns[role] = index;
  });
  if (columns.title === undefined || columns.fields === undefined) return undefined;
  return { width: cells.length, title: columns.title, requirement: columns.requirement, fields: columns.fields };
}

/**
 * The layout of a table pasted without its header, from its widest line: [title, fields] for two
 * columns, [title, requirement, fields] for three or more (the field column is the last), after
 * a leading 序号 column when that column holds sequence numbers. A single column is the field column.
 */
export function guessedLayout(lines: string[][]): Layout {
  const width = Math.max(...lines.map((cells) => cells.length));
  const widest = lines.find((cells) => cells.length === width)!;
  const offset = width > 2 && SEQUENCE_NUMBER.test(widest[0]) ? 1 : 0;
  const columns = width - offset;
  if (columns === 1) return { width, fields: offset };
  return columns === 2
    ? { width, title: offset, fields: offset + 1 }
    : { width, title: offset, requirement: offset + 1, fields: width - 1 };
}
