import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { defaultReminderPolicy, type CampaignDto, type DeliveryLogEntryDto, type MeResponse, type ReminderPoliciesDto, type UnitDto } from '@safemonth/shared';
import RemindersPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, flush, inputsWithPlaceholder, mockRequest, render, setNativeInput, setWindowWidth, typeIntoInput, type RequestCall } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const root = { id: 'u1', name: '市安委办', kind: 'committee' as const };
const COMMITTEE: MeResponse = { person, memberships: [{ id: 'm1', role: 'committee', unit: root }] };
const CAMPAIGN = campaignDto({
  status: 'published',
  organizingUnit: root,
  overseenUnits: [root],
  deliverables: [
    { id: 'd1', kind: 'weekly_materials' as never, title: '每周材料', rule: { kind: 'once', due: '2022-06-08' } as never },
    { id: 'd2', kind: 'summary' as never, title: '活动总结', rule: { kind: 'once', due: '2022-06-30' } as never },
  ],
});
const UNITS: UnitDto[] = [
  { id: 'u1', name: '市安委办', code: null, kind: 'committee', parentId: null, depth: 0 },
  { id: 'u2', name: '东城区', code: null, kind: 'district', parentId: 'u1', depth: 1 },
];

const entry = (id: string, changes: Partial<DeliveryLogEntryDto>): DeliveryLogEntryDto => ({
  id,
  kind: 'manual_reminder',
  channel: 'inbox',
  status: 'sent',
  person: { id: 'p2', displayName: '李联络' },
  unit: { id: 'u2', name: '东城区' },
  deliverableId: 'd1',
  periodKey: 'once',
  title: '请尽快报送：每周材料',
  body: '东城区尚未报送每周材料，截止 2022年6月8日 24:00。',
  createdAt: '2022-06-09T01:00:00.000Z',
  sentAt: '2022-06-09T01:00:02.000Z',
  nextAttemptAt: null,
  lastError: null,
  attempts: [{ at: '2022-06-09T01:00:02.000Z', outcome: 'sent', error: null }],
  ...changes,
});
const LOG = [
  entry('n1', {}),
  entry('n2', {
    channel: 'wecom',
    person: null,
    status: 'queued',
    sentAt: null,
    nextAttemptAt: '2022-06-09T01:01:00.000Z',
    lastError: '发送太频繁（企业微信 45009）',
    attempts: [{ at: '2022-06-09T01:00:03.000Z', outcome: 'retry', error: '发送太频繁（企业微信 45009）' }],
  }),
];

let campaign: CampaignDto;
let saved: ReminderPoliciesDto;
/** What the server answers to PUT reminder-policies (by default: saves it). */
let replyToSave: (call: RequestCall) => { statusCode: number; data?: unknown };

function server() {
  return mockRequest((call) => {
    const url = call.url;
    if (url === '/api/me') return { statusCode: 200, data: COMMITTEE };
    if (url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    if (url === '/api/units/u1') return { statusCode: 200, data: UNITS[0] };
    if (url.startsWith('/api/units?under=u1&')) return { statusCode: 200, data: { items: UNITS, total: 2, page: 1, size: 20 } };
    if (url.startsWith('/api/campaigns/c1/notifications?')) {
      const page = Number(/page=(\d+)/.exec(url)?.[1]);
      const items = url.includes('status=failed') ? [] : LOG;
      return { statusCode: 200, data: { items: page === 1 ? items : [entry('n3', { kind: 'report_returned' })], total: items.length ? 3 : 0, page, size: 2 } };
    }
    if (url === '/api/campaigns/c1/reminder-policies' && call.method === 'GET') return { statusCode: 200, data: saved };
    if (url === '/api/campaigns/c1/reminder-policies' && call.method === 'PUT') return replyToSave(call);
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

async function press(element: Element) {
  await act(async () => {
    fireEvent.click(element);
    await flush();
  });
}

async function choose(select: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(select, { target: { value } });
    await flush();
  });
}

const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('[role="cell"]')).map((c) => c.textContent);
const group = (label: string) => screen.getByRole('group', { name: label });

let restoreWidth: (() => void) | undefined;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  campaign = CAMPAIGN;
  saved = { campaignDefault: defaultReminderPolicy(), overrides: [] };
  replyToSave = (call) => {
    saved = call.data as ReminderPoliciesDto;
    return { statusCode: 200, data: saved };
  };
});

