import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type {
  CampaignDto,
  DeliverableInstanceStatusDto,
  DeliverableStatusDto,
  HandInDto,
  HazardCountsDto,
  InstanceStatus,
  MeResponse,
  MissingUnitDto,
  UnitRankingDto,
  UnitStatusRowDto,
  UnitSummary,
} from '@safemonth/shared';
import { completenessOf, instanceCompleteness } from '@safemonth/shared';
import CompletenessPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { handInsApi } from '../../../api/endpoints';
import { apiError, flush, mockRequest, render, setWindowWidth, typeIntoTextarea, type FakeResponse } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const root = { id: 'u1', name: '市安委办', kind: 'committee' as const };
const district = { id: 'u2', name: '东城区', kind: 'district' as const };
const school = { id: 'u3', name: '第一中学', kind: 'school' as const };
const COMMITTEE: MeResponse = { person, memberships: [{ id: 'm1', role: 'committee', unit: root }] };
const CAMPAIGN = campaignDto({
  status: 'published',
  organizingUnit: root,
  overseenUnits: [root],
  deliverables: [{ id: 'd1', kind: 'weekly_materials' as never, title: '每周材料', rule: { kind: 'once', due: '2022-06-08' } as never }],
});

const instance = (periodKey: string, dueAt: string, statuses: InstanceStatus[]): DeliverableInstanceStatusDto => ({
  deliverableId: 'd1',
  title: '每周材料',
  kind: 'weekly_materials' as never,
  periodKey,
  opensAt: '2022-06-01T16:00:00.000Z',
  dueAt,
  completeness: instanceCompleteness(statuses),
});

/** The subtree's status: the district handed in week 23 on time, the school missed it; week 24 is not yet due. */
function statusOf(unitId: string): DeliverableStatusDto {
  const all: UnitStatusRowDto[] = [
    { unit: district, expectedSince: '2022-06-01T00:00:00.000Z', statuses: ['on_time', 'not_yet_due'] },
    { unit: school, expectedSince: '2022-06-01T00:00:00.000Z', statuses: ['missing', 'not_yet_due'] },
  ];
  // Under the district: the school alone.
  const rows = all.filter((row) => unitId === 'u1' || row.unit.id !== 'u2');
  return {
    campaignId: 'c1',
    unit: unitId === 'u1' ? root : district,
    asOf: '2022-06-10T00:00:00.000Z',
    instances: [
      instance('2022-W23', '2022-06-08T16:00:00.000Z', rows.map((r) => r.statuses[0])),
      instance('2022-W24', '2022-06-15T16:00:00.000Z', rows.map((r) => r.statuses[1])),
    ],
    units: { items: rows, total: rows.length, page: 1, size: 50 },
  };
}

const HAND_IN: HandInDto = {
  id: 'h1',
  campaignId: 'c1',
  deliverableId: 'd1',
  periodKey: '2022-W23',
  unit: district,
  text: '本周开展安全检查 3 次',
  documents: [{ id: 'doc1', fileName: '第23周工作总结.docx', format: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: 20480, url: '/api/media/doc1' }],
  reports: [{ id: 'r1', title: '安全咨询日', startAt: '2022-06-05T01:00:00.000Z' }],
  state: 'submitted',
  arrivedAt: '2022-06-07T02:00:00.000Z',
  dueAt: '2022-06-08T16:00:00.000Z',
  status: 'on_time',
  history: [{ action: 'submitted', by: { id: 'p2', displayName: '李联络' }, at: '2022-06-07T02:00:00.000Z', comment: null }],
};

const MISSING: MissingUnitDto[] = [{ unit: school, status: 'missing', liaisons: [{ name: '赵老师', mobile: '13800000000', officePhone: '0519-1234567' }] }];

let handIn: HandInDto = HAND_IN;
/** What the server answers to a manual reminder. */
let remindReply: () => FakeResponse | Promise<FakeResponse>;
/** What the server answers for the campaign (the viewer's subtrees differ between tests). */
let campaign: CampaignDto;

