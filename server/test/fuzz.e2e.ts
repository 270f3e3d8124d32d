import { Type } from '@nestjs/common';
import { chinaDay, deadlineInstances, defaultMediaRequirements, defaultReminderPolicy, HAZARD_PASS_HEADER, isApiErrorBody } from '@safemonth/shared';
import fc from 'fast-check';
import { PasswordSignInDto, RefreshDto, WechatSignInDto } from '../src/auth/auth.dto';
import {
  CloneCampaignDto,
  CreateCampaignDto,
  CreateFromTemplateDto,
  ReplaceDeliverablesDto,
  ReplaceItemsDto,
  UpdateCampaignDto,
} from '../src/campaigns/campaigns.dto';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Clock } from '../src/common/clock';
import { createValidationPipe } from '../src/common/validation';
import { ReviewHandInDto, SubmitHandInDto } from '../src/deliverables/deliverables.dto';
import { CreateExportDto } from '../src/exports/exports.dto';
import { HazardHandlingService } from '../src/hazards/hazard-handling.service';
import { HazardReportsService } from '../src/hazards/hazard-reports.service';
import { HazardSettingsService } from '../src/hazards/hazard-settings.service';
import {
  AssignRectificationDto,
  CreateHazardDto,
  HazardMessageInputDto,
  ReceiptCodeDto,
  ReceiptMessageDto,
  RectificationDoneDto,
  RejectHazardDto,
  ReopenHazardDto,
  RewardDto,
  TypicalCaseDto,
  UpdateHazardSettingsDto,
} from '../src/hazards/hazards.dto';
import { CreateInviteDto, RedeemInviteDto, RegisterWithInviteDto } from '../src/invites/invites.dto';
import { LiaisonRegistrationDto } from '../src/liaisons/liaisons.dto';
import { AddWechatSubscriptionsDto, CreateWecomRobotDto, UpdateWecomRobotDto } from '../src/notifications/channels/channels.dto';
import { WecomRobotsService } from '../src/notifications/channels/wecom-robots.service';
import { PeopleService } from '../src/people/people.service';
import { ManualReminderDto, ReplaceReminderPoliciesDto } from '../src/reminders/reminders.dto';
import { CreateManualEntryDto, ReviewTableDto, SetFieldAnswerDto, SubmitTableDto } from '../src/statistics/statistics.dto';
import { BulkAcceptDto, CreateReportDto, ReportInputDto, ReviewReportDto } from '../src/reports/reports.dto';
import { CreateUnitDto, MoveUnitDto, UpdateUnitDto } from '../src/units/units.dto';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { rowCounts } from './support/row-counts';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Malformed requests to every JSON endpoint, from a committee member of the root unit (who may do
 * anything the paths name, so that requests get past the access rules to validation) and from
 * nobody signed in: whole bodies that are no JSON object in UTF-8, and valid bodies with one thing
 * broken (null, a wrong type, huge or invalid text, a date not in the calendar). Every one must be
 * refused with a 4xx in the error shape, and none may write anything.
 */

interface Fixture {
  root: string;
  unit: string;
  draft: string;
  published: string;
  report: string;
  item: string;
  /** The published campaign's deliverable, and its first instance. */
  deliverable: string;
  periodKey: string;
  /** A WeCom robot of `unit`. */
  robot: string;
  /** A hazard report in `published` by the committee member, who is designated its handler; waiting for a handler. */
  hazard: string;
  /** Another, assigned to `unit` for rectification. */
  rectification: string;
}

interface Endpoint {
  method: 'post' | 'put' | 'patch';
  /** As the OpenAPI document names it. */
  route: string;
  path: (f: Fixture) => string;
  dto: Type<object>;
  /** A body the endpoint's validation takes; each mutation breaks one thing in it. */
  body: (f: Fixture) => Record<string, unknown>;
  /** Fields that may be null (to clear them). */
  nullable?: string[];
}

const campaignSettings = (f: Fixture) => ({
  theme: '人人讲安全',
  phases: [{ name: '启动', start: '2027-06-01', end: '2027-06-30' }],
  slogans: ['安全第一'],
  media: defaultMediaRequirements(),
  liaisonForm: { fields: [{ key: 'name', asked: true, required: true }], maxLiaisonsPerUnit: 2 },
  autoAcceptReports: false,
  participatingUnitIds: [f.unit],
});