afterEach(() => {
  restoreWidth?.();
  restoreWidth = undefined;
  jest.restoreAllMocks();
});

describe('提醒记录', () => {
  it('lists the notices newest first in a table on the desktop, opens a row’s tries, and filters and pages on the server', async () => {
    restoreWidth = setWindowWidth(1366);
    const calls = server();
    render(<RemindersPage />);

    const table = await screen.findByRole('table', { name: '提醒记录' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ['2022年6月9日 09:00', '催报提醒', '东城区', '李联络', '站内消息', '已送达', '已尝试 1 次'],
      ['2022年6月9日 09:00', '催报提醒', '东城区', '东城区群机器人', '企业微信群机器人', '待发送', '已尝试 1 次，最近错误：发送太频繁（企业微信 45009），下次发送 2022年6月9日 09:01'],
    ]);
    await press(rows[1]);
    expect(screen.getByText('东城区尚未报送每周材料，截止 2022年6月8日 24:00。')).toBeTruthy();
    expect(screen.getByText('第 1 次 2022年6月9日 09:00 稍后重试：发送太频繁（企业微信 45009）')).toBeTruthy();

    await choose(screen.getByDisplayValue('全部类型'), 'manual_reminder');
    await press(screen.getByText('选择单位'));
    await press(await within(await screen.findByRole('table', { name: '单位' })).findByText('东城区'));
    expect(screen.queryByRole('table', { name: '单位' })).toBeNull();
    await choose(screen.getByDisplayValue('全部状态'), 'failed');
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy();
    expect(calls.map((c) => c.url)).toEqual(
      expect.arrayContaining([
        '/api/campaigns/c1/notifications?page=1',
        '/api/campaigns/c1/notifications?kind=manual_reminder&page=1',
        '/api/campaigns/c1/notifications?kind=manual_reminder&unitId=u2&page=1',
        '/api/campaigns/c1/notifications?kind=manual_reminder&status=failed&unitId=u2&page=1',
      ]),
    );
    await press(screen.getByText('清除条件'));
    await screen.findByRole('table', { name: '提醒记录' });
    await press(screen.getByText('下一页'));
    expect(await within(screen.getByRole('table', { name: '提醒记录' })).findByText('报告被退回')).toBeTruthy();
    expect(calls.at(-1)?.url).toBe('/api/campaigns/c1/notifications?page=2');
  });

  it('shows each notice as a card on a phone', async () => {
    server();
    render(<RemindersPage />);
    expect(await screen.findByText('催报提醒 · 企业微信群机器人')).toBeTruthy();
    expect(screen.queryByRole('table', { name: '提醒记录' })).toBeNull();
    expect(screen.getByText('2022年6月9日 09:00 · 东城区 · 李联络')).toBeTruthy();
    expect(screen.getByText('已尝试 1 次，最近错误：发送太频繁（企业微信 45009），下次发送 2022年6月9日 09:01')).toBeTruthy();
    await press(screen.getByText('催报提醒 · 站内消息'));
    expect(screen.getByText('送达时间：2022年6月9日 09:00')).toBeTruthy();
  });

  it('is for the committee managing the campaign only', async () => {
    campaign = { ...CAMPAIGN, editable: false };
    const calls = server();
    render(<RemindersPage />);
    expect(await screen.findByText('只有主办单位的安委办可以查看提醒记录和提醒设置')).toBeTruthy();
    expect(calls.filter((c) => c.url.includes('notifications') || c.url.includes('reminder-policies'))).toEqual([]);
  });
});

