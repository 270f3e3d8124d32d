import { CampaignDto, defaultLiaisonForm, proposeContributions, ReplaceItemsRequest, Role, UnitKind } from '@safemonth/shared';
import { Campaign } from '../../src/campaigns/campaign.entity';
import { CampaignsService } from '../../src/campaigns/campaigns.service';
import { hashPassword } from '../../src/auth/passwords';
import { TokensService } from '../../src/auth/tokens.service';
import { Database } from '../../src/database/database.service';
import { Person } from '../../src/people/person.entity';
import { Report } from '../../src/reports/report.entity';
import { ReportsService } from '../../src/reports/reports.service';
import { PeopleService } from '../../src/people/people.service';
import { Unit } from '../../src/units/unit.entity';
import { UnitsService } from '../../src/units/units.service';
import { TestApp } from './test-app';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A unit under `parent`, or a new committee root. */
export async function newUnit(t: TestApp, options: { parent?: Unit; name?: string; kind?: UnitKind; code?: string } = {}): Promise<Unit> {
  const units = t.app.get(UnitsService);
  const name = options.name ?? `单位${next()}`;
  if (!options.parent) return units.createRoot(name, options.code);
  return units.create({ name, kind: options.kind ?? 'enterprise', parentId: options.parent.id, code: options.code });
}

/** The tree most statistics tests use: 市安委办 over 城东区 (over 城东街道) and 城西区. */
export async function newCityTree(t: TestApp): Promise<{ root: Unit; district: Unit; town: Unit; west: Unit }> {
  const root = await newUnit(t, { name: '市安委办' });
  const district = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
  const town = await newUnit(t, { parent: district, name: '城东街道', kind: 'district' });
  const west = await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
  return { root, district, town, west };
}

/** A statistics item as the plans have it: 安全宣传咨询日, with two counts, a yes/no and a text. */
export const CONSULTATION_DAY: ReplaceItemsRequest['items'][number] = {
  title: '安全宣传咨询日',
  requirement: '开展安全宣传咨询活动',
  fieldText: '开展咨询活动（ ）场，参与（ ）人次；发放宣传资料：是（ ）否（ ）；典型案例具体为（ ）',
  fields: [
    { kind: 'count', label: '开展咨询活动', unit: '场' },
    { kind: 'count', label: '参与', unit: '人次' },
    { kind: 'boolean', label: '发放宣传资料', unit: '' },
    { kind: 'text', label: '典型案例具体为', unit: '' },
  ],
};

/** A published campaign of `organizer` with these statistics items, and the items as `reader` sees them (with their ids). */
export async function newPublishedCampaign(
  t: TestApp,
  options: { organizer: Unit; items: ReplaceItemsRequest['items']; reader: TestPerson; participatingUnitIds?: string[] },
): Promise<{ campaign: Campaign; items: CampaignDto['items'] }> {
  const campaigns = t.app.get(CampaignsService);
  const made = await newCampaign(t, { organizer: options.organizer, status: 'draft', participatingUnitIds: options.participatingUnitIds });
  await campaigns.replaceItems(made.id, { items: options.items });
  await campaigns.publish(made.id);
  const shown: CampaignDto = (await t.http().get(`/api/campaigns/${made.id}`).set('authorization', options.reader.auth).expect(200)).body;
  return { campaign: await campaigns.getEntity(made.id), items: shown.items };
}

export interface TestPerson {
  person: Person;
  token: string;
  username: string;
  password: string;
  /** `Authorization` header value. */
  auth: string;
}

/** A person with a password (and optionally a role in a unit), already signed in. */
export async function newPerson(
  t: TestApp,
  options: { role?: Role; unit?: Unit; username?: string; password?: string; displayName?: string } = {},
): Promise<TestPerson> {
  const people = t.app.get(PeopleService);
  const username = options.username ?? `user${next()}`;
  const password = options.password ?? 'correct-horse';
  const passwordHash = await hashPassword(password, 1024);
  const person = await t.app.get(Database).transaction(async () => {
    const created = await people.createWithPassword({ displayName: options.displayName ?? username, username, passwordHash });
    if (options.role && options.unit) await people.addMembership(created.id, options.unit.id, options.role);
    return created;
  });
  const { accessToken } = await t.app.get(TokensService).issue(person.id);
  return { person, token: accessToken, username, password, auth: `Bearer ${accessToken}` };
}

