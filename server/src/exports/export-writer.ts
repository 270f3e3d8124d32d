import { Inject, Injectable } from '@nestjs/common';
import {
  chinaDay,
  fillBlanks,
  formatChinaDate,
  INSTANCE_STATUS_LABELS,
  InstanceCompleteness,
  PAGE_LIMITS,
  REPORT_STATUS_LABELS,
  ReportDto,
  StatisticsTableDto,
  StatisticsTableField,
} from '@safemonth/shared';
import archiver from 'archiver';
import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Actor } from '../auth/policy';
import type { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { LiaisonsService } from '../liaisons/liaisons.service';
import { ReportsService } from '../reports/reports.service';
import { StatisticsTableService } from '../statistics/statistics-table.service';
import type { Unit } from '../units/unit.entity';
import { UnitScope, UnitsService } from '../units/units.service';
import { isArchive, TABLES_PER_WORKBOOK } from './export-files';
import type { ExportJob } from './export-job.entity';
import { sheetNamer } from './sheet-names';
import { StreamingWorkbook } from './streaming-workbook';

/** Told how far a run is (0 to 1); it throws when the run must stop (its job went to another runner). */
export type Progress = (fraction: number) => Promise<void>;

/** The official table's header (填报单位, 联系人, 电话, 填报日期). */
interface TableHeader {
  unitName: string;
  contactName: string;
  phone: string;
  /** `YYYY-MM-DD`, China time. */
  fillDate: string;
}

type Sheet = ExcelJS.Worksheet;

const PAGE = PAGE_LIMITS.maxSize;
/** A report's page in the h5 app (its hash route, as the mini program's routes name it). */
const REPORT_PAGE = '/#/subpackages/report/detail/index';
/** Two ideographic spaces: what separates the parts of the official header line. */
const GAP = '\u3000\u3000';
const BOLD = { bold: true };
const TITLE_FONT = { bold: true, size: 16 };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const THIN: Partial<ExcelJS.Borders> = Object.fromEntries(['top', 'left', 'bottom', 'right'].map((side) => [side, { style: 'thin' }]));

/**
 * Writes the workbook of an export job to a file with exceljs's streaming writer: each row is
 * committed as it is written and each unit's sheet as it is finished (see `StreamingWorkbook`), so
 * memory stays flat however many units a subtree has. Reads everything through the owning features' services, a page of units
 * at a time.
 */
@Injectable()
export class ExportWriter {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly tables: StatisticsTableService,
    private readonly deliverables: DeliverablesService,
    private readonly reports: ReportsService,
    private readonly liaisons: LiaisonsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async write(job: ExportJob, path: string, progress: Progress): Promise<void> {
    const unit = await this.units.get(job.unitId);
    const campaign = await this.campaigns.getEntity(job.campaignId);
    const file = createWriteStream(path, { flags: 'wx' });
    try {
      if (isArchive(job)) {
        await this.subtreeArchive(file, campaign, readerOf(job, unit), unit, progress);
      } else {
        const workbook = new StreamingWorkbook(file);
        await this.fill(workbook, job, campaign, unit, progress);
        await workbook.commit();
      }
    } catch (error) {
      // The caller removes the half-written file; its descriptor is closed here.
      file.destroy();
      throw error;
    }
  }

  private async fill(workbook: StreamingWorkbook, job: ExportJob, campaign: Campaign, unit: Unit, progress: Progress): Promise<void> {
    const reader = readerOf(job, unit);
    const { title } = campaign;
    switch (job.kind) {
      case 'unit_table': {
        const table = await this.tables.table(reader, job.campaignId, unit.id, 'unit');
        const contacts = await this.liaisons.contacts(job.campaignId, [unit.id]);
        await writeUnitSheet(workbook, '统计表', title, table, this.header(table, contacts.get(unit.id)));
        break;
      }
      case 'subtree_tables':
        await this.subtreeTables(workbook, campaign, reader, unit, progress);
        break;
      case 'completeness':
        await this.completeness(workbook, title, job.campaignId, reader, unit, progress);
        break;
      case 'reports':
        await this.reportList(workbook, title, job.campaignId, reader, unit, progress);
        break;
    }
  }

  /**
   * The header of a unit's table: as the unit signed it when handing the table in; before that, the
   * name and phone of its first registered liaison and today's China date.
   */
  private header(table: StatisticsTableDto, liaisons: { name: string; mobile: string; officePhone: string }[] = []): TableHeader {
    const { submission } = table;
    if (submission) return { unitName: submission.unitName, contactName: submission.contactName, phone: submission.phone, fillDate: submission.fillDate };
    const liaison = liaisons[0];
    return { unitName: table.unit.name, contactName: liaison?.name ?? '', phone: liaison ? liaison.mobile || liaison.officePhone : '', fillDate: chinaDay(this.clock.now()) };
  }

  /** A summary sheet of the subtree's sums first, then a sheet per participating unit, parents before their subtrees. */
  private async subtreeTables(workbook: StreamingWorkbook, campaign: Campaign, reader: Actor, subtree: Unit, progress: Progress): Promise<void> {
    const name = sheetNamer();
    const sums = await this.tables.table(reader, campaign.id, subtree.id, 'subtree');
    await writeSummarySheet(workbook, name('汇总'), campaign.title, sums, chinaDay(this.clock.now()));
    let done = 0;
    for await (const { table, header, total } of this.unitTables(campaign, reader, subtree)) {
      await writeUnitSheet(workbook, name(table.unit.name), campaign.title, table, header);
      await progress(++done / total);
    }
  }

  /**
   * A subtree of more than `TABLES_PER_WORKBOOK` units, as a ZIP: workbooks of that many unit sheets
   * each in tree order (统计表-001.xlsx, …), then 汇总.xlsx with the sums and a 目录 sheet telling
   * which workbook and sheet hold each unit's table. Stored, not compressed again: an XLSX is a ZIP
   * already.
   */
  private async subtreeArchive(file: Writable, campaign: Campaign, reader: Actor, subtree: Unit, progress: Progress): Promise<void> {
    const zip = archiver('zip', { store: true });
    zip.on('error', (error) => file.destroy(error));
    zip.pipe(file);
    // The zip stops taking data when the file fails: the workbook writing into it must hear of it.
    let current: PassThrough | undefined;
    file.on('error', (error) => current?.destroy(error));
    const entry = (name: string) => {
      current = new PassThrough();
      if (file.errored) current.destroy(file.errored);
      zip.append(current, { name });
      return new StreamingWorkbook(current);
    };
    try {
      const contents: { unit: string; book: string; sheet: string }[] = [];
      let book: { workbook: StreamingWorkbook; fileName: string; name: (wanted: string) => string; sheets: number } | undefined;
      let done = 0;
      for await (const { table, header, total } of this.unitTables(campaign, reader, subtree)) {
        if (!book || book.sheets === TABLES_PER_WORKBOOK) {
          await book?.workbook.commit();
          const fileName = `统计表-${String(contents.length / TABLES_PER_WORKBOOK + 1).padStart(3, '0')}.xlsx`;
          book = { workbook: entry(fileName), fileName, name: sheetNamer(), sheets: 0 };
        }
        const sheet = book.name(table.unit.name);
        await writeUnitSheet(book.workbook, sheet, campaign.title, table, header);
        book.sheets++;
        contents.push({ unit: table.unit.name, book: book.fileName, sheet });
        await progress(++done / total);
      }
      await book?.workbook.commit();
      const summary = entry('汇总.xlsx');
      const sums = await this.tables.table(reader, campaign.id, subtree.id, 'subtree');
      await writeSummarySheet(summary, '汇总', campaign.title, sums, chinaDay(this.clock.now()));
      await writeContentsSheet(summary, contents);
      await summary.commit();
      await zip.finalize();
      await finished(file);
    } catch (error) {
      zip.abort();
      throw error;
    }
  }

  /**
   * The tables of the participating units of a subtree in tree order, each with its header and how
   * many there are; a page of units is read while the one before is written, after the last unit
   * written (units added or removed meanwhile shift nothing).
   */
  private async *unitTables(campaign: Campaign, reader: Actor, subtree: Unit): AsyncGenerator<{ table: StatisticsTableDto; header: TableHeader; total: number }> {
    const scopes = await this.participatingScopes(campaign);
    const unitTables = await this.tables.unitTables(reader, campaign.id);
    const read = async (after?: string) => {
      const found = await this.units.list(scopes, { within: subtree.path, after, page: 1, size: PAGE });
      const [contacts, tables] = await Promise.all([this.liaisons.contacts(campaign.id, found.items.map((u) => u.id)), unitTables(found.items)]);
      return { left: found.total, last: found.items.at(-1)?.path, more: found.items.length === PAGE, contacts, tables };
    };
    let before = 0;
    let next = read();
    for (;;) {
      const { left, last, more, contacts, tables } = await next;
      // Should the run stop before awaiting the page read ahead, its failure is caught here (awaited, it still throws).
      if (more) {
        next = read(last);
        next.catch(() => undefined);
      }
      for (const table of tables) yield { table, header: this.header(table, contacts.get(table.unit.id)), total: before + left };
      if (!more) return;
      before += tables.length;
    }
  }

  private async participatingScopes(campaign: Campaign): Promise<UnitScope[]> {
    const roots = await this.units.findMany(campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnitId]);
    return roots.map((root) => ({ path: root.path, subtree: true }));
  }

  /** How many unit tables a subtree export of `subtree` holds: its participating units. */
  async tableCount(campaign: Campaign, subtree: Unit): Promise<number> {
    return (await this.units.list(await this.participatingScopes(campaign), { within: subtree.path, page: 1, size: 1 })).total;
  }

  /** Units × instances with each status's label, then each instance's counts and rates. */
  private async completeness(workbook: StreamingWorkbook, title: string, campaignId: string, reader: Actor, subtree: Unit, progress: Progress): Promise<void> {
    const sheet = workbook.addWorksheet('报送情况', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    let written = 0;
    let counts: InstanceCompleteness[] = [];
    // Paged by a cursor (the last unit's path): units added or removed meanwhile make no other repeat or go missing.
    let after: string | undefined;
    for (let page = 1; ; page++) {
      const { status, next } = await this.deliverables.statusAfter(reader, campaignId, subtree.id, after, PAGE);
      if (page === 1) {
        sheet.columns = [{ width: 28 }, ...status.instances.map(() => ({ width: 16 }))];
        titleRow(sheet, `${title} 材料报送情况（${subtree.name}）`, status.instances.length + 1);
        const head = sheet.addRow(['单位', ...status.instances.map((i) => (i.periodKey === 'once' ? i.title : `${i.title}（${i.periodKey}）`))]);
        styleTableRow(head, BOLD);
        head.commit();
        counts = status.instances.map((i) => i.completeness);
      }
      for (const row of status.units.items) {
        const line = sheet.addRow([row.unit.name, ...row.statuses.map((s) => INSTANCE_STATUS_LABELS[s])]);
        styleTableRow(line);
        line.commit();
      }
      // Its total counts the units from this page on.
      await progress((written + status.units.items.length) / Math.max(written + status.units.total, 1));
      written += status.units.items.length;
      if (!next) break;
      after = next;
    }
    sheet.addRow([]).commit();
    const lines: [string, (c: InstanceCompleteness) => number | string][] = [
      ['应报单位', (c) => c.expected],
      ['按时', (c) => c.onTime],
      ['逾期', (c) => c.late],
      ['缺报', (c) => c.missing],
      ['已退回', (c) => c.returned],
      ['未到期', (c) => c.notYetDue],
      ['报送率', (c) => percent(c.reportingRate)],
      ['按时率', (c) => percent(c.onTimeRate)],
    ];
    for (const [label, value] of lines) {
      const line = sheet.addRow([label, ...counts.map(value)]);
      styleTableRow(line);
      line.getCell(1).font = BOLD;
      line.commit();
    }
    await workbook.commitSheet(sheet);
  }

  /**
   * Every activity report of the subtree in the order of their activities, with how many photos and
   * videos it holds and a link to its page in the h5 app (which asks to sign in; the API's media
   * links need a token, so a click from Excel would be refused).
   */
  private async reportList(workbook: StreamingWorkbook, title: string, campaignId: string, reader: Actor, subtree: Unit, progress: Progress): Promise<void> {
    const sheet = workbook.addWorksheet('活动报告', { views: [{ state: 'frozen', ySplit: 2 }] });
    const columns = ['序号', '标题', '单位', '活动项目', '开始日期', '结束日期', '地点', '参与人次', '状态', '报告人', '照片和视频', '报告链接'];
    sheet.columns = [6, 30, 20, 24, 12, 12, 20, 10, 8, 12, 10, 60].map((width) => ({ width }));
    titleRow(sheet, `${title} 活动报告（${subtree.name}）`, columns.length);
    const head = sheet.addRow(columns);
    head.font = BOLD;
    head.commit();
    let written = 0;
    // Paged by a cursor (the last report's start and id): reports filed or removed meanwhile make no other repeat or go missing.
    let after: ReportDto | undefined;
    for (;;) {
      const found = await this.reports.listAfter(reader, campaignId, { unitId: subtree.id }, after, PAGE);
      const before = written;
      for (const report of found.items) {
        const pageUrl = `${this.config.publicBaseUrl}${REPORT_PAGE}?id=${report.id}`;
        const row = sheet.addRow([
          ++written,
          report.title,
          report.unit.name,
          report.item.title,
          chinaDay(new Date(report.startAt)),
          chinaDay(new Date(report.endAt)),
          report.place,
          report.headcount,
          REPORT_STATUS_LABELS[report.status],
          report.reporter.displayName,
          report.media.length,
          { text: pageUrl, hyperlink: pageUrl },
        ]);
        row.commit();
      }
      await progress(written / Math.max(before + found.left, 1));
      if (found.items.length < PAGE) break;
      after = found.items.at(-1);
    }
    await workbook.commitSheet(sheet);
  }
}

/**
 * Whom a run reads as: a committee member over the job's unit. The guard let the job's requester
 * read that unit's reports and tables when they asked for it, and a run reads nothing outside the
 * unit's subtree.
 */
function readerOf(job: ExportJob, unit: Unit): Actor {
  return { personId: job.requestedById, displayName: '', memberships: [{ unitId: unit.id, unitPath: unit.path, role: 'committee' }] };
}

function titleRow(sheet: Sheet, text: string, width: number): void {
  const row = sheet.addRow([text]);
  row.font = TITLE_FONT;
  row.height = 28;
  sheet.mergeCells(row.number, 1, row.number, width);
  row.commit();
}

function styleTableRow(row: ExcelJS.Row, font?: Partial<ExcelJS.Font>): void {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = THIN;
    cell.alignment = WRAP;
    if (font) cell.font = font;
  });
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

