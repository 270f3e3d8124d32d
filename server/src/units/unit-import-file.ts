import { ErrorDetail } from '@safemonth/shared';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** One data row of an import file, as written; `row` is its line number in the sheet (header = 1). */
export interface UnitImportRow {
  row: number;
  name: string;
  parent: string;
  kind: string;
  code: string;
}

export const MAX_IMPORT_ROWS = 5000;

const HEADERS: Record<keyof Omit<UnitImportRow, 'row'>, string[]> = {
  name: ['名称', '单位名称', 'name'],
  parent: ['上级', '上级单位', '上级单位名称', '上级名称或编码', '上级单位名称或编码', 'parent'],
  kind: ['类型', '单位类型', 'kind'],
  code: ['编码', '单位编码', '代码', 'code'],
};

export class ImportFileError extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super(details.map((d) => d.message).join('; '));
  }
}

/** Reads an XLSX workbook (first sheet) or a CSV file (UTF-8, or GB18030 as Excel saves it in China). */
export async function readUnitImportFile(bytes: Buffer): Promise<UnitImportRow[]> {
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  const nonEmpty = table.filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new ImportFileError([{ row: 1, message: '文件是空的' }]);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const columns = Object.fromEntries(
    Object.entries(HEADERS).map(([key, aliases]) => [key, names.findIndex((n) => aliases.includes(n))]),
  ) as Record<keyof typeof HEADERS, number>;
  if (columns.name < 0) {
    throw new ImportFileError([{ row: header.row, field: 'name', message: '表头缺少“名称”列（可选列：上级、类型、编码）' }]);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError([{ message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行` }]);
  }
  const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');
  return rows.map(({ row, cells }) => ({
    row,
    name: cell(cells, columns.name),
    parent: cell(cells, columns.parent),
    kind: cell(cells, columns.kind),
    code: cell(cells, columns.code),
  }));
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

async function readXlsx(bytes: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError([{ message: '无法读取该 Excel 文件，请确认是 .xlsx 格式且未损坏' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError([{ message: 'Excel 文件中没有工作表' }]);
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text ?? '';
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

function readCsv(bytes: Buffer): { row: number; cells: string[] }[] {
  if (bytes.includes(0)) throw new ImportFileError([{ message: '无法识别文件格式，请上传 .xlsx 或 .csv 文件' }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  try {
    const records: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false });
    return records.map((cells, index) => ({ row: index + 1, cells }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError([{ ...(line ? { row: line } : {}), message: 'CSV 格式有误（引号未闭合或分隔符不一致）' }]);
  }
}