/** A ranked unit over the instances due: `onTime` of `expected` on time, the rest missing. */
const ranked = (rank: number, unit: UnitSummary, expected: number, onTime: number): UnitRankingDto => ({
  rank,
  unit,
  completeness: completenessOf({ expected, onTime, late: 0, missing: expected - onTime, returned: 0, notYetDue: 0 }),
});
const west = { id: 'u4', name: '西城区', kind: 'district' as const };
/** The units under the organizer, best first, two a page. */
const RANKING = [ranked(1, district, 1, 1), ranked(2, west, 2, 1), ranked(3, { id: 'u5', name: '南城区', kind: 'district' }, 0, 0)];

/** 隐患清零 under the organizer: 51 districts, the first of them with an overdue hazard, 50 a page. */
function hazardCountsOf(page: number): HazardCountsDto {
  const children = Array.from({ length: 51 }, (_, i) => ({ unit: { id: `d${i}`, name: `第${i + 1}区` }, subtree: { open: i === 0 ? 2 : 0, overdue: i === 0 ? 1 : 0, closed: 1 } }));
  return {
    zeroingDate: '2022-07-01',
    unit: { open: 0, overdue: 0, closed: 0 },
    subtree: { open: 2, overdue: 1, closed: 51 },
    children: children.slice((page - 1) * 50, page * 50),
    childrenTotal: children.length,
  };
}