const reportInput = (f: Fixture) => ({
  itemId: f.item,
  title: '安全宣传咨询日',
  startAt: '2027-06-16T01:00:00.000Z',
  endAt: '2027-06-16T04:00:00.000Z',
  place: '人民广场',
  latitude: 23.5,
  longitude: 116.1,
  description: '发放宣传资料',
  headcount: 20,
  mediaIds: [],
  contributions: [{ fieldId: 'field-id', amount: 2 }],
  evidenceLinks: ['https://news.example.com/2027/06/16.html'],
});

/** A well-formed receipt code that leads to no report. */
const WRONG_RECEIPT_CODE = '1234 5678 9012 3456';

const ENDPOINTS: Endpoint[] = [
  { method: 'post', route: '/api/units', path: () => '/api/units', dto: CreateUnitDto, body: (f) => ({ name: '新单位', kind: 'school', parentId: f.unit, code: 'X-1' }) },
  { method: 'patch', route: '/api/units/{id}', path: (f) => `/api/units/${f.unit}`, dto: UpdateUnitDto, body: () => ({ name: '改名', kind: 'school', code: 'X-2' }), nullable: ['code'] },
  { method: 'put', route: '/api/units/{id}', path: (f) => `/api/units/${f.unit}`, dto: UpdateUnitDto, body: () => ({ name: '改名', kind: 'school', code: 'X-2' }), nullable: ['code'] },
  { method: 'post', route: '/api/units/{id}/move', path: (f) => `/api/units/${f.unit}/move`, dto: MoveUnitDto, body: (f) => ({ parentId: f.root }) },
  { method: 'post', route: '/api/auth/password', path: () => '/api/auth/password', dto: PasswordSignInDto, body: () => ({ login: 'someone', password: 'secret-password' }) },
  { method: 'post', route: '/api/auth/wechat', path: () => '/api/auth/wechat', dto: WechatSignInDto, body: () => ({ code: 'wx-login-code' }) },
  { method: 'post', route: '/api/auth/refresh', path: () => '/api/auth/refresh', dto: RefreshDto, body: () => ({ refreshToken: 'refresh-token' }) },
  { method: 'post', route: '/api/auth/sign-out', path: () => '/api/auth/sign-out', dto: RefreshDto, body: () => ({ refreshToken: 'refresh-token' }) },
  { method: 'post', route: '/api/invites', path: () => '/api/invites', dto: CreateInviteDto, body: (f) => ({ unitId: f.unit, role: 'staff', expiresInHours: 24, maxUses: 5 }) },
  { method: 'post', route: '/api/invites/redeem', path: () => '/api/invites/redeem', dto: RedeemInviteDto, body: () => ({ code: 'ABCD-EFGH' }) },
  {
    method: 'post', route: '/api/invites/register', path: () => '/api/invites/register', dto: RegisterWithInviteDto,
    body: () => ({ code: 'ABCD-EFGH', displayName: '张三', login: 'zhangsan', password: 'secret-password' }),
  },
  {
    method: 'post', route: '/api/campaigns', path: () => '/api/campaigns', dto: CreateCampaignDto,
    body: (f) => ({ organizingUnitId: f.root, title: '2027年安全生产月', year: 2027, ...campaignSettings(f) }),
  },
  {
    method: 'post', route: '/api/campaigns/from-template', path: () => '/api/campaigns/from-template', dto: CreateFromTemplateDto,
    body: (f) => ({ templateId: 'jinghai-2021-culture-tourism', organizingUnitId: f.root, year: 2027 }),
  },
  {
    method: 'put', route: '/api/campaigns/{id}', path: (f) => `/api/campaigns/${f.draft}`, dto: UpdateCampaignDto,
    body: (f) => ({ title: '2027年安全生产月', year: 2027, ...campaignSettings(f) }),
  },
  {
    method: 'put', route: '/api/campaigns/{id}/items', path: (f) => `/api/campaigns/${f.draft}/items`, dto: ReplaceItemsDto,
    body: () => ({ items: [{ title: '宣传咨询日', requirement: '开展咨询', fieldText: '开展（ ）场', fields: [{ kind: 'count', label: '开展', unit: '场' }] }] }),
  },
  {
    method: 'put', route: '/api/campaigns/{id}/deliverables', path: (f) => `/api/campaigns/${f.draft}/deliverables`, dto: ReplaceDeliverablesDto,
    body: () => ({ deliverables: [{ kind: 'other', title: '总结', rule: { kind: 'once', due: '2027-06-30' } }] }),
  },
  { method: 'post', route: '/api/campaigns/{id}/clone', path: (f) => `/api/campaigns/${f.published}/clone`, dto: CloneCampaignDto, body: () => ({ year: 2028 }) },
  {
    method: 'put', route: '/api/campaigns/{id}/liaisons/mine', path: (f) => `/api/campaigns/${f.published}/liaisons/mine`, dto: LiaisonRegistrationDto,
    body: (f) => ({ unitId: f.unit, values: { name: '张三', title: '科长', mobile: '13800138000', unitName: '某单位' } }),
  },
  {
    method: 'post', route: '/api/reports', path: () => '/api/reports', dto: CreateReportDto,
    body: (f) => ({ idempotencyKey: 'fuzz-key-0001', campaignId: f.published, unitId: f.unit, ...reportInput(f) }),
    nullable: ['latitude', 'longitude'],
  },
  { method: 'post', route: '/api/reports/bulk-accept', path: () => '/api/reports/bulk-accept', dto: BulkAcceptDto, body: (f) => ({ reportIds: [f.report] }) },
  { method: 'put', route: '/api/reports/{id}', path: (f) => `/api/reports/${f.report}`, dto: ReportInputDto, body: reportInput, nullable: ['latitude', 'longitude'] },
  { method: 'post', route: '/api/reports/{id}/review', path: (f) => `/api/reports/${f.report}/review`, dto: ReviewReportDto, body: () => ({ action: 'return', comment: '请补充照片' }) },
  {
    method: 'post', route: '/api/hand-ins', path: () => '/api/hand-ins', dto: SubmitHandInDto,
    body: (f) => ({ campaignId: f.published, deliverableId: 'deliverable-id', periodKey: '2026-W23', unitId: f.unit, text: '本周材料', documentIds: [], reportIds: [] }),
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/hand-ins/{deliverableId}/{periodKey}/review',
    path: (f) => `/api/campaigns/${f.published}/units/${f.unit}/hand-ins/deliverable-id/2026-W23/review`, dto: ReviewHandInDto,
    body: () => ({ action: 'return', comment: '请补充材料' }),
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/manual-entries',
    path: (f) => `/api/campaigns/${f.published}/units/${f.unit}/manual-entries`, dto: CreateManualEntryDto,
    body: () => ({ fieldId: 'field-id', amount: 3, note: '线下宣讲' }),
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/units/{unitId}/answers/{fieldId}',
    path: (f) => `/api/campaigns/${f.published}/units/${f.unit}/answers/field-id`, dto: SetFieldAnswerDto,
    body: () => ({ value: '某企业违规动火作业' }),
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submission',
    path: (f) => `/api/campaigns/${f.published}/units/${f.unit}/statistics/submission`, dto: SubmitTableDto,
    body: () => ({ contactName: '张三', phone: '0955-1234567', fillDate: '2027-07-01' }),
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submission/review',
    path: (f) => `/api/campaigns/${f.published}/units/${f.unit}/statistics/submission/review`, dto: ReviewTableDto,
    body: () => ({ action: 'return', comment: '请核实' }),
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/exports', path: (f) => `/api/campaigns/${f.published}/exports`, dto: CreateExportDto,
    body: (f) => ({ kind: 'subtree_tables', unitId: f.unit }),
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/reminder-policies', path: (f) => `/api/campaigns/${f.published}/reminder-policies`, dto: ReplaceReminderPoliciesDto,
    body: (f) => ({ campaignDefault: defaultReminderPolicy(), overrides: [{ deliverableId: f.deliverable, policy: defaultReminderPolicy() }] }),
    nullable: ['campaignDefault.quietHours', 'overrides.0.policy.quietHours'],
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/reminders', path: (f) => `/api/campaigns/${f.published}/reminders`, dto: ManualReminderDto,
    body: (f) => ({ deliverableId: f.deliverable, periodKey: f.periodKey, unitId: f.unit }),
  },
  {
    method: 'post', route: '/api/notifications/wechat-subscriptions', path: () => '/api/notifications/wechat-subscriptions', dto: AddWechatSubscriptionsDto,
    body: () => ({ templateIds: ['tpl-Reminder-1'] }),
  },
  {
    method: 'post', route: '/api/units/{unitId}/wecom-robots', path: (f) => `/api/units/${f.unit}/wecom-robots`, dto: CreateWecomRobotDto,
    body: () => ({ name: '联络员群', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=aaaabbbb-cccc-dddd-eeee-ffff00000000', textOnly: true }),
  },
  {
    method: 'patch', route: '/api/units/{unitId}/wecom-robots/{robotId}', path: (f) => `/api/units/${f.unit}/wecom-robots/${f.robot}`, dto: UpdateWecomRobotDto,
    body: () => ({ name: '联络员群', webhook: 'ccccdddd-eeee-ffff-aaaa-bbbb00000000', textOnly: true }),
  },
  {
    method: 'put', route: '/api/units/{unitId}/wecom-robots/{robotId}', path: (f) => `/api/units/${f.unit}/wecom-robots/${f.robot}`, dto: UpdateWecomRobotDto,
    body: () => ({ name: '联络员群', webhook: 'ccccdddd-eeee-ffff-aaaa-bbbb00000000', textOnly: true }),
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/hazard-settings', path: (f) => `/api/campaigns/${f.published}/hazard-settings`, dto: UpdateHazardSettingsDto,
    body: () => ({
      allowAnonymous: true,
      allowPublic: true,
      categories: ['消防', '燃气'],
      zeroingDate: '2027-06-30',
      fields: { received: 'field-id', verified: null, rewarded: null, exposed: null, closed: null },
      handlerIds: ['person-id'],
    }),
    nullable: ['zeroingDate', 'fields.received', 'fields.verified', 'fields.rewarded', 'fields.exposed', 'fields.closed'],
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/hazards', path: (f) => `/api/campaigns/${f.published}/hazards`, dto: CreateHazardDto,
    body: (f) => ({
      unitId: f.unit,
      place: '城东菜市场',
      category: '消防',
      description: '消防通道被杂物堵塞',
      mediaIds: [],
      location: { latitude: 23.5, longitude: 116.1, address: '东门' },
      anonymous: false,
    }),
  },
  {
    method: 'post', route: '/api/hazard-receipts/lookup', path: () => '/api/hazard-receipts/lookup', dto: ReceiptCodeDto,
    body: () => ({ code: WRONG_RECEIPT_CODE }),
  },
  {
    method: 'post', route: '/api/hazard-receipts/messages', path: () => '/api/hazard-receipts/messages', dto: ReceiptMessageDto,
    body: () => ({ code: WRONG_RECEIPT_CODE, body: '补充：通道在东门' }),
  },
  { method: 'post', route: '/api/hazards/mine/{id}/messages', path: (f) => `/api/hazards/mine/${f.hazard}/messages`, dto: HazardMessageInputDto, body: () => ({ body: '请问处理进展如何' }) },
  { method: 'post', route: '/api/hazards/{id}/messages', path: (f) => `/api/hazards/${f.hazard}/messages`, dto: HazardMessageInputDto, body: () => ({ body: '请补充现场照片' }) },
  { method: 'post', route: '/api/hazards/{id}/reject', path: (f) => `/api/hazards/${f.hazard}/reject`, dto: RejectHazardDto, body: () => ({ reason: '现场核查无此情况' }) },
  {
    method: 'post', route: '/api/hazards/{id}/assign', path: (f) => `/api/hazards/${f.hazard}/assign`, dto: AssignRectificationDto,
    body: (f) => ({ unitId: f.unit, dueDate: '2027-06-30', requirement: '三日内清理完毕' }),
  },
  {
    method: 'post', route: '/api/hazards/{id}/reopen', path: (f) => `/api/hazards/${f.hazard}/reopen`, dto: ReopenHazardDto,
    body: () => ({ comment: '整改不到位', dueDate: '2027-06-30' }),
  },
  { method: 'put', route: '/api/hazards/{id}/reward', path: (f) => `/api/hazards/${f.hazard}/reward`, dto: RewardDto, body: () => ({ amountYuan: 50.5, status: 'granted' }) },
  {
    method: 'put', route: '/api/hazards/{id}/typical', path: (f) => `/api/hazards/${f.hazard}/typical`, dto: TypicalCaseDto,
    body: () => ({ typical: true, link: 'https://news.example.com/2027/06/16.html' }),
  },
  {
    method: 'post', route: '/api/rectifications/{hazardId}/done', path: (f) => `/api/rectifications/${f.rectification}/done`, dto: RectificationDoneDto,
    body: () => ({ description: '已清理杂物，通道畅通', mediaIds: ['media-id'] }),
  },
];

/** One request of the corpus. */
interface Probe {
  name: string;
  contentType?: string;
  body: string | Buffer;
}

const HUGE = 'x'.repeat(20_000);
const DATE_FIELDS = new Set(['start', 'end', 'due', 'startAt', 'endAt', 'dueDate', 'zeroingDate']);

/** Values that break a field holding `value`, whatever else the field asks. */
function breakers(key: string, value: unknown): unknown[] {
  const text = ['a\u0000b', '\uD800', 'x\uDC00', HUGE];
  if (typeof value === 'string') {
    const dates = DATE_FIELDS.has(key) ? (value.includes('T') ? ['2027-02-30T01:00:00Z', '2027-06-16T24:00:00Z'] : ['2027-02-30', '2027-13-01']) : [];
    return [null, 42, true, [], {}, ...text, ...dates];
  }
  if (typeof value === 'number') return [null, '1', true, [], {}, 1e308];
  if (typeof value === 'boolean') return [null, 'true', 1, [], {}];
  if (Array.isArray(value)) {
    // An item of the wrong kind: a number in a list of anything but numbers, text in a list of numbers.
    const wrongItem = typeof value[0] === 'number' ? '42' : 42;
    return [null, 'x', 1, {}, [null], [wrongItem], [[]], ['\u0000'], ['\uDBFF']];
  }
  return [null, 'x', 1, [], { '\u0000': 1 }];
}

/** Every path of a body, with the value there; arrays are entered through their first item when it is an object. */
function paths(value: unknown, prefix: string[] = []): { path: string[]; value: unknown }[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return typeof first === 'object' && first !== null ? [{ path: [...prefix, '0'], value: first }, ...paths(first, [...prefix, '0'])] : [];
  }
  return Object.entries(value).flatMap(([key, inner]) => [{ path: [...prefix, key], value: inner }, ...paths(inner, [...prefix, key])]);
}

function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

/** Valid bodies with one field broken. */
function mutations(endpoint: Endpoint, base: Record<string, unknown>): Probe[] {
  return paths(base).flatMap(({ path, value }) =>
    breakers(path[path.length - 1], value)
      .filter((broken) => !(broken === null && endpoint.nullable?.includes(path.join('.'))))
      .map((broken) => ({ name: `${path.join('.')} = ${JSON.stringify(broken).slice(0, 40)}`, body: JSON.stringify(withValue(base, path, broken)) })),
  );
}

const json = 'application/json';
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Whole bodies that are no JSON object in UTF-8, or come as something else than JSON. */
function wholeBodies(base: Record<string, unknown>): Probe[] {
  const text = JSON.stringify(base);
  const [firstKey] = Object.keys(base);
  const bodies: Probe[] = [
    { name: 'bracket bomb', body: nested(2000) },
    { name: 'unterminated brackets', body: '['.repeat(5000) },
    { name: 'object bomb', body: '{"a":'.repeat(100) + '1' + '}'.repeat(100) },
    { name: 'a field nested 40 deep', body: JSON.stringify({ ...base, [firstKey]: JSON.parse(nested(40)) }) },
    { name: 'a field nested 31 deep', body: JSON.stringify({ ...base, [firstKey]: JSON.parse(nested(31)) }) },
    { name: 'truncated', body: text.slice(0, Math.floor(text.length / 2)) },
    { name: 'trailing comma', body: text.replace(/}$/, ',}') },
    { name: 'single quotes', body: text.replace(/"/g, "'") },
    { name: 'comment', body: `/* x */${text}` },
    { name: 'NaN', body: `{"${firstKey}": NaN}` },
    { name: 'huge number', body: `{"${firstKey}": 1e400}` },
    { name: 'null', body: 'null' },
    { name: 'string', body: '"text"' },
    { name: 'number', body: '42' },
    { name: 'array', body: '[]' },
    { name: 'array of the body', body: `[${text}]` },
    { name: 'prototype', body: `{"__proto__": {"isAdmin": true}, ${text.slice(1)}` },
    { name: 'constructor prototype', body: `{"constructor": {"prototype": {"isAdmin": true}}, ${text.slice(1)}` },
    { name: 'duplicate key made null', body: `${text.slice(0, -1)}, "${firstKey}": null}` },
    { name: 'NUL in a key', body: `{"${firstKey}\\u0000": 1}` },
    { name: 'lone surrogate escape', body: `{"${firstKey}": "\\ud800"}` },
    { name: 'invalid UTF-8', body: Buffer.concat([Buffer.from(`{"${firstKey}": "`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) },
    { name: 'overlong UTF-8', body: Buffer.concat([Buffer.from(`{"${firstKey}": "`), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]) },
    { name: 'UTF-8 encoded surrogate', body: Buffer.concat([Buffer.from(`{"${firstKey}": "`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]) },
    { name: 'UTF-16 without charset', body: Buffer.from(text, 'utf16le') },
    { name: 'UTF-16', contentType: `${json}; charset=utf-16`, body: Buffer.from(text, 'utf16le') },
    { name: 'UTF-16 quoted', contentType: `${json}; charset="UTF-16LE"`, body: Buffer.from(text, 'utf16le') },
    { name: 'Latin-1', contentType: `${json}; charset=iso-8859-1`, body: text },
    { name: 'GBK', contentType: `${json}; charset=gbk`, body: text },
    { name: 'text/plain', contentType: 'text/plain', body: text },
    { name: 'form', contentType: 'application/x-www-form-urlencoded', body: `${firstKey}=x` },
    { name: 'XML', contentType: 'application/xml', body: '<a/>' },
    { name: 'octet-stream', contentType: 'application/octet-stream', body: text },
    { name: 'JSON patch', contentType: 'application/json-patch+json', body: text },
    { name: 'multipart', contentType: 'multipart/form-data; boundary=b', body: `--b\r\nContent-Disposition: form-data; name="${firstKey}"\r\n\r\nx\r\n--b--\r\n` },
    { name: 'multipart without boundary', contentType: 'multipart/form-data', body: '--b\r\n' },
    { name: 'multipart cut short', contentType: 'multipart/form-data; boundary=b', body: `--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nxx` },
  ];
  // Random JSON documents (none of them an object the endpoint takes) and random bytes.
  const documents = fc.sample(fc.jsonValue({ maxDepth: 4 }).filter((v) => !isEmptyObject(v)), { numRuns: 6, seed: 12 });
  const bytes = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: 4, seed: 34 });
  return [
    ...bodies,
    ...documents.map((document, i) => ({ name: `random JSON ${i}`, body: JSON.stringify(document) })),
    ...bytes.map((b, i) => ({ name: `random bytes ${i}`, body: Buffer.from(b) })),
  ];
}

/** Rows in each table of the app's database, leaving out the rate-limit buckets whose ids start with `counted`. */
function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Runs `work` on every item, `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

describe('fuzz: malformed input to every JSON endpoint', () => {
  let t: TestApp;
  let f: Fixture;
  let committee: TestPerson;
  beforeAll(async () => {
    // A WeChat template configured, so that a subscription to it gets past the service's check.
    t = await createTestApp({ BODY_LIMIT: '64kb', WECHAT_TEMPLATE_REMINDER: 'tpl-Reminder-1' });
    const root = await newUnit(t);
    const unit = await newUnit(t, { parent: root });
    committee = await newPerson(t, { role: 'committee', unit: root });
    const draft = await newCampaign(t, { organizer: root, status: 'draft' });
    const published = await newCampaign(t, { organizer: root });
    const report = await newReport(t, { campaign: published, unit, reporter: committee });
    const [deliverable] = (await t.app.get(CampaignsService).get(published.id, { personId: committee.person.id, displayName: '', memberships: [] })).deliverables;
    const robot = await t.app.get(WecomRobotsService).create(unit.id, { name: '工作群', webhook: 'aaaabbbb-cccc-dddd-eeee-000000000001' });
    // Hazard reports in the published campaign, the committee member its handler: one waiting, one assigned to `unit`.
    await t.app.get(HazardSettingsService).update(published.id, {
      allowAnonymous: false,
      allowPublic: false,
      categories: ['消防'],
      zeroingDate: null,
      fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null },
      handlerIds: [committee.person.id],
    });
    const actor = await t.app.get(PeopleService).actor(committee.person.id);
    if (!actor) throw new Error('the committee member does not exist');
    const hazardReport = { place: '城东菜市场', category: '消防', description: '消防通道被杂物堵塞', mediaIds: [], anonymous: false };
    const newHazard = async () => (await t.app.get(HazardReportsService).create(published.id, hazardReport, actor, '127.0.0.1')).followUp.id;
    const hazard = await newHazard();
    const rectification = await newHazard();
    await t.app.get(HazardHandlingService).verify(actor, rectification);
    const dueDate = chinaDay(new Date(t.app.get(Clock).now().getTime() + 7 * 86_400_000));
    await t.app.get(HazardHandlingService).assign(actor, rectification, { unitId: unit.id, dueDate });
    f = {
      root: root.id,
      unit: unit.id,
      draft: draft.id,
      published: published.id,
      report: report.id,
      item: report.itemId,
      deliverable: deliverable.id,
      periodKey: deadlineInstances(deliverable.rule)[0].periodKey,
      robot: robot.id,
      hazard,
      rectification,
    };
  });
  afterAll(() => t.close());

  it('covers every endpoint that takes a JSON body', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.requestBody?.content[json])
        .map(([method]) => `${method} ${path}`),
    );
    expect(ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort()).toEqual(documented.sort());
  });

  it('starts from bodies that validation takes, so that each mutation is the one thing wrong', async () => {
    const pipe = createValidationPipe();
    for (const endpoint of ENDPOINTS) await pipe.transform(endpoint.body(f), { type: 'body', metatype: endpoint.dto });
  });

  // One test per endpoint: each sends its few hundred probes well within a test's time on a busy machine.
  it.each(ENDPOINTS.map((endpoint) => [`${endpoint.method.toUpperCase()} ${endpoint.route}`, endpoint] as const))(
    '%s refuses every malformed body with a 4xx in the error shape, and writes nothing',
    async (_name, endpoint) => {
      const failures: string[] = [];
      const base = endpoint.body(f);
      const whole = wholeBodies(base);
      const probes: { probe: Probe; auth?: string }[] = [
        ...[...whole, ...mutations(endpoint, base)].map((probe) => ({ probe, auth: committee.auth })),
        ...whole.map((probe) => ({ probe })),
      ];
      const before = await rowCounts(t);
      await eachLimited(probes, 4, async ({ probe, auth }) => {
        let request = t.http()[endpoint.method](endpoint.path(f)).set('content-type', probe.contentType ?? json);
        if (auth) request = request.set('authorization', auth);
        const response = await request.serialize((data: unknown) => data as string).send(probe.body);
        const label = `${auth ? 'committee' : 'signed out'}, ${probe.name}`;
        if (response.status < 400 || response.status >= 500) failures.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        else if (!isApiErrorBody(response.body)) failures.push(`${label}: ${response.status} not in the error shape: ${response.text.slice(0, 200)}`);
      });
      const after = await rowCounts(t);
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`wrote: ${JSON.stringify({ before, after })}`);
      expect(failures).toEqual([]);
      // Every field broken several ways, every whole body malformed, signed in and out.
      expect(probes.length).toBeGreaterThanOrEqual(100);
    },
  );

  // The pass endpoint (POST …/hazard-pass) takes no body: what it gives is fuzzed where it is taken back, as a header.
  it('refuses every malformed reporting pass of an anonymous report or upload with 401 in the error shape, and writes nothing', async () => {
    const printable = (text: string) => /^[\x21-\x7e][\x20-\x7e]*$/.test(text) && !text.endsWith(' ');
    const passes = [
      ...fc.sample(fc.string({ minLength: 1, maxLength: 300 }).filter(printable), { numRuns: 40, seed: 56 }),
      ...fc.sample(fc.tuple(fc.base64String({ maxLength: 120 }), fc.base64String({ maxLength: 60 })).map(([a, b]) => `${a}.${b}`.replace(/[+/=]/g, '_')).filter(printable), { numRuns: 40, seed: 78 }),
      `${Buffer.from(`${f.published}.99999999999`).toString('base64url')}.${'A'.repeat(43)}`,
      'x'.repeat(8000),
    ];
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const failures: string[] = [];
    const before = await rowCounts(t);
    await eachLimited(passes, 4, async (pass) => {
      for (const [name, call] of [
        ['report', () => t.http().post(`/api/campaigns/${f.published}/hazards`).set(HAZARD_PASS_HEADER, pass).send({ place: '城东菜市场', category: '消防', description: '消防通道被杂物堵塞', mediaIds: [], anonymous: true })],
        ['upload', () => t.http().post(`/api/campaigns/${f.published}/hazard-media`).set(HAZARD_PASS_HEADER, pass).attach('file', photo, 'a.jpg')],
      ] as const) {
        const response = await call();
        if (response.status !== 401 || !isApiErrorBody(response.body)) failures.push(`${name} with ${JSON.stringify(pass.slice(0, 60))}: ${response.status} ${response.text.slice(0, 200)}`);
      }
    });
    expect(failures).toEqual([]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answers malformed query strings of every list without a 5xx, errors in the error shape', async () => {
    const lists: { path: string; params: string[] }[] = [
      { path: `/api/units?under=${f.root}`, params: ['page', 'size', 'q'] },
      { path: '/api/units?', params: ['page', 'size', 'under', 'q'] },
      { path: `/api/campaigns/${f.published}/reports?`, params: ['page', 'size', 'unitId', 'status', 'mine'] },
      { path: `/api/units/${f.root}/members?`, params: ['page', 'size'] },
      { path: `/api/units/${f.root}/invites?`, params: ['page', 'size'] },
      { path: `/api/campaigns/${f.published}/liaisons?`, params: ['page', 'size', 'mine'] },
      { path: `/api/campaigns/${f.published}/notifications?`, params: ['page', 'size', 'kind', 'status', 'unitId'] },
      { path: '/api/inbox?', params: ['page', 'size'] },
      { path: `/api/campaigns/${f.published}/hazards?`, params: ['page', 'size', 'status', 'category', 'unitId', 'overdue', 'typical'] },
      { path: '/api/hazards/mine?', params: ['page', 'size'] },
      { path: `/api/campaigns/${f.published}/hazard-identity-log?`, params: ['page', 'size'] },
      { path: `/api/campaigns/${f.published}/units/${f.unit}/rectifications?`, params: ['page', 'size'] },
      { path: `/api/campaigns/${f.published}/units/${f.root}/hazard-counts?`, params: ['page', 'size'] },
    ];
    const values = ['', '0', '-1', '1.5', '1e21', '9007199254740993', 'abc', '%00', '%ED%A0%80', '%FF', 'x'.repeat(5000), '[]', '{}', 'null'];
    const failures: string[] = [];
    for (const { path, params } of lists) {
      const queries = params.flatMap((param) => [...values.map((value) => `${param}=${value}`), `${param}=1&${param}=2`]).concat('unknown=1');
      await eachLimited(queries, 4, async (query) => {
        const url = `${path}${path.endsWith('?') ? '' : '&'}${query}`;
        const response = await t.http().get(url).set('authorization', committee.auth);
        if (response.status >= 500) failures.push(`GET ${url.slice(0, 120)}: ${response.status} ${response.text.slice(0, 200)}`);
        else if (response.status >= 400 && !isApiErrorBody(response.body)) failures.push(`GET ${url.slice(0, 120)}: not in the error shape`);
      });
    }
    expect(failures).toEqual([]);
  });
});
