import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import type { CampaignDto, ExportJobDto, MeResponse, StatisticsTableDto, TableSubmissionDto, UnitDto } from '@safemonth/shared';
import { instanceCompleteness } from '@safemonth/shared';
import StatisticsPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { exportsApi } from '../../../api/endpoints';
import { flush, mockRequest, render, typeIntoTextarea } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

// ECharts draws on a canvas jsdom has not: the charts' options are checked instead.
const mockSetOption = jest.fn();
jest.mock('../../../components/echarts', () => ({ init: () => ({ setOption: mockSetOption, resize: () => undefined, dispose: () => undefined }) }));

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const root: UnitDto = { id: 'u1', name: '市安委办', kind: 'committee', code: null, parentId: null, depth: 0 };
const district: UnitDto = { id: 'u2', name: '东城区', kind: 'district', code: null, parentId: 'u1', depth: 1 };
const summary = ({ id, name, kind }: UnitDto) => ({ id, name, kind });
const COMMITTEE: MeResponse = { person, memberships: [{ id: 'm1', role: 'committee', unit: root }] };
const CAMPAIGN = campaignDto({ status: 'published', organizingUnit: root, overseenUnits: [summary(root)] });
/** What the server answers for the campaign (the viewer's subtrees differ between tests). */
let campaign: CampaignDto;

function table(unit: UnitDto, scope: 'unit' | 'subtree', submission: TableSubmissionDto | null = null): StatisticsTableDto {
  const subtree = scope === 'subtree';
  return {
    campaignId: 'c1',
    unit,
    scope,
    units: subtree ? 3 : 1,
    items: [
      {
        id: 'i1',
        title: '安全咨询日',
        requirement: '组织开展安全咨询活动',
        fieldText: '开展咨询活动（ ）场，是否制作专题片（ ）',
        fields: [
          { id: 'f1', kind: 'count', label: '咨询活动', unit: '场', value: subtree ? 12 : 3, fromReports: subtree ? 10 : 2, fromManualEntries: subtree ? 2 : 1 },
          { id: 'f2', kind: 'boolean', label: '专题片', unit: '', value: subtree ? null : true, yesUnits: subtree ? 2 : 1 },
          { id: 'f3', kind: 'text', label: '典型案例', unit: '', value: null, answeredUnits: 0 },
        ],
        evidence: subtree ? [] : [{ reportId: 'r1', reportTitle: '咨询日现场', url: 'https://example.cn/news/1' }],
      },
    ],
    submission,
  };
}

const SUBMISSION: TableSubmissionDto = {
  campaignId: 'c1',
  unitId: 'u2',
  state: 'submitted',
  unitName: '东城区',
  contactName: '李联络',
  phone: '13900000000',
  fillDate: '2022-06-30',
  submittedAt: '2022-06-30T02:00:00.000Z',
  submittedBy: { id: 'p2', displayName: '李联络' },
  snapshot: table(district, 'unit').items,
  reviewedAt: null,
  reviewedBy: null,
  comment: null,
};

const job = (extra: Partial<ExportJobDto>): ExportJobDto => ({
  id: 'e1',
  campaignId: 'c1',
  unitId: 'u2',
  kind: 'unit_table',
  status: 'queued',
  progress: 0,
  fileName: '东城区统计表.xlsx',
  downloadUrl: null,
  error: null,
  createdAt: '2022-06-30T02:00:00.000Z',
  finishedAt: null,
  ...extra,
});

let submission: TableSubmissionDto;
/** The answers to the export's progress, one per question. */
let progress: ExportJobDto[];

