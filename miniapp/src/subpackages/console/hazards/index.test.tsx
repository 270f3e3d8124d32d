import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import {
  HAZARD_TRANSITIONS,
  type CampaignDto,
  type HazardAction,
  type HazardCaseDto,
  type HazardSettingsDto,
  type HazardStatus,
  type IdentityAccessDto,
  type MeResponse,
  type UnitDto,
} from '@safemonth/shared';
import HazardsPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, flush, mockRequest, render, setNativeInput, setWindowWidth, typeInto, typeIntoTextarea, type FakeResponse, type RequestCall } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const root = { id: 'u1', name: '市安委办', kind: 'committee' as const };
const district = { id: 'u2', name: '东城区', kind: 'district' as const };
const COMMITTEE: MeResponse = { person, memberships: [{ id: 'm1', role: 'committee', unit: root }] };
const CAMPAIGN = campaignDto({
  status: 'published',
  organizingUnit: root,
  overseenUnits: [root],
  items: [
    {
      id: 'i1',
      title: '隐患排查',
      requirement: '',
      fieldText: '',
      fields: [
        { id: 'f1', kind: 'count', label: '收到举报', unit: '件', hasData: false },
        { id: 'f2', kind: 'boolean', label: '是否开展', unit: '', hasData: false },
      ],
    },
  ],
});
const UNITS: UnitDto[] = [
  { id: 'u1', name: '市安委办', code: null, kind: 'committee', parentId: null, depth: 0 },
  { id: 'u2', name: '东城区', code: null, kind: 'district', parentId: 'u1', depth: 1 },
];

function hazardCase(id: string, status: HazardStatus, extra: Partial<HazardCaseDto> = {}): HazardCaseDto {
  return {
    id,
    campaignId: 'c1',
    category: '消防',
    place: '东城区人民路 8 号',
    unit: { id: district.id, name: district.name },
    description: '楼梯间堆放杂物，堵塞消防通道',
    location: null,
    anonymous: false,
    status,
    reason: null,
    media: [],
    rectification: null,
    reward: null,
    typical: null,
    messages: [],
    history: [{ action: 'submit', byName: null, comment: null, at: '2022-06-05T01:00:00.000Z' }],
    overdue: false,
    createdAt: '2022-06-05T01:00:00.000Z',
    updatedAt: '2022-06-05T01:00:00.000Z',
    ...extra,
  };
}

const SETTINGS: HazardSettingsDto = {
  allowAnonymous: true,
  allowPublic: false,
  categories: ['消防', '矿山'],
  zeroingDate: null,
  fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null },
  handlers: [{ personId: 'p1', displayName: '王五' }],
};

const LOG: IdentityAccessDto[] = [{ id: 'a1', hazardId: 'h2', byName: '王五', at: '2022-06-06T02:00:00.000Z' }];

let campaign: CampaignDto;
let cases: Record<string, HazardCaseDto>;
/** What the server answers to a workflow step (by default: takes it as the shared transitions say). */
let replyToStep: (call: RequestCall, hazard: HazardCaseDto, action: string) => FakeResponse;

const STEP_PATHS: Record<string, HazardAction> = { 'start-verification': 'startVerification', verify: 'verify', reject: 'reject', assign: 'assign', close: 'close', reopen: 'reopen' };

