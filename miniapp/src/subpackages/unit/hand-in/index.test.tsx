import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { DeliverableStatusDto, HandInDto, InstanceStatus } from '@safemonth/shared';
import HandInPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, flush, mockRequest, render, typeIntoTextarea, type RequestCall } from '../../../../test/helpers';
import { reportDto, u2 } from '../../../../test/reports';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const WEEK = { deliverableId: 'd1', title: '每周活动材料', kind: 'weekly_materials' as const, periodKey: '2022-W24', opensAt: '2022-06-08T16:00:00.000Z', dueAt: '2022-06-15T16:00:00.000Z' };

function status(unitStatus: InstanceStatus): DeliverableStatusDto {
  return {
    campaignId: 'c1',
    unit: u2,
    asOf: '2022-06-14T00:00:00.000Z',
    instances: [{ ...WEEK, completeness: {} as never }],
    units: { items: [{ unit: u2, expectedSince: '2022-05-01T00:00:00.000Z', statuses: [unitStatus] }], total: 1, page: 1, size: 20 },
  };
}

const DOCUMENT = { id: 'doc1', fileName: '第24周材料.docx', format: 'docx' as const, mime: '', sizeBytes: 100, url: '/api/media/doc1' };

function handIn(extra: Partial<HandInDto> = {}): HandInDto {
  return {
    id: 'h1',
    campaignId: 'c1',
    deliverableId: 'd1',
    periodKey: '2022-W24',
    unit: u2,
    text: '本周开展宣传两次',
    documents: [DOCUMENT],
    reports: [{ id: 'r1', title: '安全咨询进社区', startAt: '2022-06-10T01:00:00.000Z' }],
    state: 'submitted',
    arrivedAt: '2022-06-14T02:00:00.000Z',
    dueAt: WEEK.dueAt,
    status: 'on_time',
    history: [],
    ...extra,
  };
}

/** The period's accepted reports: r1 and r2 of the unit, r3 of a unit under it, r4 from the day after the due instant's day. */
const REPORTS = [
  reportDto({ id: 'r1', status: 'accepted', title: '安全咨询进社区', startAt: '2022-06-10T01:00:00.000Z' }),
  reportDto({ id: 'r2', status: 'accepted', title: '应急演练', startAt: '2022-06-12T01:00:00.000Z' }),
  reportDto({ id: 'r3', status: 'accepted', title: '企业自查', unit: { id: 'u3', name: '东城化工有限公司', kind: 'enterprise' } }),
];

function serve(unitStatus: InstanceStatus, current: HandInDto | null, answer?: (call: RequestCall) => { statusCode: number; data?: unknown } | undefined) {
  const state = { unitStatus, current };
  const calls = mockRequest((call) => {
    const special = answer?.(call);
    if (special) return special;
    if (call.url.startsWith('/api/campaigns/c1/hand-in-status')) return { statusCode: 200, data: status(state.unitStatus) };
    if (call.url === '/api/campaigns/c1/units/u2/hand-ins/d1/2022-W24') {
      return state.current ? { statusCode: 200, data: state.current } : { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '该单位尚未报送本期材料' } } };
    }
    if (call.url.startsWith('/api/campaigns/c1/reports')) return { statusCode: 200, data: { items: REPORTS, total: 3, page: 1, size: 20 } };
    if (call.url === '/api/hand-ins') {
      state.current = handIn({ ...(call.data as object), documents: [DOCUMENT], reports: [{ id: 'r2', title: '应急演练', startAt: REPORTS[1].startAt }] });
      state.unitStatus = 'on_time';
      return { statusCode: 200, data: state.current };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
  return { calls, state };
}

async function chooseFiles(container: HTMLElement, files: File[]) {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  await act(async () => {
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);
    await flush();
    await flush();
  });
}

const reportRow = (title: string) => screen.getByText(title).closest('.row') as HTMLElement;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1', unitId: 'u2', deliverableId: 'd1', periodKey: '2022-W24' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.useFakeTimers({ now: new Date('2022-06-14T00:00:00.000Z'), doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  delete (globalThis as { fetch?: unknown }).fetch;
});