function server() {
  return mockRequest((call) => {
    const url = call.url;
    if (url === '/api/me') return { statusCode: 200, data: COMMITTEE };
    if (url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    if (url === '/api/units/u1') return { statusCode: 200, data: root };
    if (url === '/api/units/u2') return { statusCode: 200, data: district };
    if (url === '/api/units?under=u1&page=1') return { statusCode: 200, data: { items: [root, district], total: 2, page: 1, size: 50 } };
    if (url === '/api/units?under=u1&page=1&size=200') return { statusCode: 200, data: { items: [root, district], total: 2, page: 1, size: 200 } };
    if (url === '/api/units?under=u2&page=1') return { statusCode: 200, data: { items: [district], total: 1, page: 1, size: 50 } };
    if (url === '/api/units?under=u2&page=1&size=200') return { statusCode: 200, data: { items: [district], total: 1, page: 1, size: 200 } };
    if (url === '/api/campaigns/c1/units/u1/statistics?scope=subtree') return { statusCode: 200, data: table(root, 'subtree') };
    if (url === '/api/campaigns/c1/units/u1/statistics?scope=unit') return { statusCode: 200, data: { ...table(root, 'unit'), units: 0 } };
    if (url === '/api/campaigns/c1/units/u2/statistics?scope=subtree') return { statusCode: 200, data: table(district, 'subtree') };
    if (url === '/api/campaigns/c1/units/u2/statistics?scope=unit') return { statusCode: 200, data: table(district, 'unit', submission) };
    if (url === '/api/campaigns/c1/units/u2/statistics/submission/review') {
      const body = call.data as { action: 'accept' | 'return'; comment?: string };
      submission = { ...submission, state: body.action === 'accept' ? 'accepted' : 'returned', comment: body.comment ?? null, reviewedAt: '2022-07-01T01:00:00.000Z', reviewedBy: { id: 'p1', displayName: '王五' } };
      return { statusCode: 200, data: submission };
    }
    const status = /^\/api\/campaigns\/c1\/hand-in-status\?unitId=(u1|u2)&page=1&size=200$/.exec(url);
    if (status) {
      const rows = [{ unit: district, expectedSince: '2022-06-01T00:00:00.000Z', statuses: ['on_time', 'late', 'not_yet_due'] as const }];
      const instance = (periodKey: string, dueAt: string, index: number) => ({
        deliverableId: 'd1',
        title: '每周材料',
        kind: 'weekly_materials',
        periodKey,
        opensAt: '2022-06-01T00:00:00.000Z',
        dueAt,
        completeness: instanceCompleteness(rows.map((r) => r.statuses[index])),
      });
      return {
        statusCode: 200,
        data: {
          campaignId: 'c1',
          unit: status[1] === 'u1' ? root : district,
          asOf: '2022-06-20T00:00:00.000Z',
          instances: [instance('2022-W23', '2022-06-08T16:00:00.000Z', 0), instance('2022-W24', '2022-06-15T16:00:00.000Z', 1), instance('2022-W25', '2022-06-22T16:00:00.000Z', 2)],
          units: { items: rows, total: 1, page: 1, size: 200 },
        },
      };
    }
    if (url === '/api/campaigns/c1/exports') return { statusCode: 202, data: job({}) };
    if (url === '/api/exports/e1') return { statusCode: 200, data: progress.shift() };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

async function press(element: Element) {
  await act(async () => {
    fireEvent.click(element);
    await flush();
  });
}

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  mockSetOption.mockClear();
  submission = SUBMISSION;
  progress = [];
  campaign = CAMPAIGN;
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('statistics page', () => {
  it('shows a unit\'s table summed over its subtree ("n/m 个单位是") or its own, with its evidence links', async () => {
    setRouterParams({ campaignId: 'c1', unitId: 'u2' });
    server();
    render(<StatisticsPage />);

    expect(await screen.findByText('东城区及下级 3 个参加单位合计')).toBeTruthy();
    expect(screen.getByText('12 场')).toBeTruthy();
    expect(screen.getByText('报告 10，手工录入 2')).toBeTruthy();
    expect(screen.getByText('2/3 个单位是')).toBeTruthy();
    expect(screen.getByText('0/3 个单位已填')).toBeTruthy();

    await press(screen.getByText('本单位'));
    expect(await screen.findByText('本单位数据')).toBeTruthy();
    // The live table and the one handed in.
    expect(screen.getAllByText('3 场')).toHaveLength(2);
    expect(screen.queryByText('12 场')).toBeNull();
    // Unanswered: marked as empty.
    const empty = screen.getAllByText('未填');
    expect(empty[0].className).toContain('table-item__value--empty');
    // The evidence of the live table and of the one handed in; h5 opens it in a new tab.
    expect(screen.getAllByText('咨询日现场：')).toHaveLength(2);
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    await press(screen.getAllByText('https://example.cn/news/1')[0]);
    expect(open).toHaveBeenCalledWith('https://example.cn/news/1', '_blank', 'noopener');
  });

  it('reviews the table a unit handed in: accepts after asking, returns only with a comment', async () => {
    setRouterParams({ campaignId: 'c1', unitId: 'u2' });
    const calls = server();
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    const { container } = render(<StatisticsPage />);

    expect(await screen.findByText('联系人：李联络')).toBeTruthy();
    expect(screen.getByText('电话：13900000000')).toBeTruthy();
    expect(screen.getByText('填报日期：2022年6月30日')).toBeTruthy();
    expect(screen.getByText('待审核')).toBeTruthy();

    // Cancelled: nothing sent.
    await press(screen.getByText('通过'));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定通过「东城区」报送的统计表？' }));
    expect(calls.some((c) => c.url.endsWith('/submission/review'))).toBe(false);
    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await press(screen.getByText('通过'));
    expect(calls.find((c) => c.url.endsWith('/submission/review'))?.data).toEqual({ action: 'accept' });
    expect(await screen.findByText('已通过「东城区」的统计表')).toBeTruthy();
    expect(await screen.findByText('已通过')).toBeTruthy();

    await press(screen.getByText('退回'));
    await press(screen.getByText('确认退回'));
    expect(screen.getByText('请填写退回意见')).toBeTruthy();
    await typeIntoTextarea(container, '退回意见（必填）', '专题片一栏请核实');
    await press(screen.getByText('确认退回'));
    expect(calls.filter((c) => c.url.endsWith('/submission/review')).at(-1)?.data).toEqual({ action: 'return', comment: '专题片一栏请核实' });
    expect(await screen.findByText('退回意见：专题片一栏请核实')).toBeTruthy();
    expect(screen.getByText('已退回，等待联络员修改后重新报送')).toBeTruthy();
  });

  it('starts an export, shows its progress and then offers the file', async () => {
    setRouterParams({ campaignId: 'c1', unitId: 'u2' });
    const calls = server();
    const download = jest.spyOn(exportsApi, 'download').mockResolvedValue(undefined);
    progress = [job({ status: 'running', progress: 0.4 }), job({ status: 'done', progress: 1, downloadUrl: '/api/exports/e1/file', finishedAt: '2022-06-30T02:00:05.000Z' })];
    render(<StatisticsPage />);

    await press(await screen.findByText('导出本单位统计表'));
    expect(calls.find((c) => c.url === '/api/campaigns/c1/exports')?.data).toEqual({ kind: 'unit_table', unitId: 'u2' });
    expect(screen.getByText('排队中…')).toBeTruthy();
    expect(await screen.findByText('生成中 40%')).toBeTruthy();
    await press(await screen.findByText('下载'));
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ id: 'e1', status: 'done' }), { toast: false });
    // Done: no more questions.
    expect(calls.filter((c) => c.url === '/api/exports/e1')).toHaveLength(2);
  });

  it('opens on the dashboard: rates per instance due, the main totals, the units by completion', async () => {
    setRouterParams({ campaignId: 'c1' });
    server();
    render(<StatisticsPage />);

    await screen.findByRole('img', { name: '各单位按时报送比例' });
    await act(flush);
    const options = mockSetOption.mock.calls.map(([option]) => option as { series: { type: string; data: unknown[] }[]; xAxis?: { data: string[] }; yAxis?: { data: string[] } });
    const line = options.find((o) => o.series[0].type === 'line');
    // Only the instances due by then: weeks 23 and 24.
    expect(line?.xAxis?.data).toEqual(['每周材料（6月8日 24:00）', '每周材料（6月15日 24:00）']);
    expect(line?.series.map((s) => s.data)).toEqual([
      [1, 0],
      [1, 1],
    ]);
    const bar = options.find((o) => o.series[0].type === 'bar');
    expect(bar?.yAxis?.data).toEqual(['咨询活动（场）']);
    expect(bar?.series[0].data).toEqual([12]);
    const treemap = options.find((o) => o.series[0].type === 'treemap');
    expect(treemap?.series[0].data).toEqual([expect.objectContaining({ name: '东城区', value: 2, rate: 0.5 })]);
    expect(screen.getByText('市安委办及下级 3 个单位合计')).toBeTruthy();
  });

  describe('the subtrees the viewer oversees', () => {
    const town: UnitDto = { id: 'u5', name: '南区一镇', kind: 'district', code: null, parentId: 'u4', depth: 2 };

    it('opens on the organizing unit, which holds every participating root, and switches to another root', async () => {
      setRouterParams({ campaignId: 'c1' });
      campaign = { ...CAMPAIGN, participatingUnitIds: ['u2', 'u5'], overseenUnits: [summary(root), summary(district), summary(town)] };
      const calls = server();
      render(<StatisticsPage />);

      expect(await screen.findByText('市安委办及下级 3 个单位合计')).toBeTruthy();
      const chooser = screen.getByDisplayValue('市安委办（全部参与单位）') as HTMLSelectElement;
      expect(Array.from(chooser.options).map((o) => o.textContent)).toEqual(['请选择参与单位', '市安委办（全部参与单位）', '东城区', '南区一镇']);
      await act(async () => {
        fireEvent.change(chooser, { target: { value: 'u2' } });
        await flush();
      });
      expect(await screen.findByText('东城区及下级 3 个单位合计')).toBeTruthy();
      expect(calls.some((c) => c.url === '/api/campaigns/c1/hand-in-status?unitId=u2&page=1&size=200')).toBe(true);

      // The table of the root chosen, with its own tree to pick from.
      await press(screen.getByText('单位统计表'));
      expect(await screen.findByText('东城区及下级 3 个参加单位合计')).toBeTruthy();
      expect(screen.getByText('导出：东城区')).toBeTruthy();
      expect(calls.some((c) => c.url === '/api/units?under=u2&page=1')).toBe(true);
      expect(calls.some((c) => c.url === '/api/units?under=u1&page=1')).toBe(false);
    });

    it('shows a committee below the organizer its own subtree, with no chooser and nothing of the organizer\'s', async () => {
      setRouterParams({ campaignId: 'c1' });
      campaign = { ...CAMPAIGN, editable: false, participatingUnitIds: ['u2'], overseenUnits: [summary(district)] };
      const calls = server();
      render(<StatisticsPage />);

      expect(await screen.findByText('东城区及下级 3 个单位合计')).toBeTruthy();
      expect(screen.queryByText('查看范围')).toBeNull();
      expect(calls.filter((c) => c.url.includes('u1'))).toEqual([]);
    });

    it('says so when the viewer oversees no participating unit', async () => {
      setRouterParams({ campaignId: 'c1' });
      campaign = { ...CAMPAIGN, editable: false, overseenUnits: [] };
      server();
      render(<StatisticsPage />);
      expect(await screen.findByText('本活动中没有您负责的参与单位，无法查看统计')).toBeTruthy();
    });
  });
});
