import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDay, DeliverableStatusDto, ExportJobDto, formatChinaDate, INSTANCE_STATUS_LABELS, StatisticsTableDto } from '@safemonth/shared';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { In } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { CAMPAIGN_TEMPLATES } from '../src/campaigns/templates';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import { TABLES_PER_WORKBOOK } from '../src/exports/export-files';
import { EXPORT_KEEP_MS, EXPORT_LEASE_MS, EXPORT_MAX_ATTEMPTS, ExportRunner } from '../src/exports/export-runner';
import { ExportJob } from '../src/exports/export-job.entity';
import { ExportWriter } from '../src/exports/export-writer';
import { EXPORTS_UNFINISHED_PER_PERSON } from '../src/exports/exports.service';
import { Report } from '../src/reports/report.entity';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { newCampaign, newCityTree, newPerson, newPublishedCampaign, newReport, newUnit, TestPerson } from './support/builders';
import { binaryBody, createTestApp, TestApp } from './support/test-app';

/** The text of a cell as a reader sees it (a hyperlink by its text). */
const textOf = (cell: ExcelJS.Cell): string => {
  const value = cell.value;
  if (value && typeof value === 'object' && 'hyperlink' in value) return String(value.text);
  return value === null || value === undefined ? '' : String(value);
};
const rowsOf = (sheet: ExcelJS.Worksheet): string[][] => {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: row.cellCount }, (_, i) => textOf(row.getCell(i + 1)))));
  return rows;
};
// Blanks and boxes left empty in a filled cell.
const EMPTY = /[（(][^\S\n]*[）)]|[□☐]/g;
const emptyIn = (text: string) => (text.match(EMPTY) ?? []).length;