function server() {
  return mockRequest((call) => {
    const url = call.url;
    if (url === '/api/me') return { statusCode: 200, data: COMMITTEE };
    if (url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    if (url === '/api/units/u1') return { statusCode: 200, data: UNITS[0] };
    if (url.startsWith('/api/units?under=u1&')) return { statusCode: 200, data: { items: UNITS, total: 2, page: 1, size: 50 } };
    if (url === '/api/units/u1/members?page=1') {
      const members = [
        { membershipId: 'm1', role: 'committee', person: { id: 'p1', displayName: '王五' } },
        { membershipId: 'm2', role: 'committee', person: { id: 'p2', displayName: '李四' } },
        { membershipId: 'm3', role: 'liaison', person: { id: 'p3', displayName: '赵联络' } },
      ];
      return { statusCode: 200, data: { items: members, total: 3, page: 1, size: 50 } };
    }
    if (url === '/api/campaigns/c1/hazard-settings' && call.method === 'GET') return { statusCode: 200, data: SETTINGS };
    if (url === '/api/campaigns/c1/hazard-settings' && call.method === 'PUT') {
      const body = call.data as { handlerIds: string[] };
      return { statusCode: 200, data: { ...SETTINGS, ...(call.data as object), handlers: body.handlerIds.map((personId) => ({ personId, displayName: personId === 'p1' ? '王五' : '李四' })) } };
    }
    if (url === '/api/campaigns/c1/hazard-identity-log?page=1') return { statusCode: 200, data: { items: LOG, total: 1, page: 1, size: 50 } };
    if (url.startsWith('/api/campaigns/c1/hazards?')) {
      const page = Number(/page=(\d+)/.exec(url)?.[1]);
      const all = Object.values(cases);
      const items = page === 1 ? all : [hazardCase('h9', 'closed', { category: '燃气', place: '南城区' })];
      return { statusCode: 200, data: { items, total: all.length + 1, page, size: all.length } };
    }
    const step = /^\/api\/hazards\/(h\d)\/([a-z-]+)$/.exec(url);
    if (step && step[2] === 'reporter') {
      return { statusCode: 200, data: { anonymous: false, personId: 'p7', displayName: '张三', phone: '13900000007', wechatOpenId: null, ip: '203.0.113.7' } };
    }
    if (step && step[2] === 'messages') {
      const hazard = cases[step[1]];
      cases[step[1]] = { ...hazard, messages: [...hazard.messages, { id: 'msg2', from: 'handler', body: (call.data as { body: string }).body, createdAt: '2022-06-06T03:00:00.000Z' }] };
      return { statusCode: 201, data: cases[step[1]].messages.at(-1) };
    }
    if (step && (step[2] === 'reward' || step[2] === 'typical')) {
      const hazard = cases[step[1]];
      cases[step[1]] = step[2] === 'reward' ? { ...hazard, reward: call.data as never } : { ...hazard, typical: { link: (call.data as { link?: string }).link ?? null } };
      return { statusCode: 200, data: cases[step[1]] };
    }
    if (step && STEP_PATHS[step[2]]) return replyToStep(call, cases[step[1]], STEP_PATHS[step[2]]);
    const one = /^\/api\/hazards\/(h\d)$/.exec(url);
    if (one && cases[one[1]]) return { statusCode: 200, data: cases[one[1]] };
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

/** The NutUI button showing `text` in `scope`. */
const button = (text: string, scope: HTMLElement = document.body) => within(scope).getByText(text, { selector: 'button div' });
const buttonTexts = (scope: HTMLElement) => Array.from(scope.querySelectorAll('.hazard-workflow button')).map((b) => b.textContent);
const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('[role="cell"]')).map((c) => c.textContent);
const calledTo = (calls: RequestCall[], path: string) => calls.filter((c) => c.url === path);

/** Renders the page on the desktop and opens the case in row `index` of the list. */
async function openCase(index: number): Promise<{ calls: RequestCall[]; panel: HTMLElement; container: HTMLElement }> {
  const calls = server();
  const { container } = render(<HazardsPage />);
  const table = await screen.findByRole('table', { name: '举报列表' });
  await press(within(table).getAllByRole('row')[index + 1]);
  await screen.findByText('处理经过');
  return { calls, panel: container.querySelector('.hazard-case') as HTMLElement, container };
}

let restoreWidth: (() => void) | undefined;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  restoreWidth = setWindowWidth(1366);
  campaign = CAMPAIGN;
  cases = { h1: hazardCase('h1', 'submitted') };
  replyToStep = (call, hazard, action) => {
    const next: HazardCaseDto = { ...hazard, status: HAZARD_TRANSITIONS[action as HazardAction].to };
    if (action === 'reject') next.reason = (call.data as { reason: string }).reason;
    if (action === 'assign') {
      const body = call.data as { unitId: string; dueDate: string; requirement?: string };
      next.rectification = { unit: { id: body.unitId, name: '东城区' }, dueDate: body.dueDate, requirement: body.requirement ?? null, description: null, media: [], doneAt: null };
    }
    cases[hazard.id] = next;
    return { statusCode: 200, data: next };
  };
});

afterEach(() => {
  restoreWidth?.();
  jest.restoreAllMocks();
  delete (globalThis as { fetch?: unknown }).fetch;
});

describe('举报处理', () => {
  it('lists the reports in a table, filters them on the server and pages through them', async () => {
    cases = {
      h1: hazardCase('h1', 'submitted', { anonymous: true }),
      h2: hazardCase('h2', 'rectifying', { overdue: true, rectification: { unit: { id: 'u2', name: '东城区' }, dueDate: '2022-06-20', requirement: null, description: null, media: [], doneAt: null } }),
    };
    const calls = server();
    render(<HazardsPage />);

    const table = await screen.findByRole('table', { name: '举报列表' });
    expect(within(table).getAllByRole('row').slice(1).map(cellsOf)).toEqual([
      ['2022年6月5日 09:00', '消防', '东城区 · 东城区人民路 8 号', '已提交', '—', '匿名'],
      ['2022年6月5日 09:00', '消防', '东城区 · 东城区人民路 8 号', '整改中', '东城区，2022年6月20日前', '逾期'],
    ]);

    await choose(screen.getByDisplayValue('全部状态'), 'rectifying');
    // The campaign's own categories, from its settings.
    await choose(screen.getByDisplayValue('全部类别'), '矿山');
    await press(screen.getByText('只看逾期'));
    await press(screen.getByText('只看典型案例'));
    await press(button('选择单位'));
    await press(await within(await screen.findByRole('table', { name: '单位' })).findByText('东城区'));
    expect(calls.map((c) => c.url)).toEqual(
      expect.arrayContaining([
        '/api/campaigns/c1/hazards?page=1',
        '/api/campaigns/c1/hazards?status=rectifying&page=1',
        `/api/campaigns/c1/hazards?status=rectifying&category=${encodeURIComponent('矿山')}&unitId=u2&overdue=true&typical=true&page=1`,
      ]),
    );

    await press(button('清除条件'));
    await screen.findByRole('table', { name: '举报列表' });
    await press(button('下一页'));
    expect(await within(screen.getByRole('table', { name: '举报列表' })).findByText('燃气')).toBeTruthy();
    expect(calls.at(-1)?.url).toBe('/api/campaigns/c1/hazards?page=2');
  });

  it('opens filtered to a unit’s overdue cases when asked to (from 完成情况)', async () => {
    setRouterParams({ campaignId: 'c1', overdue: '1', unitId: 'u2', unitName: encodeURIComponent('东城区') });
    const calls = server();
    render(<HazardsPage />);
    await screen.findByRole('table', { name: '举报列表' });
    expect(calls.filter((c) => c.url.startsWith('/api/campaigns/c1/hazards?')).map((c) => c.url)).toEqual(['/api/campaigns/c1/hazards?unitId=u2&overdue=true&page=1']);
    expect(screen.getByText('东城区')).toBeTruthy();
    expect(screen.getByText('清除条件')).toBeTruthy();
  });

  it('shows only the steps the case’s status allows', async () => {
    cases = {
      h1: hazardCase('h1', 'submitted'),
      h2: hazardCase('h2', 'rectified'),
      h3: hazardCase('h3', 'closed'),
      h4: hazardCase('h4', 'rectifying'),
    };
    const { panel } = await openCase(0);
    expect(buttonTexts(panel)).toEqual(['开始核查', '属实', '不属实']);
    const table = screen.getByRole('table', { name: '举报列表' });
    for (const [index, expected] of [
      [1, ['销号', '重新整改']],
      [2, ['重新整改']],
      [3, ['改派整改单位']],
    ] as const) {
      await press(within(table).getAllByRole('row')[index + 1]);
      await screen.findByText('处理经过');
      expect(buttonTexts(document.querySelector('.hazard-case') as HTMLElement)).toEqual(expected);
    }
  });

  it('takes a step at once and shows the new status, or the server’s refusal', async () => {
    const { calls, panel } = await openCase(0);
    await press(button('开始核查', panel));
    expect(calledTo(calls, '/api/hazards/h1/start-verification')).toHaveLength(1);
    expect(await within(panel).findByText('核查中')).toBeTruthy();
    expect(buttonTexts(panel)).toEqual(['属实', '不属实']);

    replyToStep = () => apiError(409, 'CONFLICT', '该举报已由其他处理人处理，请刷新后重试');
    await press(button('属实', panel));
    expect(await within(panel).findByText('该举报已由其他处理人处理，请刷新后重试')).toBeTruthy();
  });

  it('needs a reason for 不属实', async () => {
    const { calls, panel, container } = await openCase(0);
    await press(button('不属实', panel));
    await press(button('确认不属实', panel));
    expect(within(panel).getByText('请填写不属实的理由')).toBeTruthy();
    expect(calledTo(calls, '/api/hazards/h1/reject')).toEqual([]);

    await typeIntoTextarea(container, '不属实的理由（必填，举报人可以看到）', '现场核查，通道畅通');
    await press(button('确认不属实', panel));
    expect(calledTo(calls, '/api/hazards/h1/reject').map((c) => c.data)).toEqual([{ reason: '现场核查，通道畅通' }]);
    expect(await within(panel).findByText('不属实理由：现场核查，通道畅通')).toBeTruthy();
    expect(buttonTexts(panel)).toEqual(['属实']);
  });

  it('assigns the rectification to a unit with a due date and what is asked', async () => {
    cases = { h1: hazardCase('h1', 'verified') };
    const { calls, panel, container } = await openCase(0);
    await press(button('交办整改', panel));
    // The unit concerned is proposed.
    expect(within(panel).getAllByText('东城区').length).toBeGreaterThan(0);
    await press(button('确认交办整改', panel));
    expect(within(panel).getByText('请选择整改期限')).toBeTruthy();

    await setNativeInput(panel, '整改期限', '2022-06-30');
    await typeIntoTextarea(container, '整改要求（可选）', '清理杂物，设置警示标识');
    await press(button('确认交办整改', panel));
    expect(calledTo(calls, '/api/hazards/h1/assign').map((c) => c.data)).toEqual([{ unitId: 'u2', dueDate: '2022-06-30', requirement: '清理杂物，设置警示标识' }]);
    expect(await within(panel).findByText('整改单位：东城区 · 期限：2022年6月30日')).toBeTruthy();
  });

  it('sends a rectification back with a comment', async () => {
    cases = { h1: hazardCase('h1', 'rectified') };
    const { calls, panel, container } = await openCase(0);
    await press(button('重新整改', panel));
    await press(button('确认重新整改', panel));
    expect(within(panel).getByText('请填写重新整改的意见')).toBeTruthy();
    await typeIntoTextarea(container, '重新整改意见（必填，整改单位可以看到）', '照片不清晰，请重拍');
    await setNativeInput(panel, '新的整改期限', '2022-07-05');
    await press(button('确认重新整改', panel));
    expect(calledTo(calls, '/api/hazards/h1/reopen').map((c) => c.data)).toEqual([{ comment: '照片不清晰，请重拍', dueDate: '2022-07-05' }]);
    expect(await within(panel).findByText('整改中')).toBeTruthy();
  });

  it('closes (销号) only after asking', async () => {
    cases = { h1: hazardCase('h1', 'rectified') };
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    const { calls, panel } = await openCase(0);
    await press(button('销号', panel));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '销号', confirmText: '销号' }));
    expect(calledTo(calls, '/api/hazards/h1/close')).toEqual([]);
    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await press(button('销号', panel));
    expect(calledTo(calls, '/api/hazards/h1/close')).toHaveLength(1);
    expect(await within(panel).findByText('已销号')).toBeTruthy();
    expect(buttonTexts(panel)).toEqual(['重新整改']);
  });

  it('shows the reporter only after the handler confirms that the look is logged', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    const { calls, panel } = await openCase(0);
    await press(button('查看举报人', panel));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '查看举报人', content: expect.stringContaining('记录在查看日志中') }));
    expect(calledTo(calls, '/api/hazards/h1/reporter')).toEqual([]);
    expect(within(panel).queryByText('姓名：张三')).toBeNull();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await press(button('查看举报人', panel));
    expect(calledTo(calls, '/api/hazards/h1/reporter')).toHaveLength(1);
    expect(await within(panel).findByText('姓名：张三')).toBeTruthy();
    expect(within(panel).getByText('电话：13900000007')).toBeTruthy();
    expect(within(panel).getByText('IP 地址：203.0.113.7')).toBeTruthy();
    await press(button('隐藏举报人', panel));
    expect(within(panel).queryByText('姓名：张三')).toBeNull();
  });

  it('offers no reporter of an anonymous report', async () => {
    cases = { h1: hazardCase('h1', 'submitted', { anonymous: true }) };
    const { panel } = await openCase(0);
    expect(within(panel).getByText('匿名举报：系统不保存举报人的任何身份信息')).toBeTruthy();
    expect(within(panel).queryByText('查看举报人')).toBeNull();
  });

  it('sets a verified case’s reward and marks it a typical case with its link', async () => {
    cases = { h1: hazardCase('h1', 'verified') };
    const { calls, panel, container } = await openCase(0);
    await typeInto(container, '奖励金额（元）', '12.345');
    await press(button('保存奖励', panel));
    expect(within(panel).getByText('请填写奖励金额（元），最多两位小数')).toBeTruthy();
    await typeInto(container, '奖励金额（元）', '200');
    await press(within(panel).getByText('已发放'));
    await press(button('保存奖励', panel));
    expect(calls.filter((c) => c.url === '/api/hazards/h1/reward').map((c) => [c.method, c.data])).toEqual([['PUT', { amountYuan: 200, status: 'paid' }]]);
    expect(await within(panel).findByText('200 元 · 已发放')).toBeTruthy();

    await press(within(panel).getByText('列为典型案例'));
    await typeInto(container, 'https://', 'https://news.example.cn/a/2');
    await press(button('保存典型案例', panel));
    expect(calledTo(calls, '/api/hazards/h1/typical').map((c) => c.data)).toEqual([{ typical: true, link: 'https://news.example.cn/a/2' }]);
  });

  it('replies to the reporter', async () => {
    cases = { h1: hazardCase('h1', 'verifying', { messages: [{ id: 'msg1', from: 'reporter', body: '杂物是昨天堆的', createdAt: '2022-06-05T02:00:00.000Z' }] }) };
    const { calls, panel, container } = await openCase(0);
    expect(within(panel).getByText('杂物是昨天堆的')).toBeTruthy();
    expect(within(panel).getByText('举报人 · 2022年6月5日 10:00')).toBeTruthy();
    await press(button('发送', panel));
    expect(within(panel).getByText('请填写回复内容')).toBeTruthy();
    await typeIntoTextarea(container, '举报人在“我的举报”中查看回复', '已安排现场核查');
    await press(button('发送', panel));
    expect(calledTo(calls, '/api/hazards/h1/messages').map((c) => c.data)).toEqual([{ body: '已安排现场核查' }]);
    expect(await within(panel).findByText('已安排现场核查')).toBeTruthy();
  });

  it('shows the photos by the URLs the case names', async () => {
    const fetched: string[] = [];
    (globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string) => {
      fetched.push(url);
      return { status: 200, blob: async () => new Blob(['x']) };
    });
    const createObjectURL = jest.fn(() => 'blob:photo');
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: jest.fn(), configurable: true });
    const photo = { id: 'hm1', kind: 'photo' as const, mime: 'image/jpeg', sizeBytes: 1000, width: 800, height: 600, url: '/api/hazard-media/hm1', thumbnailUrl: '/api/hazard-media/hm1/thumbnail' };
    cases = { h1: hazardCase('h1', 'submitted', { media: [photo] }) };
    await openCase(0);
    await act(flush);
    expect(fetched).toEqual(['/api/hazard-media/hm1/thumbnail']);
  });

  it('is the queue alone for a committee member who does not manage the campaign, with the server’s refusal', async () => {
    campaign = { ...CAMPAIGN, editable: false };
    const calls = mockRequest((call) => {
      if (call.url === '/api/me') return { statusCode: 200, data: COMMITTEE };
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
      if (call.url.startsWith('/api/campaigns/c1/hazards?')) return apiError(403, 'FORBIDDEN', '只有本活动指定的处理人可以处理隐患举报');
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    render(<HazardsPage />);
    expect(await screen.findByText('只有本活动指定的处理人可以处理隐患举报')).toBeTruthy();
    expect(screen.queryByRole('tablist', { name: '隐患举报' })).toBeNull();
    expect(calls.filter((c) => c.url.includes('hazard-settings') || c.url.includes('identity-log'))).toEqual([]);
  });
});