/**
 * A campaign organized by `organizer`: one item with a count and a boolean field, one weekly
 * deliverable, one phase; published unless asked for a draft.
 */
export async function newCampaign(
  t: TestApp,
  options: { organizer: Unit; status?: 'draft' | 'published'; year?: number; maxLiaisonsPerUnit?: number; participatingUnitIds?: string[] },
): Promise<Campaign> {
  const campaigns = t.app.get(CampaignsService);
  const year = options.year ?? 2026;
  const campaign = await campaigns.create({
    organizingUnitId: options.organizer.id,
    title: `${year}年安全生产月活动${next()}`,
    year,
    theme: '人人讲安全、个个会应急',
    phases: [{ name: '安全生产月', start: `${year}-06-01`, end: `${year}-06-30` }],
    participatingUnitIds: options.participatingUnitIds,
    liaisonForm: { ...defaultLiaisonForm(), maxLiaisonsPerUnit: options.maxLiaisonsPerUnit ?? 1 },
  });
  await campaigns.replaceItems(campaign.id, {
    items: [
      {
        title: '安全宣传咨询日',
        requirement: '开展安全宣传咨询活动',
        fieldText: '开展咨询活动（ ）场，参与（ ）人次；是否发放宣传资料：是（ ）否（ ）',
        fields: [
          { kind: 'count', label: '开展咨询活动', unit: '场' },
          { kind: 'count', label: '参与', unit: '人次' },
          { kind: 'boolean', label: '是否发放宣传资料', unit: '' },
        ],
      },
    ],
  });
  await campaigns.replaceDeliverables(campaign.id, {
    deliverables: [{ kind: 'weekly_materials', title: '每周活动材料', rule: { kind: 'weekly', weekday: 3, from: `${year}-06-01`, until: `${year}-06-30` } }],
  });
  if ((options.status ?? 'published') === 'published') await campaigns.publish(campaign.id);
  return campaigns.getEntity(campaign.id);
}

/** A report filed by `reporter` for `unit` in `campaign`'s first item, adding one event and the headcount. */
export async function newReport(
  t: TestApp,
  options: { campaign: Campaign; unit: Unit; reporter: TestPerson; headcount?: number; key?: string; mediaIds?: string[] },
): Promise<Report> {
  const campaigns = t.app.get(CampaignsService);
  const actor = await t.app.get(PeopleService).actor(options.reporter.person.id);
  if (!actor) throw new Error('the reporter does not exist');
  const dto = await campaigns.get(options.campaign.id, actor);
  const item = dto.items[0];
  const headcount = options.headcount ?? 50;
  const reports = t.app.get(ReportsService);
  const made = await reports.create(actor, {
    idempotencyKey: options.key ?? `key-${next()}`,
    campaignId: options.campaign.id,
    unitId: options.unit.id,
    itemId: item.id,
    title: '安全宣传咨询日',
    startAt: '2026-06-16T01:00:00.000Z',
    endAt: '2026-06-16T04:00:00.000Z',
    place: '人民广场',
    description: '发放宣传资料，现场咨询',
    headcount,
    mediaIds: options.mediaIds ?? [],
    contributions: proposeContributions(item, headcount),
  });
  return reports.get(made.id);
}

/** `count` reports filed at once (so written together) by `reporter` for `unit`, as newReport makes them. */
export async function newReports(
  t: TestApp,
  count: number,
  options: { campaign: Campaign; unit: Unit; reporter: TestPerson; headcount?: number },
): Promise<Report[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => newReport(t, { ...options, headcount: (options.headcount ?? 10) + i })));
}