describe('exports', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let town: Unit;
  let west: Unit;
  let committee: TestPerson;
  let reporter: TestPerson;
  let liaison: TestPerson;
  let townLiaison: TestPerson;
  let westLiaison: TestPerson;
  let campaign: Campaign;
  let fields: { id: string; kind: string }[];
  beforeAll(async () => {
    t = await createTestApp();
    ({ root, district, town, west } = await newCityTree(t));
    committee = await newPerson(t, { role: 'committee', unit: root });
    reporter = await newPerson(t, { role: 'committee', unit: root });
    liaison = await newPerson(t, { role: 'liaison', unit: district });
    townLiaison = await newPerson(t, { role: 'liaison', unit: town });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west });
    const published = await newPublishedCampaign(t, {
      organizer: root,
      reader: committee,
      items: [
        {
          title: '安全宣传咨询日',
          requirement: '开展安全宣传咨询活动',
          fieldText: '<p>开展咨询活动（ ）场，参与（ ）人次；</p><p>发放宣传资料：是（ ）否（ ）；典型案例具体为（ ）</p>',
          fields: [
            { kind: 'count', label: '开展咨询活动', unit: '场' },
            { kind: 'count', label: '参与', unit: '人次' },
            { kind: 'boolean', label: '发放宣传资料', unit: '' },
            { kind: 'text', label: '典型案例具体为', unit: '' },
          ],
        },
      ],
    });
    campaign = published.campaign;
    fields = published.items[0].fields;
    t.app.get(ExportRunner).start();
  });
  afterAll(() => t.close());

  const base = (unit: Unit, run = campaign) => `/api/campaigns/${run.id}/units/${unit.id}`;
  const addEntry = (unit: Unit, fieldId: string, amount: number, who: TestPerson, run = campaign) =>
    t.http().post(`${base(unit, run)}/manual-entries`).set('authorization', who.auth).send({ fieldId, amount, note: '线下活动' }).expect(201);
  const answer = (unit: Unit, fieldId: string, value: boolean | string, who: TestPerson, run = campaign) =>
    t.http().put(`${base(unit, run)}/answers/${fieldId}`).set('authorization', who.auth).send({ value }).expect(200);
  const ask = (kind: string, unit: Unit, who: TestPerson, run = campaign) =>
    t.http().post(`/api/campaigns/${run.id}/exports`).set('authorization', who.auth).send({ kind, unitId: unit.id });
  const job = async (id: string, who: TestPerson): Promise<ExportJobDto> => (await t.http().get(`/api/exports/${id}`).set('authorization', who.auth).expect(200)).body;
  /** Waits for the background runner to finish the job (it polls by itself; nothing here runs it). */
  const finished = async (id: string, who: TestPerson): Promise<ExportJobDto> => {
    for (;;) {
      const found = await job(id, who);
      if (found.status === 'done' || found.status === 'failed') return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const download = (id: string, who: TestPerson) => t.http().get(`/api/exports/${id}/file`).set('authorization', who.auth).buffer(true).parse(binaryBody);
  /** Asks for an export, waits for it and opens the workbook. */
  const exported = async (kind: string, unit: Unit, who: TestPerson, run = campaign) => {
    const asked: ExportJobDto = (await ask(kind, unit, who, run).expect(202)).body;
    expect(asked).toMatchObject({ kind, unitId: unit.id, campaignId: run.id, status: 'queued', progress: 0, downloadUrl: null });
    const done = await finished(asked.id, who);
    expect(done).toMatchObject({ status: 'done', progress: 1, downloadUrl: `/api/exports/${asked.id}/file`, error: null });
    const file = await download(asked.id, who).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    return { job: done, file, workbook };
  };

  it("writes a unit's table in the official layout, each blank filled in the notice's wording", async () => {
    const [events, , handout, example] = fields;
    const report = await newReport(t, { campaign, unit: district, reporter, headcount: 120 });
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    await addEntry(district, events.id, 2, liaison);
    await answer(district, handout.id, true, liaison);
    await answer(district, example.id, '安全宣讲进社区', liaison);
    await t.http().put(`/api/campaigns/${campaign.id}/liaisons/mine`).set('authorization', liaison.auth)
      .send({ unitId: district.id, values: { name: '张三', title: '科员', mobile: '13800000000', unitName: '城东区应急管理局' } }).expect(200);

    const { job: done, file, workbook } = await exported('unit_table', district, liaison);
    expect(done.fileName).toBe(`${campaign.title}-城东区-统计表.xlsx`);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(done.fileName)}`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['统计表']);
    const rows = rowsOf(workbook.worksheets[0]);
    expect(rows[0][0]).toBe(`${campaign.title}统计表`);
    // Before the table is handed in: its first liaison and today's date.
    expect(rows[1][0]).toBe(`填报单位（盖章）：城东区\u3000\u3000联系人：张三\u3000\u3000电话：13800000000\u3000\u3000填报日期：${formatChinaDate(chinaDay(new Date()))}`);
    expect(rows[2]).toEqual(['活动项目', '内容要求', '进展情况']);
    expect(rows[3]).toEqual(['安全宣传咨询日', '开展安全宣传咨询活动', '开展咨询活动（3）场，参与（120）人次；\n发放宣传资料：是（√）否（ ）；典型案例具体为（安全宣讲进社区）']);
    expect(rows).toHaveLength(4);

    // Handed in: the header the liaison signed it with.
    await t.http().post(`${base(district)}/statistics/submission`).set('authorization', liaison.auth)
      .send({ contactName: '李四', phone: '0571-12345678', fillDate: '2026-06-28' }).expect(201);
    const signed = rowsOf((await exported('unit_table', district, committee)).workbook.worksheets[0]);
    expect(signed[1][0]).toBe('填报单位（盖章）：城东区\u3000\u3000联系人：李四\u3000\u3000电话：0571-12345678\u3000\u3000填报日期：2026年6月28日');
    expect(signed[3]).toEqual(rows[3]);
  });

  it('lists the evidence links of an item under it', async () => {
    const link = 'https://news.example.com/2026/06/16/safety';
    const [events] = fields;
    const item = (await t.http().get(`/api/campaigns/${campaign.id}`).set('authorization', committee.auth).expect(200)).body.items[0];
    const created = await t.http().post('/api/reports').set('authorization', westLiaison.auth).send({
      idempotencyKey: 'evidence-1',
      campaignId: campaign.id,
      unitId: west.id,
      itemId: item.id,
      title: '咨询日网络报道',
      startAt: '2026-06-16T01:00:00.000Z',
      endAt: '2026-06-16T04:00:00.000Z',
      place: '城西广场',
      description: '媒体报道',
      headcount: 10,
      mediaIds: [],
      evidenceLinks: [link],
      contributions: [{ fieldId: events.id, amount: 1 }],
    }).expect(201);
    await t.http().post(`/api/reports/${created.body.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    const sheet = (await exported('unit_table', west, westLiaison)).workbook.worksheets[0];
    const rows = rowsOf(sheet);
    expect(rows[3][2]).toBe('开展咨询活动（1）场，参与（0）人次；\n发放宣传资料：是（ ）否（ ）；典型案例具体为（ ）');
    expect(rows[4]).toEqual(['', '佐证：咨询日网络报道', link]);
    expect(sheet.getCell(5, 3).value).toEqual({ text: link, hyperlink: link });
  });

  it('writes a sheet per unit of a subtree after a summary of the sums', async () => {
    const [, people, handout, example] = fields;
    await addEntry(town, people.id, 40, townLiaison);
    await answer(town, example.id, '街道宣讲', townLiaison);
    await answer(west, handout.id, false, westLiaison);

    const { job: done, workbook } = await exported('subtree_tables', root, committee);
    expect(done.fileName).toBe(`${campaign.title}-市安委办-统计表（含下级单位）.xlsx`);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names[0]).toBe('汇总');
    expect(names.slice(1).sort()).toEqual(['城东区', '城东街道', '城西区', '市安委办'].sort());

    const sums: StatisticsTableDto = (await t.http().get(`${base(root)}/statistics?scope=subtree`).set('authorization', committee.auth).expect(200)).body;
    const summary = rowsOf(workbook.getWorksheet('汇总')!);
    expect(summary[0][0]).toBe(`${campaign.title}统计表（汇总）`);
    expect(summary[1][0]).toBe(`填报单位：市安委办（含下级单位，共 4 个单位）\u3000\u3000填报日期：${formatChinaDate(chinaDay(new Date()))}`);
    expect(summary[2]).toEqual(['活动项目', '统计项', '合计', '单位']);
    expect(summary.slice(3)).toEqual([
      ['安全宣传咨询日', '开展咨询活动', '4', '场'],
      ['安全宣传咨询日', '参与', '160', '人次'],
      ['安全宣传咨询日', '发放宣传资料', '1/4 个单位是', ''],
      ['安全宣传咨询日', '典型案例具体为', '2/4 个单位已填', ''],
    ]);
    expect(sums.items[0].fields.map((f) => f.value ?? (f.kind === 'boolean' ? f.yesUnits : f.kind === 'text' ? f.answeredUnits : null))).toEqual([4, 160, 1, 2]);
    // The summary's counts are the sums of the units' sheets.
    const filled = names.slice(1).map((name) => rowsOf(workbook.getWorksheet(name)!)[3][2]);
    const countsIn = (text: string) => [...text.matchAll(/（(\d+)）/g)].map((m) => Number(m[1]));
    const totals = filled.map(countsIn).reduce((sum, counts) => sum.map((value, i) => value + counts[i]), [0, 0]);
    expect(totals).toEqual([4, 160]);
    expect(rowsOf(workbook.getWorksheet('城东街道')!)[3][2]).toBe('开展咨询活动（0）场，参与（40）人次；\n发放宣传资料：是（ ）否（ ）；典型案例具体为（街道宣讲）');
    expect(rowsOf(workbook.getWorksheet('城西区')!)[3][2]).toContain('发放宣传资料：是（ ）否（√）');
  });

  it(`puts the tables of a subtree of more than ${TABLES_PER_WORKBOOK} units in a ZIP of workbooks, with the sums and where each unit's table is`, async () => {
    const top = await newUnit(t, { name: '大市安委办' });
    const manager = await newPerson(t, { role: 'committee', unit: top });
    const csv = ['名称,上级,类型', ...Array.from({ length: TABLES_PER_WORKBOOK }, (_, i) => `企业${i + 1},,企业`)].join('\n');
    await t.http().post(`/api/units/${top.id}/import`).set('authorization', manager.auth).attach('file', Buffer.from(csv), 'units.csv').expect(201);
    const campaigns = t.app.get(CampaignsService);
    const made = await newCampaign(t, { organizer: top, status: 'draft' });
    await campaigns.replaceItems(made.id, {
      items: [{ title: '安全培训', requirement: '开展培训', fieldText: '开展培训（ ）场', fields: [{ kind: 'count', label: '开展培训', unit: '场' }] }],
    });
    await campaigns.publish(made.id);
    const large = await campaigns.getEntity(made.id);
    const [training] = (await t.http().get(`/api/campaigns/${large.id}`).set('authorization', manager.auth).expect(200)).body.items[0].fields;
    const units = t.app.get(Database).repository(Unit);
    const [first, last] = await Promise.all(['企业1', `企业${TABLES_PER_WORKBOOK}`].map((name) => units.findOneByOrFail({ name })));
    await addEntry(first, training.id, 3, manager, large);
    await addEntry(last, training.id, 4, manager, large);

    const asked: ExportJobDto = (await ask('subtree_tables', top, manager, large).expect(202)).body;
    expect(asked.fileName).toBe(`${large.title}-大市安委办-统计表（含下级单位）.zip`);
    expect((await finished(asked.id, manager)).status).toBe('done');
    const file = await download(asked.id, manager).expect(200).expect('content-type', 'application/zip');
    const zip = await JSZip.loadAsync(file.body);
    expect(Object.keys(zip.files).sort()).toEqual(['汇总.xlsx', '统计表-001.xlsx', '统计表-002.xlsx']);
    const open = async (name: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await zip.file(name)!.async('arraybuffer'));
      return workbook;
    };
    const books = new Map(await Promise.all(['统计表-001.xlsx', '统计表-002.xlsx'].map(async (name) => [name, await open(name)] as const)));
    expect(books.get('统计表-001.xlsx')!.worksheets).toHaveLength(TABLES_PER_WORKBOOK);
    expect(books.get('统计表-002.xlsx')!.worksheets).toHaveLength(1);

    const summary = await open('汇总.xlsx');
    expect(rowsOf(summary.getWorksheet('汇总')!).slice(3)).toEqual([['安全培训', '开展培训', '7', '场']]);
    const contents = rowsOf(summary.getWorksheet('目录')!);
    expect(contents[0]).toEqual(['单位', '文件', '工作表']);
    // Every unit once, the organizing unit first; each row names a sheet that holds that unit's table.
    expect(contents.slice(1).map(([unit]) => unit).sort()).toEqual(['大市安委办', ...Array.from({ length: TABLES_PER_WORKBOOK }, (_, i) => `企业${i + 1}`)].sort());
    expect(contents[1][0]).toBe('大市安委办');
    for (const [unit, book, sheet] of contents.slice(1)) {
      expect(rowsOf(books.get(book)!.getWorksheet(sheet)!)[1][0]).toContain(`填报单位（盖章）：${unit}\u3000`);
    }
    const sheetOf = (unit: string) => {
      const [, book, sheet] = contents.find(([name]) => name === unit)!;
      return rowsOf(books.get(book)!.getWorksheet(sheet)!);
    };
    expect(sheetOf('企业1')[3][2]).toBe('开展培训（3）场');
    expect(sheetOf(`企业${TABLES_PER_WORKBOOK}`)[3][2]).toBe('开展培训（4）场');
  });

  it('writes the completeness matrix with the status labels and the counts per instance', async () => {
    // Expected since before the first week (units and campaign "made" then), so the weeks past are due.
    const database = t.app.get(Database);
    for (const unit of [root, district, town, west]) await database.repository(Unit).update({ id: unit.id }, { createdAt: new Date('2026-05-01T00:00:00Z') });
    await database.repository(Campaign).update({ id: campaign.id }, { publishedAt: new Date('2026-05-01T00:00:00Z') });
    const before: DeliverableStatusDto = (await t.http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${root.id}&size=200`).set('authorization', committee.auth).expect(200)).body;
    const first = before.instances[0];
    await t.http().post('/api/hand-ins').set('authorization', liaison.auth)
      .send({ campaignId: campaign.id, deliverableId: first.deliverableId, periodKey: first.periodKey, unitId: district.id, text: '本周活动材料', documentIds: [], reportIds: [] }).expect(200);

    const status: DeliverableStatusDto = (await t.http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${root.id}&size=200`).set('authorization', committee.auth).expect(200)).body;
    const { workbook } = await exported('completeness', root, committee);
    const rows = rowsOf(workbook.getWorksheet('报送情况')!);
    expect(rows[0][0]).toBe(`${campaign.title} 材料报送情况（市安委办）`);
    expect(rows[1]).toEqual(['单位', ...status.instances.map((i) => `${i.title}（${i.periodKey}）`)]);
    const matrix = status.units.items.map((row) => [row.unit.name, ...row.statuses.map((s) => INSTANCE_STATUS_LABELS[s])]);
    expect(rows.slice(2, 2 + matrix.length)).toEqual(matrix);
    expect(matrix.find((row) => row[0] === '城东区')?.[1]).toBe('逾期');
    expect(matrix.find((row) => row[0] === '城西区')?.[1]).toBe('缺报');
    const counts = rows.slice(2 + matrix.length);
    expect(counts.map((row) => row[0])).toEqual(['应报单位', '按时', '逾期', '缺报', '已退回', '未到期', '报送率', '按时率']);
    expect(counts[0].slice(1).map(Number)).toEqual(status.instances.map((i) => i.completeness.expected));
    expect(counts[2].slice(1).map(Number)).toEqual(status.instances.map((i) => i.completeness.late));
    expect(counts[3].slice(1).map(Number)).toEqual(status.instances.map((i) => i.completeness.missing));
    expect(counts[6][1]).toBe(`${Math.round(status.instances[0].completeness.reportingRate * 1000) / 10}%`);
  });

  it('lists the reports of a subtree with how many media each holds and a link to its page in the app', async () => {
    const upload = await t.http().post(`${base(town)}/media`).set('authorization', townLiaison.auth)
      .attach('file', await photo({ width: 1920, height: 1080 }), 'scene.jpg').expect(201);
    const report = await newReport(t, { campaign, unit: town, reporter: townLiaison, headcount: 30, mediaIds: [upload.body.id] });
    const { workbook } = await exported('reports', district, liaison);
    const sheet = workbook.getWorksheet('活动报告')!;
    const rows = rowsOf(sheet);
    expect(rows[0][0]).toBe(`${campaign.title} 活动报告（城东区）`);
    expect(rows[1]).toEqual(['序号', '标题', '单位', '活动项目', '开始日期', '结束日期', '地点', '参与人次', '状态', '报告人', '照片和视频', '报告链接']);
    // The district's two reports (the one accepted earlier and the town's), none of the west's.
    expect(rows.slice(2).map((row) => row[2]).sort()).toEqual(['城东区', '城东街道'].sort());
    const index = rows.findIndex((row) => row[2] === '城东街道');
    // The report's page (it asks to sign in), not the media's API address (a click from Excel carries no token).
    const url = `${t.config.publicBaseUrl}/#/subpackages/report/detail/index?id=${report.id}`;
    expect(rows[index]).toEqual([String(index - 1), '安全宣传咨询日', '城东街道', '安全宣传咨询日', '2026-06-16', '2026-06-16', '人民广场', '30', '待审核', townLiaison.username, '1', url]);
    expect(sheet.getCell(index + 1, 12).value).toEqual({ text: url, hyperlink: url });
  });

  /**
   * Writes an export straight to a file of its own, calling `between` after each page (when the
   * writer tells its progress) to change what the pages still to come read, and opens the workbook.
   */
  const writtenWhile = async (kind: ExportJob['kind'], unit: Unit, who: TestPerson, run: Campaign, between: (page: number) => Promise<void>) => {
    const job = Object.assign(new ExportJob(), { campaignId: run.id, unitId: unit.id, kind, requestedById: who.person.id, fileName: `${kind}.xlsx` });
    const path = join(mkdtempSync(join(tmpdir(), 'safemonth-paging-')), job.fileName);
    let pages = 0;
    await t.app.get(ExportWriter).write(job, path, () => between(++pages));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return workbook;
  };

  it('lists each report once in the reports export, though reports are filed and removed between its pages', async () => {
    const top = await newUnit(t, { name: '报告分页安委办' });
    const manager = await newPerson(t, { role: 'committee', unit: top });
    const run = await newCampaign(t, { organizer: top });
    const [item] = (await t.app.get(CampaignsService).get(run.id, { personId: manager.person.id, displayName: '', memberships: [] })).items;
    const reports = t.app.get(Database).repository(Report);
    let made = 0;
    /** Reports filed straight into the table, starting `minutes(i)` after 1 June 2026. */
    const file = async (count: number, minutes: (i: number) => number) => {
      const filed = Array.from({ length: count }, (_, i) => {
        const startAt = new Date(Date.parse('2026-06-01T00:00:00Z') + minutes(i) * 60_000);
        return reports.create({
          idempotencyKey: `paging-${made++}`, campaignId: run.id, unitId: top.id, itemId: item.id, reporterId: manager.person.id, title: '分页报告', startAt,
          endAt: new Date(startAt.getTime() + 3600_000), place: '广场', latitudeE6: null, longitudeE6: null, description: '', headcount: 1, additions: [], status: 'submitted',
        });
      });
      await reports.insert(filed);
      return filed;
    };
    const inOrder = (list: Report[]) => [...list].sort((x, y) => x.startAt.getTime() - y.startAt.getTime() || (x.id < y.id ? -1 : 1)).map((r) => r.id);
    // Three pages' worth, two by two starting at the same minute (ordered by id then).
    const throughout = inOrder(await file(450, (i) => 60 + Math.floor(i / 2)));
    const removed = throughout.splice(50, 10);
    const workbook = await writtenWhile('reports', top, manager, run, async (page) => {
      // Ten of the first page removed: counted by page number, the second page would pass over ten.
      if (page === 1) await reports.delete({ id: In(removed) });
      // Ten filed before all the others: counted by page number, the third page would repeat ten.
      if (page === 2) await file(10, (i) => i);
    });
    const ids = rowsOf(workbook.getWorksheet('活动报告')!).slice(2).map((row) => row[11].split('?id=')[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => throughout.includes(id))).toEqual(throughout);
  });

  it('lists each unit once in the completeness export, though units are added and removed between its pages', async () => {
    const top = await newUnit(t, { name: '报送分页安委办' });
    const manager = await newPerson(t, { role: 'committee', unit: top });
    const csv = ['名称,上级,类型', ...Array.from({ length: 450 }, (_, i) => `分页企业${i + 1},,企业`)].join('\n');
    await t.http().post(`/api/units/${top.id}/import`).set('authorization', manager.auth).attach('file', Buffer.from(csv), 'units.csv').expect(201);
    const run = await newCampaign(t, { organizer: top });
    const units = t.app.get(Database).repository(Unit);
    const throughout = (await units.findBy({ parentId: top.id })).sort((x, y) => (x.path < y.path ? -1 : 1));
    const removed = throughout.splice(50, 10);
    const workbook = await writtenWhile('completeness', top, manager, run, async (page) => {
      // Ten of the first page removed: counted by page number, the second page would pass over ten.
      if (page === 1) await units.delete({ id: In(removed.map((u) => u.id)) });
      // Ten added before all the others in tree order: counted by page number, the third page would repeat ten.
      if (page === 2) {
        await units.insert(Array.from({ length: 10 }, (_, i) => {
          const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
          return units.create({ id, name: `新企业${i}`, code: null, kind: 'enterprise', parentId: top.id, depth: 1, path: `${top.path}${id}/` });
        }));
      }
    });
    const rows = rowsOf(workbook.getWorksheet('报送情况')!);
    const names = rows.slice(2, rows.findIndex((row) => row[0] === '应报单位')).map((row) => row[0]);
    expect(new Set(names).size).toBe(names.length);
    const kept = throughout.map((u) => u.name);
    expect(names.filter((name) => kept.includes(name))).toEqual(kept);
  });

  it('refuses whoever may not see the unit\'s members, and shows a job only to who asked for it', async () => {
    // West's liaison sees neither the district nor its jobs: the 404 of a missing one.
    await ask('unit_table', district, westLiaison).expect(404);
    const mine: ExportJobDto = (await ask('unit_table', district, liaison).expect(202)).body;
    await t.http().get(`/api/exports/${mine.id}`).set('authorization', westLiaison.auth).expect(404);
    await t.http().get(`/api/exports/${mine.id}/file`).set('authorization', westLiaison.auth).expect(404);
    await t.http().get(`/api/exports/${mine.id}`).expect(401);
    // The town's liaison sees its own unit, not the district above it.
    await t.http().get(`/api/exports/${mine.id}`).set('authorization', townLiaison.auth).expect(404);
    // Nor does the committee over it: a job is its asker's.
    await t.http().get(`/api/exports/${mine.id}`).set('authorization', committee.auth).expect(404);
    expect((await finished(mine.id, liaison)).status).toBe('done');
    // The district's staff may not export it (an export holds the whole subtree), though they see the unit.
    const staff = await newPerson(t, { role: 'staff', unit: district });
    await ask('unit_table', district, staff).expect(403);
    await t.http().get('/api/exports/00000000-0000-0000-0000-000000000000').set('authorization', committee.auth).expect(404);
    const wrong = await t.http().post(`/api/campaigns/${campaign.id}/exports`).set('authorization', committee.auth).send({ kind: 'everything', unitId: root.id }).expect(400);
    expect(wrong.body.error.details[0].field).toBe('kind');
    await t.http().post(`/api/campaigns/${campaign.id}/exports`).set('authorization', committee.auth).send({ kind: 'reports' }).expect(400);
  });

  it(`refuses a person's export beyond ${EXPORTS_UNFINISHED_PER_PERSON} unfinished ones with 429, counting in the database`, async () => {
    const busy = await newPerson(t, { role: 'committee', unit: root });
    const jobs = t.app.get(Database).repository(ExportJob);
    // None finishes while this counts: held by a runner (its lease running), or queued but past its runs.
    const held = await Promise.all(
      Array.from({ length: EXPORTS_UNFINISHED_PER_PERSON }, (_, i) =>
        jobs.save(jobs.create({
          campaignId: campaign.id, unitId: root.id, kind: 'reports', requestedById: busy.person.id, fileName: `busy-${i}.xlsx`, createdAt: t.app.get(Clock).now(),
          status: i === 0 ? 'queued' : 'running', runnerId: i === 0 ? null : 'a-busy-runner', leaseUntil: i === 0 ? null : new Date(t.app.get(Clock).now().getTime() + 10 * EXPORT_LEASE_MS), attempts: i === 0 ? EXPORT_MAX_ATTEMPTS : 1,
        })),
      ),
    );
    const refused = await ask('reports', root, busy).expect(429);
    expect(refused.body.error).toEqual({ code: 'RATE_LIMITED', message: `您已有 ${EXPORTS_UNFINISHED_PER_PERSON} 个导出正在进行，请等其完成后再导出` });
    // Others are not held back by it.
    await ask('unit_table', district, liaison).expect(202);
    // One finished (here: failed), one more may be asked for.
    await jobs.update({ id: held[1].id }, { status: 'failed', error: '导出失败', runnerId: null, leaseUntil: null });
    const next: ExportJobDto = (await ask('reports', root, busy).expect(202)).body;
    await ask('reports', root, busy).expect(429);
    expect((await finished(next.id, busy)).status).toBe('done');
    await jobs.update({ id: In(held.map((j) => j.id)) }, { status: 'failed', error: '导出失败', runnerId: null, leaseUntil: null });
  });

  it.each(CAMPAIGN_TEMPLATES.map((template) => [template.id, template] as const))('fills every blank of template %s', async (_id, template) => {
    const top = await newUnit(t, { name: `模板单位${template.id}` });
    const manager = await newPerson(t, { role: 'committee', unit: top });
    const campaigns = t.app.get(CampaignsService);
    const made = await campaigns.createFromTemplate(template.id, top.id, 2026);
    if (made.status !== 'published') await campaigns.publish(made.id);
    const items: { fields: { id: string; kind: string }[] }[] = (await t.http().get(`/api/campaigns/${made.id}`).set('authorization', manager.auth).expect(200)).body.items;
    let n = 0;
    for (const field of items.flatMap((item) => item.fields)) {
      n += 1;
      if (field.kind === 'count') await addEntry(top, field.id, n, manager, made);
      else await answer(top, field.id, field.kind === 'boolean' ? n % 2 === 0 : `第${n}项说明`, manager, made);
    }
    const table: StatisticsTableDto = (await t.http().get(`${base(top, made)}/statistics`).set('authorization', manager.auth).expect(200)).body;
    const rows = rowsOf((await exported('unit_table', top, manager, made)).workbook.worksheets[0]).slice(3);
    expect(rows).toHaveLength(table.items.length);
    table.items.forEach((item, i) => {
      const progress = rows[i][2];
      // Each yes/no pair keeps only the box not chosen; no other blank is left empty.
      expect(emptyIn(progress)).toBe(item.fields.filter((f) => f.kind === 'boolean').length);
      // Counts and text answers in the blank's own brackets, full-width or ASCII.
      for (const field of item.fields) {
        if (field.kind !== 'boolean') expect(progress).toMatch(new RegExp(`[（(]${field.value}[）)]`));
      }
    });
  });

  it('finishes a job whose runner died, once its lease has run out', async () => {
    const jobs = t.app.get(Database).repository(ExportJob);
    const claimed = (runnerId: string, leaseUntil: Date, attempts: number) => {
      const now = t.app.get(Clock).now();
      const base = { campaignId: campaign.id, unitId: district.id, kind: 'unit_table', requestedById: liaison.person.id, fileName: 'orphan.xlsx', createdAt: now } as const;
      return jobs.save(jobs.create({ ...base, status: 'running', runnerId, leaseUntil, attempts }));
    };
    const orphan = await claimed('a-runner-that-died', new Date(t.app.get(Clock).now().getTime() + EXPORT_LEASE_MS), 1);
    // Its lease still holds: nobody takes it, and there is nothing to download yet.
    await t.app.get(ExportRunner).drain();
    expect(await jobs.findOneByOrFail({ id: orphan.id })).toMatchObject({ status: 'running', runnerId: 'a-runner-that-died' });
    await download(orphan.id, liaison).expect(409);

    t.advanceClock(EXPORT_LEASE_MS + 1000);
    // A token of the new time.
    liaison.auth = `Bearer ${(await t.app.get(TokensService).issue(liaison.person.id)).accessToken}`;
    expect(await finished(orphan.id, liaison)).toMatchObject({ status: 'done', progress: 1 });
    expect(await jobs.findOneByOrFail({ id: orphan.id })).toMatchObject({ attempts: 2, runnerId: null, leaseUntil: null });
    const file = await download(orphan.id, liaison).expect(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''orphan.xlsx");

    // One that kept taking its runners down is given up.
    const doomed = await claimed('another-dead-runner', new Date(t.app.get(Clock).now().getTime() - 1), EXPORT_MAX_ATTEMPTS);
    await t.app.get(ExportRunner).sweep();
    expect(await jobs.findOneByOrFail({ id: doomed.id })).toMatchObject({ status: 'failed', error: '导出多次中断，请重新导出' });
  });

  it('hands its job back when its process stops, for another runner to make', async () => {
    const runner = t.app.get(ExportRunner);
    const writer = t.app.get(ExportWriter);
    const jobs = t.app.get(Database).repository(ExportJob);
    let started!: () => void;
    let stop!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    // The first run reaches its next step only once the process is stopping.
    jest.spyOn(writer, 'write').mockImplementationOnce(async (_job, _path, progress) => {
      started();
      await stopped;
      await progress(0.5);
    });
    const asked: ExportJobDto = (await ask('unit_table', district, committee).expect(202)).body;
    await running;
    expect(await jobs.findOneByOrFail({ id: asked.id })).toMatchObject({ status: 'running', runnerId: runner.id, attempts: 1 });
    const shutdown = runner.onModuleDestroy();
    stop();
    await shutdown;
    expect(await jobs.findOneByOrFail({ id: asked.id })).toMatchObject({ status: 'queued', runnerId: null, leaseUntil: null, attempts: 0 });

    const another = new ExportRunner(t.app.get(Database), writer, t.app.get(Clock), t.config);
    await another.drain();
    expect(await jobs.findOneByOrFail({ id: asked.id })).toMatchObject({ status: 'done', attempts: 1 });
    expect(existsSync(another.filePath(asked))).toBe(true);
  });

  it('removes jobs and their files after a day, and any file left in the folder for a day', async () => {
    const runner = t.app.get(ExportRunner);
    const jobs = t.app.get(Database).repository(ExportJob);
    const all = await jobs.find();
    const done = all.filter((j) => j.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((j) => existsSync(runner.filePath(j)))).toBe(true);
    // A job removed with its campaign, unit or person leaves its workbook behind: swept by its age on disk.
    const orphan = runner.filePath({ id: '00000000-0000-4000-8000-00000000dead', fileName: 'orphan.xlsx' });
    writeFileSync(orphan, 'PK');
    const twoDaysAgo = new Date(Date.now() - 2 * EXPORT_KEEP_MS);
    utimesSync(orphan, twoDaysAgo, twoDaysAgo);
    await runner.sweep();
    expect(existsSync(orphan)).toBe(false);
    expect(done.every((j) => existsSync(runner.filePath(j)))).toBe(true);
    t.advanceClock(EXPORT_KEEP_MS + 1000);
    await runner.sweep();
    expect(await jobs.count()).toBe(0);
    expect(done.some((j) => existsSync(runner.filePath(j)))).toBe(false);
  });
});