const fieldValue = (field: StatisticsTableField) => field.value;

/**
 * One unit's table in the official layout: the title, the header line, then 活动项目 / 内容要求 /
 * 进展情况 with the item's own wording and each blank filled, fields without a blank in the wording
 * on lines of their own, and the item's evidence links on rows under it.
 */
async function writeUnitSheet(workbook: StreamingWorkbook, name: string, title: string, table: StatisticsTableDto, header: TableHeader): Promise<void> {
  const sheet = workbook.addWorksheet(name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 24 }, { width: 40 }, { width: 70 }];
  titleRow(sheet, `${title}统计表`, 3);
  const headerRow = sheet.addRow([
    `填报单位（盖章）：${header.unitName}${GAP}联系人：${header.contactName}${GAP}电话：${header.phone}${GAP}填报日期：${formatChinaDate(header.fillDate)}`,
  ]);
  sheet.mergeCells(headerRow.number, 1, headerRow.number, 3);
  headerRow.commit();
  const head = sheet.addRow(['活动项目', '内容要求', '进展情况']);
  styleTableRow(head, BOLD);
  head.commit();
  for (const item of table.items) {
    const { text, placed } = fillBlanks(item.fieldText, item.fields.map(fieldValue));
    const unplaced = item.fields.slice(placed).map((f) => `${f.label}：${unplacedValue(f)}`);
    // The cell's paragraphs as lines, without the empty ones its HTML leaves.
    const lines = text.split('\n').map((line) => line.trim());
    const progress = [...lines, ...unplaced].filter((line) => line !== '').join('\n');
    const row = sheet.addRow([item.title, item.requirement, progress]);
    styleTableRow(row);
    row.commit();
    for (const link of item.evidence) {
      const evidence = sheet.addRow(['', `佐证：${link.reportTitle}`, { text: link.url, hyperlink: link.url }]);
      styleTableRow(evidence);
      evidence.commit();
    }
  }
  await workbook.commitSheet(sheet);
}