describe('提醒设置', () => {
  async function openSettings() {
    const calls = server();
    render(<RemindersPage />);
    await press(await screen.findByText('提醒设置'));
    await screen.findByRole('group', { name: '活动默认规则' });
    return calls;
  }
  const saves = (calls: RequestCall[]) => calls.filter((c) => c.method === 'PUT').map((c) => c.data);

  it('edits the default and a deliverable’s own policy, checks them with the shared rules under each field, and saves', async () => {
    const calls = await openSettings();
    const defaults = group('活动默认规则');
    // The default policy as loaded: a day and 2 hours before, the next day at 09:00, 22:00–08:00.
    expect(inputsWithPlaceholder(defaults, '提前时长').map((input) => input.getAttribute('value'))).toEqual(['24', '2']);
    expect(screen.getAllByText('按活动默认规则提醒')).toHaveLength(2);

    // A third reminder left empty, no channel, and the digest without an overdue notice.
    await press(within(defaults).getByText('添加提前提醒'));
    await press(within(defaults).getByText('站内消息'));
    await press(within(defaults).getByText('微信订阅消息'));
    await press(within(defaults).getByText('不提醒'));
    await press(screen.getByText('保存提醒设置'));
    expect(saves(calls)).toEqual([]);
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy();
    expect(within(defaults).getByText('提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）')).toBeTruthy();
    expect(within(defaults).getByText('请至少选择一个发送渠道')).toBeTruthy();
    expect(within(defaults).getByText('未交汇总与逾期提醒同时发送，请先设置逾期提醒')).toBeTruthy();

    // Fixed field by field, the messages go as the person edits.
    await typeIntoInput(inputsWithPlaceholder(defaults, '提前时长')[2], '30');
    await press(within(defaults).getAllByText('分钟')[2]);
    expect(within(defaults).queryByText('提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）')).toBeNull();
    await press(within(defaults).getByText('企业微信群机器人'));
    await press(within(defaults).getByText('截止后一段时间'));
    await typeIntoInput(inputsWithPlaceholder(defaults, '逾期时长')[0], '3');
    await setNativeInput(defaults, '免打扰开始', '21:30');

    // 活动总结 gets its own policy, from the default as it stands: e-mail too.
    const summary = screen.getByText('活动总结', { selector: '.section__title' }).closest('.section') as HTMLElement;
    await press(within(summary).getByText('单独设置提醒规则'));
    await press(within(group('活动总结')).getByText('电子邮件'));

    await press(screen.getByText('保存提醒设置'));
    const policy = { offsetsBeforeMinutes: [1440, 120, 30], overdueAt: { afterMinutes: 180 }, escalation: true, quietHours: { from: '21:30', to: '08:00' }, channels: ['wecom'] };
    expect(saves(calls)).toEqual([{ campaignDefault: policy, overrides: [{ deliverableId: 'd2', policy: { ...policy, channels: ['wecom', 'email'] } }] }]);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '提醒设置已保存', icon: 'success' });
    expect(screen.queryByText('请按提示修改后再保存')).toBeNull();
  });

  it('shows the server’s refusal under the field of the policy it names', async () => {
    saved = { campaignDefault: defaultReminderPolicy(), overrides: [{ deliverableId: 'd1', policy: defaultReminderPolicy() }] };
    replyToSave = () => apiError(400, 'VALIDATION_FAILED', '提醒规则有误：发送渠道只能是…', [{ field: 'overrides.0.policy.channels.1', message: '发送渠道只能是站内消息、微信订阅消息、企业微信群机器人、电子邮件' }]);
    const calls = await openSettings();
    const weekly = group('每周材料');
    await press(within(weekly).getByText('电子邮件'));
    await press(screen.getByText('保存提醒设置'));
    expect(saves(calls)).toHaveLength(1);
    expect(within(group('每周材料')).getByText('发送渠道只能是站内消息、微信订阅消息、企业微信群机器人、电子邮件')).toBeTruthy();
    expect(screen.getByText('提醒规则有误：发送渠道只能是…')).toBeTruthy();
  });

  it('asks before leaving unsaved edits for the log, and stays when the person keeps editing', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    await openSettings();
    await press(within(group('活动默认规则')).getByText('电子邮件'));
    await press(screen.getByText('提醒记录'));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '修改尚未保存', content: '“提醒设置”中有修改尚未保存，离开后将丢失这些修改。' }));
    expect(screen.getByRole('group', { name: '活动默认规则' })).toBeTruthy();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await press(screen.getByText('提醒记录'));
    expect(await screen.findByText('催报提醒 · 站内消息')).toBeTruthy();
  });
});
