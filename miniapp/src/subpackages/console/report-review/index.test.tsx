import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { ReportDto, UnitSummary } from '@safemonth/shared';
import ReportReviewPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { flush, mockRequest, render, setNativeInput, setWindowWidth, typeIntoTextarea } from '../../../../test/helpers';
import { COMMITTEE, ITEM, LIAISON, PUBLISHED, reportDto, u2, u3 } from '../../../../test/reports';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const QUEUE_URL = '/api/campaigns/c1/reports?status=submitted&page=1';
/** One page of the queue as the server answers it. */
const page = (items: ReportDto[], number = 1, total = items.length) => ({ items, total, page: number, size: 50 });

const R1 = reportDto({ id: 'r1', title: '安全咨询进社区' });
const R2 = reportDto({ id: 'r2', title: '应急演练' });
const R3 = reportDto({ id: 'r3', title: '安全培训' });

async function press(element: Element) {
  await act(async () => {
    (element as HTMLElement).click();
    await flush();
  });
}

function server() {
  let queue = [R1, R2, R3];
  let totals = [
    { fieldId: 'f1', total: 3 },
    { fieldId: 'f2', total: 450 },
  ];
  const calls = mockRequest((call) => {
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, liaisonUnits: [u2] } };
    if (call.url === '/api/me') return { statusCode: 200, data: LIAISON };
    if (call.url === QUEUE_URL) return { statusCode: 200, data: page(queue) };
    if (call.url === '/api/campaigns/c1/units/u2/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'u2', totals } };
    if (call.url === '/api/reports/r1/review') {
      queue = queue.filter((r) => r.id !== 'r1');
      totals = [
        { fieldId: 'f1', total: 4 },
        { fieldId: 'f2', total: 600 },
      ];
      return { statusCode: 200, data: { ...R1, status: 'accepted' } };
    }
    if (call.url === '/api/reports/bulk-accept') {
      queue = queue.filter((r) => r.id === 'r3');
      return { statusCode: 200, data: { accepted: ['r2'], skipped: [{ reportId: 'r3', message: '报告已被修改，请刷新后再审核' }] } };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
  return calls;
}

describe('report review queue', () => {
  it('shows the totals, accepts one report and bulk-accepts two', async () => {
    const calls = server();
    render(<ReportReviewPage />);

    expect(await screen.findByText('本单位累计：开展咨询活动 3 场，参与 450 人次')).toBeTruthy();
    expect(screen.getByText('安全咨询进社区')).toBeTruthy();
    expect(screen.getAllByText('计入：开展咨询活动 1 场')).toHaveLength(3);

    await press(screen.getAllByText('通过')[0]);
    const review = calls.find((c) => c.url === '/api/reports/r1/review');
    expect(review?.method).toBe('POST');
    expect(review?.data).toEqual({ action: 'accept' });
    expect(await screen.findByText('本单位累计：开展咨询活动 4 场，参与 600 人次')).toBeTruthy();
    expect(screen.queryByText('安全咨询进社区')).toBeNull();

    const toggles = screen.getAllByText('选择');
    await press(toggles[0]);
    await press(toggles[1]);
    expect(screen.getByText('已选 2 份')).toBeTruthy();
    // Asked first, saying how many; nothing is sent when cancelled.
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    await press(screen.getByText('批量通过'));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定通过所选的 2 份报告？通过后计入统计。' }));
    expect(calls.some((c) => c.url === '/api/reports/bulk-accept')).toBe(false);
    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await press(screen.getByText('批量通过'));

    const bulk = calls.find((c) => c.url === '/api/reports/bulk-accept');
    expect(bulk?.method).toBe('POST');
    expect(bulk?.data).toEqual({ reportIds: ['r2', 'r3'] });
    expect(await screen.findByText('已通过 1 份报告')).toBeTruthy();
    expect(screen.getByText('「安全培训」未通过：报告已被修改，请刷新后再审核')).toBeTruthy();
  });

  it('asks for a comment before returning a report', async () => {
    const calls = server();
    const { container } = render(<ReportReviewPage />);
    await screen.findByText('安全咨询进社区');

    await press(screen.getAllByText('退回')[0]);
    await press(screen.getByText('确认退回'));
    expect(screen.getByText('请填写退回意见')).toBeTruthy();
    expect(calls.some((c) => c.url?.endsWith('/review'))).toBe(false);

    await typeIntoTextarea(container, '退回意见（必填）', '照片不清晰');
    await press(screen.getByText('确认退回'));
    const review = calls.find((c) => c.url === '/api/reports/r1/review');
    expect(review?.data).toEqual({ action: 'return', comment: '照片不清晰' });
  });

  it('shows the reports of units under mine: to read only for a liaison, to review for the committee, then that unit totals', async () => {
    // The server says who may review: not the liaison of the unit above, but the committee.
    const below = reportDto({ id: 'r9', title: '企业应急演练', unit: u3, allowed: { review: false, edit: false } });
    let queue = [below];
    let u3Totals: { fieldId: string; total: number }[] = [];
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, liaisonUnits: [u2] } };
      if (call.url === '/api/me') return { statusCode: 200, data: LIAISON };
      if (call.url === QUEUE_URL) return { statusCode: 200, data: page(queue) };
      if (call.url === '/api/campaigns/c1/units/u2/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'u2', totals: [] } };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    const { unmount } = render(<ReportReviewPage />);
    expect(await screen.findByText('企业应急演练')).toBeTruthy();
    expect(screen.getByText('由「东城化工有限公司」的联络员或安委办审核')).toBeTruthy();
    expect(screen.queryByText('通过')).toBeNull();
    expect(screen.queryByText('批量通过')).toBeNull();
    unmount();
    expect(calls.some((c) => c.url?.includes('unitId='))).toBe(false);

    // The committee reviews it; the totals then shown are those of the report's unit.
    queue = [{ ...below, allowed: { review: true, edit: false } }];
    const committeeCalls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, editable: true, liaisonUnits: [] } };
      if (call.url === '/api/me') return { statusCode: 200, data: COMMITTEE };
      if (call.url === QUEUE_URL) return { statusCode: 200, data: page(queue) };
      if (call.url === '/api/campaigns/c1/units/root/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'root', totals: [] } };
      if (call.url === '/api/campaigns/c1/units/u3/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'u3', totals: u3Totals } };
      if (call.url === '/api/reports/r9/review') {
        queue = [];
        u3Totals = [
          { fieldId: 'f1', total: 1 },
          { fieldId: 'f2', total: 150 },
        ];
        return { statusCode: 200, data: { ...below, status: 'accepted' } };
      }
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    render(<ReportReviewPage />);
    await screen.findByText('企业应急演练');
    expect(screen.getByText('本单位累计：暂无')).toBeTruthy();
    await press(screen.getByText('通过'));
    expect(committeeCalls.find((c) => c.url === '/api/reports/r9/review')?.data).toEqual({ action: 'accept' });
    expect(await screen.findByText('本单位累计：开展咨询活动 1 场，参与 150 人次')).toBeTruthy();
    expect((screen.getByDisplayValue('东城化工有限公司') as HTMLSelectElement).value).toBe('u3');
    expect(screen.getByText('没有待审核的报告')).toBeTruthy();
  });

  it('pages through the queue, and tells me my own reports are for someone else to review', async () => {
    // 120 waiting: the first page holds one of mine (not mine to review), the third page the last.
    const mine = reportDto({ id: 'r7', title: '本人组织的演练', reporter: { id: LIAISON.person.id, displayName: LIAISON.person.displayName }, allowed: { review: false, edit: true } });
    const last = reportDto({ id: 'r120', title: '第三页的报告' });
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, liaisonUnits: [u2] } };
      if (call.url === '/api/me') return { statusCode: 200, data: LIAISON };
      if (call.url === QUEUE_URL) return { statusCode: 200, data: page([mine, R2], 1, 120) };
      if (call.url === '/api/campaigns/c1/reports?status=submitted&page=2') return { statusCode: 200, data: page([R3], 2, 120) };
      if (call.url === '/api/campaigns/c1/reports?status=submitted&page=3') return { statusCode: 200, data: page([last], 3, 120) };
      if (call.url === '/api/campaigns/c1/units/u2/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'u2', totals: [] } };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    render(<ReportReviewPage />);
    expect(await screen.findByText('本人组织的演练')).toBeTruthy();
    expect(screen.getByText('本人提交的报告，由其他联络员或安委办审核')).toBeTruthy();
    expect(screen.getAllByText('选择')).toHaveLength(1);
    expect(screen.getByText('第 1 / 3 页，共 120 条')).toBeTruthy();

    await press(screen.getByText('下一页'));
    expect(await screen.findByText('安全培训')).toBeTruthy();
    await press(screen.getByText('下一页'));
    expect(await screen.findByText('第三页的报告')).toBeTruthy();
    expect(screen.getByText('第 3 / 3 页，共 120 条')).toBeTruthy();
    expect(calls.filter((c) => c.url.includes('/reports?')).map((c) => c.url.split('&').pop())).toEqual(['page=1', 'page=2', 'page=3']);
  });

  describe('filters', () => {
    const DRILL = { ...ITEM, id: 'i2', title: '应急演练' };
    /** Answers every list with R1, recording the queries asked. */
    function listServer(items: ReportDto[] = [R1]) {
      return mockRequest((call) => {
        if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, items: [ITEM, DRILL], editable: true, liaisonUnits: [] } };
        if (call.url === '/api/me') return { statusCode: 200, data: COMMITTEE };
        if (call.url.startsWith('/api/campaigns/c1/reports?')) return { statusCode: 200, data: page(items) };
        if (call.url.startsWith('/api/units?')) {
          const unit = (u: UnitSummary, parentId: string | null, depth: number) => ({ ...u, code: null, parentId, depth });
          const all = [unit({ id: 'root', name: '市安委办', kind: 'district' }, null, 0), unit(u2, 'root', 1), unit(u3, 'u2', 2)];
          return { statusCode: 200, data: { items: all, total: 3, page: 1, size: 200 } };
        }
        if (call.url === '/api/campaigns/c1/units/root/totals') return { statusCode: 200, data: { campaignId: 'c1', unitId: 'root', totals: [] } };
        return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
      });
    }
    const lastList = (calls: { url: string }[]) => calls.filter((c) => c.url.startsWith('/api/campaigns/c1/reports?')).pop()?.url;
    async function choose(select: HTMLElement, value: string) {
      await act(async () => {
        fireEvent.change(select, { target: { value } });
        await flush();
      });
    }

    it('lists the submitted reports first, then by status, unit subtree, item, days and reporter', async () => {
      const calls = listServer();
      const { container } = render(<ReportReviewPage />);
      await screen.findByText('安全咨询进社区');
      expect(lastList(calls)).toBe(QUEUE_URL);

      // The committee's list of all reports: the same page with status 全部.
      await choose(screen.getByDisplayValue('待审核'), 'all');
      expect(lastList(calls)).toBe('/api/campaigns/c1/reports?page=1');
      await choose(screen.getByDisplayValue('全部'), 'accepted');
      expect(lastList(calls)).toBe('/api/campaigns/c1/reports?status=accepted&page=1');

      // Units indented under the committee's root; the chosen one stands for its subtree.
      const unitSelect = screen.getByDisplayValue('全部单位') as HTMLSelectElement;
      expect([...unitSelect.options].map((o) => o.textContent)).toContain('\u3000\u3000东城化工有限公司');
      await choose(unitSelect, 'u2');
      await choose(screen.getByDisplayValue('全部项目'), 'i2');
      expect(lastList(calls)).toBe('/api/campaigns/c1/reports?unitId=u2&itemId=i2&status=accepted&page=1');

      await setNativeInput(container, '起始日期', '2022-06-01');
      await setNativeInput(container, '截止日期', '2022-06-30');
      await act(flush);
      expect(lastList(calls)).toBe('/api/campaigns/c1/reports?unitId=u2&itemId=i2&status=accepted&from=2022-06-01&to=2022-06-30&page=1');

      await press(screen.getByText('只看此人'));
      expect(screen.getByText('只看报告人：赵六')).toBeTruthy();
      expect(lastList(calls)).toBe('/api/campaigns/c1/reports?unitId=u2&itemId=i2&status=accepted&from=2022-06-01&to=2022-06-30&reporterId=p2&page=1');

      // Clearing keeps the status (that list was loaded before, so it is shown again as it was).
      await press(screen.getByText('清除条件'));
      expect(screen.getByDisplayValue('已通过')).toBeTruthy();
      expect(screen.getByDisplayValue('全部单位')).toBeTruthy();
      expect(screen.getByDisplayValue('全部项目')).toBeTruthy();
      expect(screen.queryByText('只看报告人：赵六')).toBeNull();
    });

    it('leaves out a day range in the wrong order, saying so', async () => {
      const calls = listServer();
      const { container } = render(<ReportReviewPage />);
      await screen.findByText('安全咨询进社区');
      await setNativeInput(container, '起始日期', '2022-06-30');
      await setNativeInput(container, '截止日期', '2022-06-01');
      await act(flush);
      expect(screen.getByText('起始日期不能晚于截止日期，日期条件未生效')).toBeTruthy();
      expect(calls.some((c) => c.url.includes('to=2022-06-01'))).toBe(false);
      expect(screen.getByText('安全咨询进社区')).toBeTruthy();
    });

    describe('on a desktop-wide window', () => {
      let restore: () => void;
      beforeEach(() => {
        restore = setWindowWidth(1366);
      });
      afterEach(() => restore());
      const header = (title: string) => screen.getByText(title).closest('[role="columnheader"]') as HTMLElement;

      it('is a table whose headers sort the list on the server, saying how with aria-sort', async () => {
        const calls = listServer([R1, reportDto({ id: 'r5', title: '小照片的报告', warnings: ['第 1 个文件：照片尺寸 800×600 小于要求的 1920×1080'] })]);
        render(<ReportReviewPage />);
        const table = await screen.findByRole('table', { name: '报告列表' });
        expect(within(table).getByText('安全咨询进社区')).toBeTruthy();
        expect(within(table).getByText('1 条提醒')).toBeTruthy();
        // The list's own order, newest first, is the submission time's, descending.
        expect(lastList(calls)).toBe(QUEUE_URL);
        expect(header('提交时间').getAttribute('aria-sort')).toBe('descending');
        expect(header('标题').getAttribute('aria-sort')).toBe('none');

        await press(screen.getByText('标题'));
        expect(lastList(calls)).toBe('/api/campaigns/c1/reports?status=submitted&sort=title&order=asc&page=1');
        expect(header('标题').getAttribute('aria-sort')).toBe('ascending');
        expect(header('提交时间').getAttribute('aria-sort')).toBe('none');
        await press(screen.getByText('标题'));
        expect(lastList(calls)).toBe('/api/campaigns/c1/reports?status=submitted&sort=title&order=desc&page=1');
        expect(header('标题').getAttribute('aria-sort')).toBe('descending');

        // A date starts with the newest; the order stays with the filters.
        await press(screen.getByText('活动开始'));
        expect(lastList(calls)).toBe('/api/campaigns/c1/reports?status=submitted&sort=startAt&order=desc&page=1');
        await choose(screen.getByDisplayValue('待审核'), 'all');
        expect(lastList(calls)).toBe('/api/campaigns/c1/reports?sort=startAt&order=desc&page=1');
        expect(header('活动开始').getAttribute('aria-sort')).toBe('descending');
      });

      it('opens a report under its row to review it, and selects rows for bulk acceptance', async () => {
        const calls = listServer([R1, R2]);
        render(<ReportReviewPage />);
        const table = await screen.findByRole('table', { name: '报告列表' });
        expect(within(table).queryByText('退回')).toBeNull();

        await press(within(table).getAllByText('详情')[0]);
        expect(within(table).getByText('收起')).toBeTruthy();
        await press(within(table).getByText('通过'));
        expect(calls.find((c) => c.url === '/api/reports/r1/review')?.data).toEqual({ action: 'accept' });

        // The column's header says 选择 too.
        const toggles = within(table).getAllByText('选择').filter((text) => text.closest('[role="cell"]'));
        expect(toggles).toHaveLength(2);
        await press(toggles[1]);
        expect(screen.getByText('已选 1 份')).toBeTruthy();
      });
    });

    it('shows the server\'s warnings and a returned report\'s comment next to each report', async () => {
      const warned = reportDto({ id: 'r5', title: '小照片的报告', warnings: ['第 1 个文件：照片尺寸 800×600 小于要求的 1920×1080', '第 1 个文件与「城东区」的另一份报告重复'] });
      const returned = reportDto({
        id: 'r6',
        title: '被退回的报告',
        status: 'returned',
        history: [
          { action: 'submitted', by: { id: 'p2', displayName: '赵六' }, at: '2022-06-16T05:00:00.000Z', comment: null, selfReview: false },
          { action: 'returned', by: { id: 'p1', displayName: '王五' }, at: '2022-06-17T05:00:00.000Z', comment: '请补充现场照片', selfReview: false },
        ],
      });
      listServer([warned, returned]);
      render(<ReportReviewPage />);
      expect(await screen.findByText('第 1 个文件：照片尺寸 800×600 小于要求的 1920×1080')).toBeTruthy();
      expect(screen.getByText('第 1 个文件与「城东区」的另一份报告重复')).toBeTruthy();
      expect(screen.getByText('退回意见：请补充现场照片')).toBeTruthy();
      // The returned report waits for its reporter: nothing to accept, select or return again.
      const card = screen.getByText('被退回的报告').closest('.review-card') as HTMLElement;
      expect(within(card).getByText('已退回，等待报告人修改后重新提交')).toBeTruthy();
      expect(within(card).queryByText('通过')).toBeNull();
      expect(within(card).queryByText('退回')).toBeNull();
      expect(within(card).queryByText('选择')).toBeNull();
    });
  });
});
