import { parseFieldText, type ParsedField } from '../fields';
import { guessedLayout, headerLayout, type Layout } from './layout';
import { splitLines } from './split-lines';

/** One row of an imported statistics table: an activity item with its statistics fields. */
export interface ImportedActivityItem {
  title: string;
  requirement: string;
  fields: ParsedField[];
  /** The field column's text, one line per paragraph of the cell. */
  fieldText: string;
}

/** The table's own title row: 附件1 …, …统计表. */
const TABLE_TITLE = /^附件\s*[\d一二三四五六七八九十]+|(?:统计|情况|汇总|一览|进展)表$/;
/** The lines above the table that the reporting unit fills in: 填报单位（盖章）：, 联系人：, 电话：, 填报日期：. */
const FORM_HEADING = /^(?:填报单位|填表单位|填报人|填表人|联系人|联系电话|电话|手机|填报日期|填表日期|日期|审核人)\s*(?:[（(][^）)]*[）)])?\s*[:：]/;

type Line = { header: Layout } | { cells: string[] };

function trimCell(cell: string): string {
  return cell
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function isJunk(cells: string[]): boolean {
  const filled = cells.filter((cell) => cell !== '');
  return filled.length === 0 || FORM_HEADING.test(filled[0]) || (filled.length === 1 && !filled[0].includes('\n') && TABLE_TITLE.test(filled[0]));
}

/** Joins the lines of a wrapped cell: no space between Chinese characters, one between Latin words. */
function unwrap(cell: string): string {
  return cell.split('\n').reduce((text, line) => {
    const betweenLatinWords = /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(line);
    return text + (betweenLatinWords ? ' ' : '') + line;
  }, '');
}

function appendTo(row: string[], column: number, text: string): void {
  row[column] = row[column] ? `${row[column]}\n${text}` : text;
}

/**
 * Puts the lines of one table (one layout) back into rows. A row copied from Word spreads over
 * several lines when a cell has several paragraphs, so:
 * - while a row has fewer cells than the table is wide, the next line continues it: its first cell
 *   continues the row's last cell, its other cells are the row's next cells;
 * - a line with fewer cells than the table is wide after a complete row is a new paragraph of that
 *   row's last non-empty cell (so a wrapped first cell of the next row, which Word writes the same
 *   way, is attached to the row before: paste such tables from Excel, which quotes wrapped cells);
 * - a full line with an empty title cell continues the row above column by column (merged cells).
 */
function assembleRows(lines: string[][], layout: Layout): string[][] {
  const rows: string[][] = [];
  for (const cells of lines) {
    const row = rows[rows.length - 1];
    if (row && row.length < layout.width) {
      appendTo(row, row.length - 1, cells[0]);
      row.push(...cells.slice(1));
    } else if (row && cells.length < layout.width) {
      const lastFilled = row.reduce((last, cell, index) => (cell !== '' ? index : last), 0);
      cells.filter((cell) => cell !== '').forEach((cell) => appendTo(row, lastFilled, cell));
    } else if (row && layout.title !== undefined && cells[layout.title] === '') {
      cells.forEach((cell, index) => cell !== '' && appendTo(row, index, cell));
    } else {
      rows.push([...cells]);
    }
  }
  return rows;
}

function toItem(row: string[], layout: Layout): ImportedActivityItem {
  const cell = (column: number | undefined) => (column === undefined ? '' : (row[column] ?? ''));
  const fieldText = cell(layout.fields);
  const title = unwrap(cell(layout.title));
  // The title qualifies labels that nothing in the cell does (其他特色活动: 组织（ ）场/次).
  return { title, requirement: unwrap(cell(layout.requirement)), fields: parseFieldText(fieldText, title), fieldText };
}

/**
 * The activity items of a statistics table pasted from Word or Excel (tab-separated cells, one row
 * per line, Excel's quoted multi-line cells). Header lines (活动项目 | 内容要求 | 进展情况, 序号 …)
 * choose the columns and may repeat where the table breaks across pages; without any header the
 * columns are guessed from the widest line. Blank lines, the table's title (附件1, …统计表) and the
 * 填报单位/联系人/电话/填报日期 lines are skipped, and so is anything above the first header.
 * Rows are rebuilt from wrapped lines as described at {@link assembleRows}.
 */
export function parseStatisticsTable(text: string): ImportedActivityItem[] {
  const lines: Line[] = splitLines(text)
    .map((cells) => cells.map(trimCell))
    .filter((cells) => !isJunk(cells))
    .map((cells) => {
      const header = headerLayout(cells);
      return header ? { header } : { cells };
    });
  const dataLines = lines.flatMap((line) => ('cells' in line ? [line.cells] : []));
  if (dataLines.length === 0) return [];

  // Each header starts a table of its own; lines before the first header belong to none.
  const tables: { layout: Layout; lines: string[][] }[] = lines.some((line) => 'header' in line) ? [] : [{ layout: guessedLayout(dataLines), lines: [] }];
  for (const line of lines) {
    if ('header' in line) tables.push({ layout: line.header, lines: [] });
    else tables[tables.length - 1]?.lines.push(line.cells);
  }
  return tables.flatMap(({ layout, lines: tableLines }) =>
    assembleRows(tableLines, layout)
      .map((row) => toItem(row, layout))
      .filter((item) => item.title !== '' || item.requirement !== '' || item.fieldText !== ''),
  );
}