describe('报送材料 page', () => {
  it('hands in the weekly materials: text, a document (a refused type shown inline) and the period’s accepted reports', async () => {
    const { calls } = serve('not_yet_due', null);
    const uploaded: string[] = [];
    (globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string, init: { body: FormData }) => {
      const file = init.body.get('file') as File;
      uploaded.push(`${url} ${file.name}`);
      if (file.name === 'photo.jpg') {
        return { status: 415, text: async () => JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '请上传 Word（doc、docx）、WPS、PDF 或 Excel（xlsx）文档' } }) };
      }
      return { status: 201, text: async () => JSON.stringify(DOCUMENT) };
    });
    const { container } = render(<HandInPage />);

    expect(await screen.findByText('截止：2022年6月15日 周三 24:00')).toBeTruthy();
    expect(screen.getByText('未到期')).toBeTruthy();
    // Only the unit's own reports whose activity starts within the period.
    expect(await screen.findByText('安全咨询进社区')).toBeTruthy();
    expect(screen.queryByText('企业自查')).toBeNull();
    expect(calls.find((c) => c.url.startsWith('/api/campaigns/c1/reports'))?.url).toContain('status=accepted&from=2022-06-09&to=2022-06-15');

    await click('报送');
    expect(screen.getByText('请填写说明、上传文档或选择活动报告')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/hand-ins')).toBe(false);

    await typeIntoTextarea(container, '本期工作情况说明', '本周开展宣传两次');
    await chooseFiles(container, [new File(['d'], '第24周材料.docx'), new File(['p'], 'photo.jpg')]);
    expect(uploaded).toEqual(['/api/campaigns/c1/units/u2/documents 第24周材料.docx', '/api/campaigns/c1/units/u2/documents photo.jpg']);
    expect(screen.getByText('上传失败：请上传 Word（doc、docx）、WPS、PDF 或 Excel（xlsx）文档')).toBeTruthy();
    expect(screen.getByText('已上传 · Word 文档')).toBeTruthy();
    expect(screen.getByText('有文档上传失败：请点「重试」或移除该文档')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(screen.getByText('photo.jpg').closest('.upload') as HTMLElement).getByText('移除'));
    });

    await act(async () => {
      fireEvent.click(within(reportRow('应急演练')).getByText('选择'));
    });
    expect(screen.getByText('已选 1 份（本单位本期已通过审核的报告）')).toBeTruthy();
    await click('报送');
    expect(calls.find((c) => c.url === '/api/hand-ins')?.data).toEqual({
      campaignId: 'c1',
      unitId: 'u2',
      deliverableId: 'd1',
      periodKey: '2022-W24',
      text: '本周开展宣传两次',
      documentIds: ['doc1'],
      reportIds: ['r2'],
    });
    expect(await screen.findByText('报送成功')).toBeTruthy();
    expect(screen.getByText('待审核')).toBeTruthy();
    expect(await screen.findByText('按时')).toBeTruthy();
    expect(screen.getByText('重新报送')).toBeTruthy();
  });

  it('shows a returned hand-in with its comment and hands it in again, starting from what was sent', async () => {
    const returned = handIn({
      state: 'returned',
      status: 'returned',
      history: [
        { action: 'submitted', by: { id: 'p1', displayName: '王五' }, at: '2022-06-14T02:00:00.000Z', comment: null },
        { action: 'returned', by: { id: 'p9', displayName: '安委办' }, at: '2022-06-14T03:00:00.000Z', comment: '请补充活动照片说明' },
      ],
    });
    const { calls } = serve('returned', returned);
    render(<HandInPage />);

    expect(await screen.findByText('退回意见：请补充活动照片说明')).toBeTruthy();
    expect(screen.getAllByText('已退回').length).toBeGreaterThan(0);
    // The form starts from the hand-in: its text, its document, its report chosen.
    expect(await screen.findByText('已上传 · Word 文档')).toBeTruthy();
    expect(within(reportRow('安全咨询进社区')).getByText('选择').closest('.choice')?.className).toContain('choice--active');
    await click('重新报送');
    expect(calls.find((c) => c.url === '/api/hand-ins')?.data).toMatchObject({ text: '本周开展宣传两次', documentIds: ['doc1'], reportIds: ['r1'] });
  });

  it('offers nothing to change once accepted, and nothing to send before the period opens', async () => {
    serve('on_time', handIn({ state: 'accepted' }));
    const { unmount } = render(<HandInPage />);
    expect(await screen.findByText('本期材料已通过审核，不能再修改')).toBeTruthy();
    expect(screen.queryByText('报送')).toBeNull();
    expect(screen.queryByText('重新报送')).toBeNull();
    unmount();

    jest.restoreAllMocks();
    resetClientState();
    jest.setSystemTime(new Date('2022-06-08T00:00:00.000Z'));
    serve('not_yet_due', null);
    render(<HandInPage />);
    expect(await screen.findByText('本期材料自 2022年6月9日 00:00 起才能报送')).toBeTruthy();
    expect((screen.getByText('报送', { selector: 'button div' }).closest('button') as HTMLElement).className).toContain('nut-button-disabled');
  });
});