/** The sums of a subtree, a line per field: counts summed, yes/no as "n/m 个单位是", text as how many units answered. */
async function writeSummarySheet(workbook: StreamingWorkbook, name: string, title: string, table: StatisticsTableDto, fillDate: string): Promise<void> {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 30 }, { width: 50 }, { width: 16 }, { width: 8 }];
  titleRow(sheet, `${title}统计表（汇总）`, 4);
  const headerRow = sheet.addRow([`填报单位：${table.unit.name}（含下级单位，共 ${table.units} 个单位）${GAP}填报日期：${formatChinaDate(fillDate)}`]);
  sheet.mergeCells(headerRow.number, 1, headerRow.number, 4);
  headerRow.commit();
  const head = sheet.addRow(['活动项目', '统计项', '合计', '单位']);
  styleTableRow(head, BOLD);
  head.commit();
  for (const item of table.items) {
    for (const field of item.fields) {
      const total =
        field.kind === 'count' ? field.value : field.kind === 'boolean' ? `${field.yesUnits}/${table.units} 个单位是` : `${field.answeredUnits}/${table.units} 个单位已填`;
      const row = sheet.addRow([item.title, field.label, total, field.kind === 'count' ? field.unit : '']);
      styleTableRow(row);
      row.commit();
    }
  }
  await workbook.commitSheet(sheet);
}

/** Where each unit's table is in an archive of workbooks, in tree order. */
async function writeContentsSheet(workbook: StreamingWorkbook, contents: { unit: string; book: string; sheet: string }[]): Promise<void> {
  const sheet = workbook.addWorksheet('目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 40 }, { width: 18 }, { width: 34 }];
  const head = sheet.addRow(['单位', '文件', '工作表']);
  styleTableRow(head, BOLD);
  head.commit();
  for (const { unit, book, sheet: name } of contents) sheet.addRow([unit, book, name]).commit();
  await workbook.commitSheet(sheet);
}

/** A field the notice has no blank for, written after its text: 是/否 and 未填 in words. */
function unplacedValue(field: StatisticsTableField): string {
  if (field.kind === 'count') return `${field.value}${field.unit}`;
  if (field.value === null) return '未填';
  return field.kind === 'boolean' ? (field.value ? '是' : '否') : field.value;
}