describe('举报设置 and 查看日志', () => {
  it('saves who may report, the categories, the zeroing date, the counted fields and the handlers', async () => {
    const calls = server();
    const { container } = render(<HazardsPage />);
    await press(await screen.findByText('举报设置'));
    await screen.findByText('谁可以举报');

    const on = (label: string) => (screen.getByText(label).closest('.toggle') as HTMLElement).className.includes('choice--active');
    await press(screen.getByText('允许未注册人员举报'));
    // Reports without an account are anonymous: one goes with the other.
    await press(screen.getByText('允许匿名举报'));
    expect([on('允许匿名举报'), on('允许未注册人员举报')]).toEqual([false, false]);
    await press(screen.getByText('允许未注册人员举报'));
    expect([on('允许匿名举报'), on('允许未注册人员举报')]).toEqual([true, true]);
    await press(within(screen.getByText('矿山', { selector: '.row__title' }).closest('.row') as HTMLElement).getByText('删除'));
    await typeInto(container, '类别名称', '消防');
    await press(button('添加类别'));
    expect(screen.getByText('已有类别「消防」')).toBeTruthy();
    await typeInto(container, '类别名称', '电力');
    await press(button('添加类别'));
    await setNativeInput(container, '清零日期', '2022-07-01');
    const received = screen.getByText('收到隐患举报（件）').closest('.field') as HTMLElement;
    // Only count fields may be chosen.
    expect(Array.from(received.querySelectorAll('option')).map((o) => o.textContent)).toEqual(['请选择统计项', '不计入统计', '隐患排查：收到举报（件）']);
    await choose(received.querySelector('select') as HTMLElement, 'f1');
    // The organizing unit's committee members, not its liaisons.
    expect(screen.queryByText('赵联络')).toBeNull();
    await press(within(screen.getByText('李四').closest('.row') as HTMLElement).getByText('处理人'));

    await press(button('保存举报设置'));
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.data)).toEqual([
      {
        allowAnonymous: true,
        allowPublic: true,
        categories: ['消防', '电力'],
        zeroingDate: '2022-07-01',
        fields: { received: 'f1', verified: null, rewarded: null, exposed: null, closed: null },
        handlerIds: ['p1', 'p2'],
      },
    ]);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '举报设置已保存', icon: 'success' });
    expect(await screen.findByText('已指定：王五、李四')).toBeTruthy();
  });

  it('lists who looked at which reporter, and when', async () => {
    server();
    render(<HazardsPage />);
    await press(await screen.findByText('查看日志'));
    const table = await screen.findByRole('table', { name: '查看日志' });
    expect(within(table).getAllByRole('row').slice(1).map(cellsOf)).toEqual([['2022年6月6日 10:00', '王五', 'h2']]);
  });
});