function server() {
  return mockRequest((call) => {
    const url = call.url;
    if (url === '/api/me') return { statusCode: 200, data: COMMITTEE };
    if (url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    const hazardCounts = /^\/api\/campaigns\/c1\/units\/u1\/hazard-counts\?page=(\d)&size=50$/.exec(url);
    if (hazardCounts) return { statusCode: 200, data: hazardCountsOf(Number(hazardCounts[1])) };
    const ranking = /^\/api\/campaigns\/c1\/hand-in-status\/ranking\?unitId=u1&page=(\d)$/.exec(url);
    if (ranking) {
      const page = Number(ranking[1]);
      return { statusCode: 200, data: { items: RANKING.slice((page - 1) * 2, page * 2), total: RANKING.length, page, size: 2 } };
    }
    const status = /^\/api\/campaigns\/c1\/hand-in-status\?unitId=(u\d)&page=1$/.exec(url);
    if (status) return { statusCode: 200, data: statusOf(status[1]) };
    if (url === '/api/campaigns/c1/hand-in-status/d1/2022-W23/missing?unitId=u1&page=1')
      return { statusCode: 200, data: { items: MISSING, total: 1, page: 1, size: 50 } };
    if (url === '/api/campaigns/c1/units/u2/hand-ins/d1/2022-W23') return { statusCode: 200, data: handIn };
    if (url === '/api/campaigns/c1/reminders' && call.method === 'POST') return remindReply();
    if (url === '/api/campaigns/c1/units/u2/hand-ins/d1/2022-W23/review') {
      const body = call.data as { action: 'accept' | 'return'; comment?: string };
      handIn = {
        ...handIn,
        state: body.action === 'accept' ? 'accepted' : 'returned',
        status: body.action === 'accept' ? 'on_time' : 'returned',
        history: [...handIn.history, { action: body.action === 'accept' ? 'accepted' : 'returned', by: { id: 'p1', displayName: '王五' }, at: '2022-06-09T01:00:00.000Z', comment: body.comment ?? null }],
      };
      return { statusCode: 200, data: handIn };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

const cell = (label: string) => screen.getByLabelText(label);

async function press(element: Element) {
  await act(async () => {
    fireEvent.click(element);
    await flush();
  });
}

let restoreWidth: (() => void) | undefined;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  handIn = HAND_IN;
  campaign = CAMPAIGN;
  remindReply = () => ({ statusCode: 202, data: { queued: 2 } });
});

afterEach(() => {
  restoreWidth?.();
  restoreWidth = undefined;
  jest.restoreAllMocks();
});

describe('completeness page', () => {
  it('colours the matrix by status, lists the counts and rates, and the missing units with their liaisons', async () => {
    restoreWidth = setWindowWidth(1366);
    server();
    render(<CompletenessPage />);

    const week23 = '每周材料（6月8日 24:00）';
    await screen.findByRole('table', { name: '完成情况矩阵' });
    expect(cell(`东城区 ${week23}：按时`).className).toContain('status--on-time');
    expect(cell(`第一中学 ${week23}：缺报`).className).toContain('status--missing');
    expect(cell(`第一中学 每周材料（6月15日 24:00）：未到期`).className).toContain('status--not-yet-due');
    // Only a cell with something handed in opens.
    expect(cell(`东城区 ${week23}：按时`).className).toContain('matrix__cell--open');
    expect(cell(`第一中学 ${week23}：缺报`).className).not.toContain('matrix__cell--open');

    // Per instance: the counts and the rates, and who is missing it.
    const counts = screen.getByRole('table', { name: '各期报送' });
    const row = within(counts).getAllByRole('row')[1];
    expect(Array.from(row.querySelectorAll('[role="cell"]')).map((c) => c.textContent)).toEqual(['每周材料', '6月8日 24:00', '2', '1', '0', '1', '0', '50%', '50%']);
    await press(row);
    expect(await screen.findByText('联络员：赵老师，手机 13800000000，办公电话 0519-1234567')).toBeTruthy();
  });

  it('shows 隐患清零 next to the deliverables: the unit’s, its subtree’s and each child’s counts, paged', async () => {
    restoreWidth = setWindowWidth(1366);
    server();
    render(<CompletenessPage />);

    expect(await screen.findByText('隐患清零：2022年7月1日前全部整改销号')).toBeTruthy();
    expect(screen.getByText('市安委办本单位：未销号 0 · 逾期 0 · 已销号 0')).toBeTruthy();
    expect(screen.getByText('市安委办及下级：未销号 2 · 逾期 1 · 已销号 51')).toBeTruthy();
    const children = screen.getByRole('table', { name: '各下级单位隐患清零' });
    const rows = within(children).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(50);
    expect(Array.from(rows[0].querySelectorAll('[role="cell"]')).map((c) => c.textContent)).toEqual(['第1区', '2', '1', '1']);
    await press(within(screen.getByText('隐患清零', { selector: '.section__title' }).closest('.section') as HTMLElement).getByText('下一页'));
    expect(await within(screen.getByRole('table', { name: '各下级单位隐患清零' })).findByText('第51区')).toBeTruthy();

    // The overdue ones open in the handlers' queue, filtered to the subtree.
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    await press(screen.getByText('查看逾期隐患'));
    expect(navigateTo).toHaveBeenCalledWith({ url: `/subpackages/console/hazards/index?campaignId=c1&overdue=1&unitId=u1&unitName=${encodeURIComponent('市安委办')}` });
  });

  it('opens what a unit handed in from its cell, and accepts it after asking', async () => {
    restoreWidth = setWindowWidth(1366);
    const calls = server();
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    const openDocument = jest.spyOn(handInsApi, 'openDocument').mockResolvedValue(undefined);
    render(<CompletenessPage />);
    const week23 = '每周材料（6月8日 24:00）';
    await screen.findByRole('table', { name: '完成情况矩阵' });

    await press(cell(`东城区 ${week23}：按时`));
    expect(await screen.findByText('本周开展安全检查 3 次')).toBeTruthy();
    expect(screen.getByText('安全咨询日')).toBeTruthy();
    await press(screen.getByText('第23周工作总结.docx'));
    expect(openDocument).toHaveBeenCalledWith(HAND_IN.documents[0], { toast: false });

    await press(screen.getByText('通过'));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: `确定通过「东城区」报送的${week23}？` }));
    expect(calls.find((c) => c.url.endsWith('/review'))?.data).toEqual({ action: 'accept' });
    expect(await screen.findByText(`已通过「东城区」的${week23}`)).toBeTruthy();
    // The matrix and its counts load again after a review.
    expect(calls.filter((c) => c.url === '/api/campaigns/c1/hand-in-status?unitId=u1&page=1').length).toBeGreaterThan(1);

    // Accepted is final: nothing is offered any more.
    expect(screen.queryByText('退回')).toBeNull();
  });

  it('returns what a unit handed in with a comment, asked for first', async () => {
    restoreWidth = setWindowWidth(1366);
    const calls = server();
    jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    const { container } = render(<CompletenessPage />);
    await screen.findByRole('table', { name: '完成情况矩阵' });
    await press(cell('东城区 每周材料（6月8日 24:00）：按时'));
    expect(await screen.findByText('本周开展安全检查 3 次')).toBeTruthy();
    await press(screen.getByText('退回'));
    await press(screen.getByText('确认退回'));
    expect(screen.getByText('请填写退回意见')).toBeTruthy();
    await typeIntoTextarea(container, '退回意见（必填）', '缺少现场照片');
    await press(screen.getByText('确认退回'));
    expect(calls.filter((c) => c.url.endsWith('/review')).at(-1)?.data).toEqual({ action: 'return', comment: '缺少现场照片' });
    expect(await screen.findByText('退回意见：缺少现场照片')).toBeTruthy();
    expect(screen.getByText('已退回，等待联络员重新报送')).toBeTruthy();
  });

  it('on a phone lists each unit with its statuses, and looks into a unit\'s subtree', async () => {
    const calls = server();
    render(<CompletenessPage />);
    await screen.findByText('东城区');
    expect(screen.queryByRole('table', { name: '完成情况矩阵' })).toBeNull();
    expect(screen.getByText('应报 2，按时 1，逾期 0，缺报 1，已退回 0；报送率 50%，按时率 50%')).toBeTruthy();
    expect(cell('第一中学 每周材料（6月8日 24:00）：缺报').className).toContain('status--missing');

    await press(screen.getByText('东城区'));
    expect(await screen.findByText('范围：东城区及下级')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/campaigns/c1/hand-in-status?unitId=u2&page=1')).toBe(true);
    await press(screen.getByText('返回上级'));
    expect(await screen.findByText('范围：市安委办及下级')).toBeTruthy();
  });

  describe('reminders', () => {
    /** Opens week 23's units behind on it (the desktop table's row) and answers the panel. */
    async function openMissing(): Promise<HTMLElement> {
      const counts = await screen.findByRole('table', { name: '各期报送' });
      await press(within(counts).getAllByRole('row')[1]);
      await screen.findByText('联络员：赵老师，手机 13800000000，办公电话 0519-1234567');
      return document.querySelector('.missing') as HTMLElement;
    }
    const reminders = (calls: { url: string; method?: string; data?: unknown }[]) => calls.filter((c) => c.url === '/api/campaigns/c1/reminders').map((c) => c.data);
    const isDisabled = (scope: HTMLElement, text: string) =>
      (within(scope).getByText(text, { selector: 'button div' }).closest('button') as HTMLElement).className.includes('nut-button-disabled');

    it('reminds one unit behind after asking, and says how many reminders went out', async () => {
      restoreWidth = setWindowWidth(1366);
      const calls = server();
      const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
      render(<CompletenessPage />);
      const missing = await openMissing();

      await press(within(missing).getByText('提醒'));
      expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '提醒报送', content: '现在提醒“第一中学”（含其下级单位中尚未报送的）的联络员报送“每周材料（6月8日 24:00）”？' }));
      expect(reminders(calls)).toEqual([{ deliverableId: 'd1', periodKey: '2022-W23', unitId: 'u3' }]);
      expect(await within(missing).findByText('已提醒，发出 2 条提醒')).toBeTruthy();
    });

    it('reminds every unit of the subtree that has not handed in, says when nothing new went out, and sends nothing unconfirmed', async () => {
      const calls = server();
      const modal = jest.spyOn(Taro, 'showModal').mockImplementationOnce((() => Promise.resolve({ confirm: false, cancel: true })) as never);
      render(<CompletenessPage />);
      // On a phone: the instance's line opens the panel, and taps inside the panel leave it open.
      await press((await screen.findAllByText('每周材料（6月8日 24:00）', { selector: '.row__title' }))[0]);
      const missing = (await screen.findByText('联络员：赵老师，手机 13800000000，办公电话 0519-1234567')).closest('.missing') as HTMLElement;

      await press(within(missing).getByText('提醒全部未报单位'));
      expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '现在提醒“市安委办”及下级中尚未报送“每周材料（6月8日 24:00）”的全部单位的联络员？' }));
      expect(reminders(calls)).toEqual([]);

      modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
      remindReply = () => ({ statusCode: 202, data: { queued: 0 } });
      await press(within(missing).getByText('提醒全部未报单位'));
      expect(reminders(calls)).toEqual([{ deliverableId: 'd1', periodKey: '2022-W23', unitId: 'u1' }]);
      expect(await within(missing).findByText('没有发出新的提醒：未报单位的联络员在最近 10 分钟内已提醒过，或未报单位尚无联络员')).toBeTruthy();
      expect(screen.getByText('联络员：赵老师，手机 13800000000，办公电话 0519-1234567')).toBeTruthy();
    });

    it('is disabled while sending, and shows why the server refused', async () => {
      restoreWidth = setWindowWidth(1366);
      let answer: (reply: FakeResponse) => void = () => undefined;
      remindReply = () => new Promise((resolve) => (answer = resolve));
      server();
      jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
      render(<CompletenessPage />);
      const missing = await openMissing();

      await press(within(missing).getByText('提醒'));
      expect(isDisabled(missing, '提醒')).toBe(true);
      expect(isDisabled(missing, '提醒全部未报单位')).toBe(false);
      await act(async () => {
        answer(apiError(422, 'VALIDATION_FAILED', '活动尚未发布，不能提醒报送', [{ field: 'campaignId', message: '活动尚未发布' }]));
        await flush();
      });
      expect(await within(missing).findByText('活动尚未发布，不能提醒报送')).toBeTruthy();
      expect(isDisabled(missing, '提醒')).toBe(false);
    });
  });

  describe('排名', () => {
    it('on a phone ranks the units under the subtree as cards, and opens a unit\'s completeness', async () => {
      const calls = server();
      render(<CompletenessPage />);
      await screen.findByText('东城区');
      await press(screen.getByText('排名'));

      expect(await screen.findByText('西城区')).toBeTruthy();
      expect(screen.getByLabelText('第 1 名').textContent).toBe('1');
      expect(screen.getByText('应报 2，按时 1，逾期 0，缺报 1，已退回 0；报送率 50%，按时率 50%')).toBeTruthy();
      expect(screen.getByText('第 1 / 2 页，共 3 条')).toBeTruthy();
      // Nothing due yet: no rate to give.
      await press(screen.getByText('下一页'));
      expect(await screen.findByText('应报 0，按时 0，逾期 0，缺报 0，已退回 0；报送率 —，按时率 —')).toBeTruthy();
      expect(screen.getByText('南城区')).toBeTruthy();
      await press(screen.getByText('上一页'));

      await press(await screen.findByText('西城区'));
      expect(await screen.findByText('范围：西城区及下级')).toBeTruthy();
      expect(calls.some((c) => c.url === '/api/campaigns/c1/hand-in-status?unitId=u4&page=1')).toBe(true);
      expect(screen.getByRole('tab', { name: '完成情况' }).getAttribute('aria-selected')).toBe('true');
    });

    it('on the desktop ranks them in a table with their counts and rates', async () => {
      restoreWidth = setWindowWidth(1366);
      server();
      render(<CompletenessPage />);
      await screen.findByRole('table', { name: '完成情况矩阵' });
      await press(screen.getByRole('tab', { name: '排名' }));

      const table = await screen.findByRole('table', { name: '下级单位排名' });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((row) => Array.from(row.querySelectorAll('[role="cell"]')).map((c) => c.textContent))).toEqual([
        ['1', '东城区', '1', '1', '0', '0', '0', '100%', '100%'],
        ['2', '西城区', '2', '1', '0', '1', '0', '50%', '50%'],
      ]);
      await press(rows[0]);
      expect(await screen.findByText('范围：东城区及下级')).toBeTruthy();
    });
  });

  describe('the subtrees the viewer oversees', () => {
    it('opens on the first of a committee\'s participating roots when it does not oversee the organizer, and switches', async () => {
      campaign = { ...CAMPAIGN, editable: false, participatingUnitIds: ['u2', 'u4'], overseenUnits: [district, west] };
      const calls = server();
      render(<CompletenessPage />);

      expect(await screen.findByText('范围：东城区及下级')).toBeTruthy();
      const chooser = screen.getByDisplayValue('东城区');
      await act(async () => {
        fireEvent.change(chooser, { target: { value: 'u4' } });
        await flush();
      });
      expect(await screen.findByText('范围：西城区及下级')).toBeTruthy();
      expect(calls.some((c) => c.url === '/api/campaigns/c1/hand-in-status?unitId=u4&page=1')).toBe(true);
      expect(calls.filter((c) => c.url.includes('u1'))).toEqual([]);
    });

    it('says so when the viewer oversees no participating unit', async () => {
      campaign = { ...CAMPAIGN, editable: false, overseenUnits: [] };
      server();
      render(<CompletenessPage />);
      expect(await screen.findByText('本活动中没有您负责的参与单位，无法查看完成情况')).toBeTruthy();
    });
  });
});
