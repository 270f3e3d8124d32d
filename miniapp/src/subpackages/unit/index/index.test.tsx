import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { DeliverableStatusDto, HazardCountsDto, ManualEntryDto, StatisticsTableDto, StatisticsTableField, TableSubmissionDto } from '@safemonth/shared';
import UnitPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, flush, mockRequest, render, setNativeInput, typeInto, typeIntoTextarea, type RequestCall } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const UNIT = { id: 'u2', name: '沙坡头区', kind: 'district' as const };
const CAMPAIGN = campaignDto({ status: 'published', editable: false, liaisonUnits: [UNIT] });
const TABLE_URL = '/api/campaigns/c1/units/u2/statistics?scope=unit';

function table(extra: Partial<StatisticsTableDto> = {}): StatisticsTableDto {
  return {
    campaignId: 'c1',
    unit: UNIT,
    scope: 'unit',
    units: 1,
    items: [
      {
        id: 'i1',
        title: '理论学习',
        requirement: '理论学习中心组开展专题学习',
        fieldText: '',
        fields: [
          { id: 'f1', kind: 'count', label: '理论学习中心组学习', unit: '次', value: 3, fromReports: 2, fromManualEntries: 1 },
          { id: 'f2', kind: 'count', label: '参与人次', unit: '人次', value: 0, fromReports: 0, fromManualEntries: 0 },
          { id: 'f3', kind: 'boolean', label: '观看专题片', unit: '', value: null, yesUnits: 0 },
          { id: 'f4', kind: 'text', label: '典型案例具体为', unit: '', value: null, answeredUnits: 0 },
        ],
        evidence: [{ reportId: 'r1', reportTitle: '中心组学习会', url: 'https://news.example.cn/a/1' }],
      },
    ],
    submission: null,
    ...extra,
  };
}

const ENTRY: ManualEntryDto = { id: 'e1', fieldId: 'f1', amount: 1, note: '线下学习会', createdBy: { id: 'p1', displayName: '王五' }, createdAt: '2027-06-03T02:00:00.000Z' };

function submission(extra: Partial<TableSubmissionDto> = {}): TableSubmissionDto {
  return {
    campaignId: 'c1',
    unitId: 'u2',
    state: 'submitted',
    unitName: '沙坡头区',
    contactName: '李联络',
    phone: '13800000000',
    fillDate: '2027-06-30',
    submittedAt: '2027-06-30T02:00:00.000Z',
    submittedBy: { id: 'p1', displayName: '王五' },
    snapshot: [],
    reviewedAt: null,
    reviewedBy: null,
    comment: null,
    ...extra,
  };
}

const STATUS: DeliverableStatusDto = {
  campaignId: 'c1',
  unit: UNIT,
  asOf: '2027-06-10T00:00:00.000Z',
  instances: [
    { deliverableId: 'd1', title: '每周活动材料', kind: 'weekly_materials', periodKey: '2027-W23', opensAt: '2027-06-01T16:00:00.000Z', dueAt: '2027-06-09T16:00:00.000Z', completeness: {} as never },
    { deliverableId: 'd1', title: '每周活动材料', kind: 'weekly_materials', periodKey: '2027-W24', opensAt: '2027-06-09T16:00:00.000Z', dueAt: '2027-06-16T16:00:00.000Z', completeness: {} as never },
    { deliverableId: 'd2', title: '活动方案', kind: 'unit_plan', periodKey: 'once', opensAt: '2027-05-20T16:00:00.000Z', dueAt: '2027-06-04T10:00:00.000Z', completeness: {} as never },
  ],
  units: { items: [{ unit: UNIT, expectedSince: '2027-05-01T00:00:00.000Z', statuses: ['missing', 'not_yet_due', 'returned'] }], total: 1, page: 1, size: 20 },
};

/** 隐患清零 of the unit: one hazard overdue among two not yet closed. */
const COUNTS: HazardCountsDto = {
  zeroingDate: '2027-07-01',
  unit: { open: 2, overdue: 1, closed: 3 },
  subtree: { open: 2, overdue: 1, closed: 3 },
  children: [],
  childrenTotal: 0,
};

interface Served {
  table: StatisticsTableDto;
  entries: ManualEntryDto[];
}

/** The API as the page sees it: `state` changes as the test's calls would change it on the server. */
function serve(state: Served, answer?: (call: RequestCall) => { statusCode: number; data?: unknown } | undefined) {
  return mockRequest((call) => {
    const special = answer?.(call);
    if (special) return special;
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: CAMPAIGN };
    if (call.url === TABLE_URL) return { statusCode: 200, data: state.table };
    if (call.url === '/api/campaigns/c1/units/u2/manual-entries' && call.method === 'GET') return { statusCode: 200, data: state.entries };
    if (call.url.startsWith('/api/campaigns/c1/hand-in-status')) return { statusCode: 200, data: STATUS };
    if (call.url.startsWith('/api/campaigns/c1/units/u2/hazard-counts?')) return { statusCode: 200, data: COUNTS };
    if (call.url.startsWith('/api/campaigns/c1/liaisons')) {
      const registration = { id: 'l1', unit: UNIT, personId: 'p1', values: { name: '李联络', mobile: '13900000000' }, updatedAt: '' };
      return { statusCode: 200, data: { items: [registration], total: 1, page: 1, size: 100 } };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

const inputValue = (container: HTMLElement, placeholder: string) =>
  container.querySelector(`taro-input-core[placeholder="${placeholder}"]`)?.getAttribute('value');
/** Is the (NutUI) button showing `text` disabled? */
const disabled = (text: string, scope: HTMLElement = document.body) =>
  (within(scope).getByText(text, { selector: 'button div' }).closest('button') as HTMLElement).className.includes('nut-button-disabled');
const fieldBox = (label: string) => screen.getByText(label).closest('.unit-field') as HTMLElement;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('本单位 page', () => {
  it('highlights the blank fields (a count at 0, unanswered yes/no and text) and lists the evidence links', async () => {
    serve({ table: table(), entries: [ENTRY] });
    render(<UnitPage />);

    expect(await screen.findByText('还有 3 项未填（已标出）')).toBeTruthy();
    expect(fieldBox('理论学习中心组学习').className).not.toContain('unit-field--blank');
    for (const label of ['参与人次', '观看专题片', '典型案例具体为']) {
      expect(fieldBox(label).className).toContain('unit-field--blank');
      expect(within(fieldBox(label)).getByText('未填')).toBeTruthy();
    }
    expect(within(fieldBox('理论学习中心组学习')).getByText('活动报告 2，手工录入 1')).toBeTruthy();
    expect(within(fieldBox('理论学习中心组学习')).getByText('+1 线下学习会')).toBeTruthy();
    expect(screen.getByText('https://news.example.cn/a/1')).toBeTruthy();
    expect(screen.getByText('来自报告：中心组学习会')).toBeTruthy();
  });

  it('shows the next deadline with its status and what is missing or returned, each opening its hand-in', async () => {
    jest.useFakeTimers({ now: new Date('2027-06-10T00:00:00.000Z'), doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    serve({ table: table(), entries: [] });
    render(<UnitPage />);

    const next = (await screen.findByText('下一截止')).closest('.unit-next') as HTMLElement;
    expect(within(next).getByText('每周活动材料')).toBeTruthy();
    expect(within(next).getByText('6月16日 24:00（还有 6 天 16 小时）')).toBeTruthy();
    expect(within(next).getByText('未到期')).toBeTruthy();

    expect(screen.getByText('缺报').className).toContain('unit-status--danger');
    expect(screen.getByText('已退回')).toBeTruthy();
    // Oldest first: the plan returned (due 4 June), then the week missing (due 9 June).
    expect(screen.getAllByText(/^截止 /).map((node) => node.textContent)).toEqual(['截止 6月4日 18:00', '截止 6月9日 24:00']);
    await click('补报');
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/unit/hand-in/index?campaignId=c1&unitId=u2&deliverableId=d1&periodKey=2027-W23',
    });
    await click('重新报送');
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/unit/hand-in/index?campaignId=c1&unitId=u2&deliverableId=d2&periodKey=once' });
  });

  it('adds a manual entry (checked before it goes) and deletes one after asking', async () => {
    const state: Served = { table: table(), entries: [ENTRY] };
    const calls = serve(state, (call) => {
      if (call.url === '/api/campaigns/c1/units/u2/manual-entries' && call.method === 'POST') {
        const made = { ...ENTRY, id: 'e2', fieldId: 'f2', amount: 40, note: '线下宣讲' };
        state.entries = [...state.entries, made];
        state.table = table();
        (state.table.items[0].fields[1] as { value: number }).value = 40;
        return { statusCode: 201, data: made };
      }
      if (call.url === '/api/campaigns/c1/units/u2/manual-entries/e1' && call.method === 'DELETE') {
        state.entries = state.entries.filter((e) => e.id !== 'e1');
        return { statusCode: 204 };
      }
      return undefined;
    });
    const { container } = render(<UnitPage />);
    await screen.findByText('还有 3 项未填（已标出）');

    const box = fieldBox('参与人次');
    await act(async () => {
      fireEvent.click(within(box).getByText('添加手工录入'));
    });
    await typeInto(box, '数量（人次）', '0');
    await click('保存');
    expect(within(box).getByText('请输入 1–1000000 之间的整数')).toBeTruthy();
    expect(within(box).getByText('请说明做了什么（如线下活动的名称）')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await typeInto(box, '数量（人次）', '40');
    await typeInto(box, '如：线下宣传活动，6月10日', '线下宣讲');
    await click('保存');
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ fieldId: 'f2', amount: 40, note: '线下宣讲' });
    expect(await within(fieldBox('参与人次')).findByText('+40 线下宣讲')).toBeTruthy();
    expect(fieldBox('参与人次').className).not.toContain('unit-field--blank');
    expect(container.querySelector('.unit-entry-form')).toBeNull();

    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    await act(async () => {
      fireEvent.click(within(fieldBox('理论学习中心组学习')).getByText('删除'));
      await flush();
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除手工录入', content: expect.stringContaining('线下学习会') }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await act(async () => {
      fireEvent.click(within(fieldBox('理论学习中心组学习')).getByText('删除'));
      await flush();
    });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/campaigns/c1/units/u2/manual-entries/e1']);
    await act(flush);
    expect(within(fieldBox('理论学习中心组学习')).queryByText('+1 线下学习会')).toBeNull();
  });

  it('saves a 是/否 answer at once and a text answer with 保存, showing the server’s refusal', async () => {
    const state: Served = { table: table(), entries: [] };
    const calls = serve(state, (call) => {
      if (call.method !== 'PUT') return undefined;
      if (call.url.endsWith('/answers/f4')) return { statusCode: 400, data: { error: { code: 'VALIDATION_FAILED', message: '回答最多 500 个字' } } };
      state.table = table();
      (state.table.items[0].fields[2] as { value: boolean }).value = true;
      return { statusCode: 200, data: { fieldId: 'f3', value: true, answeredBy: { id: 'p1', displayName: '王五' }, answeredAt: '' } };
    });
    const { container } = render(<UnitPage />);
    await screen.findByText('还有 3 项未填（已标出）');

    await act(async () => {
      fireEvent.click(within(fieldBox('观看专题片')).getByText('是'));
      await flush();
    });
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ url: '/api/campaigns/c1/units/u2/answers/f3', data: { value: true } });
    expect(await screen.findByText('还有 2 项未填（已标出）')).toBeTruthy();
    expect(within(fieldBox('观看专题片')).getByText('是').closest('.choice')?.className).toContain('choice--active');

    // 保存 appears only once the text differs from the answer saved.
    expect(within(fieldBox('典型案例具体为')).queryByText('保存')).toBeNull();
    await typeIntoTextarea(container, '填写典型案例具体为', '  ');
    expect(within(fieldBox('典型案例具体为')).queryByText('保存')).toBeNull();
    await typeIntoTextarea(container, '填写典型案例具体为', '宣传片在市电视台播出');
    await act(async () => {
      fireEvent.click(within(fieldBox('典型案例具体为')).getByText('保存'));
      await flush();
    });
    expect(calls.filter((c) => c.method === 'PUT').pop()).toMatchObject({ url: '/api/campaigns/c1/units/u2/answers/f4', data: { value: '宣传片在市电视台播出' } });
    expect(await within(fieldBox('典型案例具体为')).findByText('回答最多 500 个字')).toBeTruthy();
  });

  it('shows what accepted reports propose under a yes/no or text field, and adopts one with 采用 as the answer', async () => {
    const proposing = (fields: StatisticsTableDto['items'][number]['fields']) => {
      const made = table();
      made.items[0].fields = fields;
      return made;
    };
    const [count, people, yesNo, text] = table().items[0].fields;
    const proposals = {
      yesNo: [
        { reportId: 'r2', reportTitle: '安全宣传进社区', value: true },
        { reportId: 'r1', reportTitle: '中心组学习会', value: false },
      ],
      text: [{ reportId: 'r3', reportTitle: '警示教育', value: '宣传片在市电视台播出' }],
    };
    const withProposals = (answers: { yesNo: boolean | null; text: string | null }) =>
      proposing([
        count,
        people,
        { ...yesNo, value: answers.yesNo, proposals: proposals.yesNo } as StatisticsTableField,
        { ...text, value: answers.text, proposals: proposals.text } as StatisticsTableField,
      ]);
    const state: Served = { table: withProposals({ yesNo: null, text: null }), entries: [] };
    const calls = serve(state, (call) => {
      if (call.method !== 'PUT') return undefined;
      const value = (call.data as { value: boolean | string }).value;
      const answered = call.url.endsWith('/answers/f3') ? { yesNo: value as boolean, text: null } : { yesNo: true, text: value as string };
      state.table = withProposals(answered);
      return { statusCode: 200, data: { fieldId: 'f3', value, answeredBy: { id: 'p1', displayName: '王五' }, answeredAt: '' } };
    });
    render(<UnitPage />);
    await screen.findByText('还有 3 项未填（已标出）');

    const proposal = (label: string, text: string) => within(fieldBox(label)).getByText(text).closest('.unit-proposal') as HTMLElement;
    expect(proposal('观看专题片', '报告建议：是（《安全宣传进社区》）')).toBeTruthy();
    expect(proposal('观看专题片', '报告建议：否（《中心组学习会》）')).toBeTruthy();
    // Proposals do not answer: the field is still blank until one is adopted.
    expect(fieldBox('观看专题片').className).toContain('unit-field--blank');

    await act(async () => {
      fireEvent.click(within(proposal('观看专题片', '报告建议：是（《安全宣传进社区》）')).getByText('采用'));
      await flush();
    });
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([expect.objectContaining({ url: '/api/campaigns/c1/units/u2/answers/f3', data: { value: true } })]);
    expect(await within(proposal('观看专题片', '报告建议：是（《安全宣传进社区》）')).findByText('已采用')).toBeTruthy();
    expect(within(proposal('观看专题片', '报告建议：否（《中心组学习会》）')).getByText('采用')).toBeTruthy();
    expect(within(fieldBox('观看专题片')).getByText('是').closest('.choice')?.className).toContain('choice--active');

    await act(async () => {
      fireEvent.click(within(proposal('典型案例具体为', '报告建议：宣传片在市电视台播出（《警示教育》）')).getByText('采用'));
      await flush();
    });
    expect(calls.filter((c) => c.method === 'PUT').pop()).toMatchObject({ url: '/api/campaigns/c1/units/u2/answers/f4', data: { value: '宣传片在市电视台播出' } });
    expect(await screen.findByText('还有 1 项未填（已标出）')).toBeTruthy();
  });

  it('offers no 采用 while the table is handed in', async () => {
    const closed = table({ submission: submission() });
    closed.items[0].fields[2] = { ...closed.items[0].fields[2], proposals: [{ reportId: 'r2', reportTitle: '安全宣传进社区', value: true }] } as StatisticsTableField;
    serve({ table: closed, entries: [] });
    render(<UnitPage />);
    expect(await screen.findByText('报告建议：是（《安全宣传进社区》）')).toBeTruthy();
    expect(within(fieldBox('观看专题片')).queryByText('采用')).toBeNull();
  });

  it('submits the table with the header prefilled from the liaison form, after confirming', async () => {
    const state: Served = { table: table(), entries: [] };
    const calls = serve(state, (call) => {
      if (call.method === 'POST' && call.url.endsWith('/statistics/submission')) {
        state.table = table({ submission: submission({ contactName: '李联络', phone: '0955-1234567', fillDate: '2027-06-29' }) });
        return { statusCode: 201, data: state.table.submission };
      }
      return undefined;
    });
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never);
    const { container } = render(<UnitPage />);
    await screen.findByText('还有 3 项未填（已标出）');
    // From the liaison form: the name and the mobile.
    await act(flush);
    expect(inputValue(container, '联系人')).toBe('李联络');
    expect(inputValue(container, '电话')).toBe('13900000000');

    await typeInto(container, '电话', '0955-1234567');
    await setNativeInput(container, '填报日期', '2027-06-29');
    await click('提交统计表');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交统计表', content: '还有 3 项未填。提交后，审核前不能再修改统计表。' }));
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ contactName: '李联络', phone: '0955-1234567', fillDate: '2027-06-29' });

    // Handed in: the state, and nothing may change until a return.
    expect(await screen.findByText('已提交')).toBeTruthy();
    expect(screen.getAllByText('统计表已提交，正在等待审核：审核前不能修改。如需修改，请联系安委办退回。').length).toBeGreaterThan(0);
    expect(screen.getByText('联系人：李联络 · 电话：0955-1234567 · 填报日期：2027-06-29')).toBeTruthy();
  });

  it('in the mini program, offers WeChat reminders near what is due and once the table is submitted', async () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      let remaining = 0;
      const state: Served = { table: table(), entries: [] };
      const calls = serve(state, (call) => {
        if (call.url === '/api/notifications/wechat-subscriptions') {
          if (call.method === 'POST') remaining += 1;
          return { statusCode: 200, data: { templates: [{ purpose: 'reminder', templateId: 'tpl-remind', remaining }] } };
        }
        if (call.method === 'POST' && call.url.endsWith('/statistics/submission')) {
          state.table = table({ submission: submission() });
          return { statusCode: 201, data: state.table.submission };
        }
        return undefined;
      });
      const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-remind': 'accept' } as never);
      jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never);
      render(<UnitPage />);

      const deadlines = (await screen.findByText('下一截止')).closest('.section') as HTMLElement;
      expect(await within(deadlines).findByText('还可接收 0 次提醒')).toBeTruthy();
      await click('订阅提醒');
      expect(ask).toHaveBeenCalledWith({ tmplIds: ['tpl-remind'] });
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.data)).toEqual([{ templateIds: ['tpl-remind'] }]);
      expect(await within(deadlines).findByText('还可接收 1 次提醒')).toBeTruthy();

      // Not before the table is handed in; then beside what was handed in.
      expect(screen.queryByText('订阅截止提醒')).toBeNull();
      await act(flush);
      await click('提交统计表');
      expect(await screen.findByText('订阅截止提醒')).toBeTruthy();
    } finally {
      process.env.TARO_ENV = env;
    }
  });

  it('closes the table while handed in or accepted, and opens it again when returned, with the comment', async () => {
    serve({ table: table({ submission: submission({ state: 'accepted' }) }), entries: [ENTRY] });
    const first = render(<UnitPage />);
    expect(await screen.findByText('已通过')).toBeTruthy();
    expect(screen.getAllByText('统计表已通过审核，不能再修改。').length).toBeGreaterThan(0);
    expect(disabled('提交统计表')).toBe(true);
    expect(disabled('添加手工录入', fieldBox('参与人次'))).toBe(true);
    expect(within(fieldBox('理论学习中心组学习')).queryByText('删除')).toBeNull();
    expect(within(fieldBox('观看专题片')).queryByText('是')).toBeNull();
    expect(within(fieldBox('典型案例具体为')).getByText('未填', { selector: '.unit-field__value' })).toBeTruthy();
    expect(first.container.querySelector('taro-input-core[placeholder="联系人"]')).toBeNull();
    first.unmount();

    resetClientState();
    jest.restoreAllMocks();
    serve({ table: table({ submission: submission({ state: 'returned', comment: '参与人次请核实' }) }), entries: [ENTRY] });
    render(<UnitPage />);
    expect(await screen.findByText('退回意见：参与人次请核实')).toBeTruthy();
    expect(disabled('重新提交统计表')).toBe(false);
    expect(within(fieldBox('理论学习中心组学习')).getByText('删除')).toBeTruthy();
    expect(within(fieldBox('观看专题片')).getByText('是')).toBeTruthy();
  });

  it('shows the unit’s own 隐患清零 counts and opens its rectifications', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    serve({ table: table(), entries: [] });
    render(<UnitPage />);

    expect(await screen.findByText('未销号 2 · 逾期 1 · 已销号 3')).toBeTruthy();
    expect(screen.getByText('隐患清零：2027年7月1日前全部整改销号')).toBeTruthy();
    await click('整改任务');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/unit/rectify/index?campaignId=c1&unitId=u2' });
  });

  it('lets a liaison of several units choose one, and says so to someone who liaises for none', async () => {
    const other = { id: 'u3', name: '中宁县', kind: 'district' as const };
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...CAMPAIGN, liaisonUnits: [UNIT, other] } };
      if (call.url.includes('/units/u3/statistics')) return { statusCode: 200, data: { ...table(), unit: other } };
      if (call.url.includes('/statistics')) return { statusCode: 200, data: table() };
      if (call.url.includes('manual-entries')) return { statusCode: 200, data: [] };
      if (call.url.includes('hand-in-status')) return { statusCode: 200, data: STATUS };
      if (call.url.includes('hazard-counts')) return { statusCode: 200, data: COUNTS };
      return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 100 } };
    });
    const { container, unmount } = render(<UnitPage />);
    expect(await screen.findByText('沙坡头区', { selector: '.unit-page__title' })).toBeTruthy();
    await act(async () => {
      fireEvent.change(container.querySelector('select.select') as HTMLSelectElement, { target: { value: 'u3' } });
      await flush();
    });
    expect(screen.getByText('中宁县', { selector: '.unit-page__title' })).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/campaigns/c1/units/u3/statistics?scope=unit')).toBe(true);
    unmount();

    jest.restoreAllMocks();
    resetClientState();
    mockRequest(() => ({ statusCode: 200, data: CAMPAIGN_NONE }));
    render(<UnitPage />);
    expect(await screen.findByText('您不是本活动参与单位的联络员')).toBeTruthy();
  });
});

const CAMPAIGN_NONE = { ...CAMPAIGN, liaisonUnits: [] };
