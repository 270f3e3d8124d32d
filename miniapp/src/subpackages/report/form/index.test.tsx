import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { REPORT_LIMITS, REPORT_MESSAGES, type CreateReportRequest } from '@safemonth/shared';
import ReportFormPage, { OFFLINE_NOTICE } from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import {
  click,
  flush,
  inputsWithPlaceholder,
  mockRequest,
  render,
  type RequestCall,
  setNativeInput,
  typeInto,
  typeIntoInput,
  typeIntoTextarea,
} from '../../../../test/helpers';
import { ITEM, PUBLISHED, STAFF, reportDto } from '../../../../test/reports';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

let redirectTo: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
  delete (globalThis as { fetch?: unknown }).fetch;
});

/** Campaign and me answered; `post` answers POST /api/reports. */
function server(post: (call: RequestCall) => { statusCode: number; data?: unknown }) {
  return mockRequest((call) => {
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: PUBLISHED };
    if (call.url === '/api/me') return { statusCode: 200, data: STAFF };
    if (call.url === '/api/reports' && call.method === 'POST') return post(call);
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

async function fillForm(container: HTMLElement) {
  await screen.findByText('报活动');
  const select = container.querySelector('select') as HTMLSelectElement;
  await act(async () => {
    fireEvent.change(select, { target: { value: 'i1' } });
  });
  await typeInto(container, '活动名称', '安全咨询进社区');
  await setNativeInput(container, '开始日期', '2022-06-16');
  await setNativeInput(container, '开始时间', '09:00');
  await setNativeInput(container, '结束日期', '2022-06-16');
  await setNativeInput(container, '结束时间', '12:00');
  await typeInto(container, '地点', '湖塘镇广场');
  await typeInto(container, '参与人次', '150');
}

/** The files picked in the form's photo input (as the album would give them). */
async function chooseFiles(container: HTMLElement, files: File[]) {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  await act(async () => {
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);
    await flush();
    await flush();
  });
}

const posts = (calls: RequestCall[]) => calls.filter((c) => c.url === '/api/reports' && c.method === 'POST');

/** POST /api/reports fails for want of a network the first time, then files report r9. */
function offlineOnce() {
  let attempt = 0;
  return server(() => {
    attempt += 1;
    if (attempt === 1) throw new Error('offline');
    return { statusCode: 201, data: reportDto({ id: 'r9' }) };
  });
}

/** The phone gets its connection back. */
async function backOnline() {
  await act(async () => {
    window.dispatchEvent(new Event('online'));
  });
  await flush();
}

/** The report went a second time with the first send's key, and the page went on to r9. */
function expectResentAsR9(calls: RequestCall[]) {
  const sent = posts(calls);
  expect(sent).toHaveLength(2);
  expect((sent[1].data as CreateReportRequest).idempotencyKey).toBe((sent[0].data as CreateReportRequest).idempotencyKey);
  expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/report/detail/index?id=r9' });
}

describe('报活动 form', () => {
  it('proposes the additions for the chosen item and headcount and sends them', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    const { container } = render(<ReportFormPage />);
    await fillForm(container);

    // The item's two count fields are offered for editing.
    expect(screen.getByText('开展咨询活动（场）')).toBeTruthy();
    expect(screen.getByText('参与（人次）')).toBeTruthy();

    await click('提交');

    const [post] = posts(calls);
    const body = post.data as CreateReportRequest;
    expect(body).toMatchObject({
      campaignId: 'c1',
      unitId: 'u2',
      itemId: 'i1',
      title: '安全咨询进社区',
      place: '湖塘镇广场',
      headcount: 150,
      startAt: '2022-06-16T01:00:00.000Z',
      endAt: '2022-06-16T04:00:00.000Z',
      mediaIds: [],
      contributions: [
        { fieldId: 'f1', amount: 1 },
        { fieldId: 'f2', amount: 150 },
      ],
    });
    expect(body.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/report/detail/index?id=r9' });
    expect(Taro.getStorageSync('reportDraft:c1')).toBeFalsy();
  });

  it('offers 是/否 and text for the item\'s yes/no and text fields, each optional, and sends those given', async () => {
    const item = {
      ...ITEM,
      fields: [
        ...ITEM.fields,
        { id: 'f3', kind: 'boolean' as const, label: '发放宣传资料', unit: '', hasData: false },
        { id: 'f4', kind: 'boolean' as const, label: '观看专题片', unit: '', hasData: false },
        { id: 'f5', kind: 'text' as const, label: '典型案例', unit: '', hasData: false },
      ],
    };
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...PUBLISHED, items: [item] } };
      if (call.url === '/api/me') return { statusCode: 200, data: STAFF };
      if (call.url === '/api/reports' && call.method === 'POST') return { statusCode: 201, data: reportDto({ id: 'r9' }) };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    const { container } = render(<ReportFormPage />);
    await fillForm(container);

    const section = screen.getByText('建议填报（由联络员采用）').closest('.section') as HTMLElement;
    const fieldOf = (label: string) => within(section).getByText(label).closest('.field') as HTMLElement;
    // 是 chosen, then taken back with 不填; 否 for the other; the text typed.
    await act(async () => {
      fireEvent.click(within(fieldOf('发放宣传资料')).getByText('是'));
    });
    expect(within(fieldOf('发放宣传资料')).getByText('是').closest('.choice')?.className).toContain('choice--active');
    await act(async () => {
      fireEvent.click(within(fieldOf('发放宣传资料')).getByText('不填'));
    });
    expect(within(fieldOf('发放宣传资料')).queryByText('不填')).toBeNull();
    await act(async () => {
      fireEvent.click(within(fieldOf('观看专题片')).getByText('否'));
    });
    await typeIntoTextarea(container, '填写典型案例（可不填）', ' 某企业违规动火作业 ');
    await click('提交');
    expect((posts(calls)[0].data as CreateReportRequest).proposedAnswers).toEqual([
      { fieldId: 'f4', value: false },
      { fieldId: 'f5', value: '某企业违规动火作业' },
    ]);
  });

  it('asks nothing to propose for an item without yes/no or text fields, and sends none', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    expect(screen.queryByText('建议填报（由联络员采用）')).toBeNull();
    await click('提交');
    expect((posts(calls)[0].data as CreateReportRequest).proposedAnswers).toEqual([]);
  });

  it('takes up to five evidence links, tells a wrong or empty one under it, and sends them', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    const links = () => inputsWithPlaceholder(container, 'https://');
    expect(links()).toHaveLength(0);

    await click('添加网址链接');
    await typeIntoInput(links()[0], 'www.example.com/news');
    expect(screen.getByText(REPORT_MESSAGES.evidenceLinkInvalid)).toBeTruthy();
    await typeIntoInput(links()[0], 'https://www.example.com/news');
    expect(screen.queryByText(REPORT_MESSAGES.evidenceLinkInvalid)).toBeNull();

    // An empty row is told only once a send was tried, and keeps the report from going.
    await click('添加网址链接');
    expect(screen.queryByText(REPORT_MESSAGES.evidenceLinkMissing)).toBeNull();
    await click('提交');
    expect(posts(calls)).toHaveLength(0);
    expect(screen.getByText(REPORT_MESSAGES.evidenceLinkMissing)).toBeTruthy();
    expect(screen.getByText(`网址链接 2：${REPORT_MESSAGES.evidenceLinkMissing}`)).toBeTruthy();

    // Five at most: the button goes, and comes back when one is removed (the rest move up).
    for (const [index, url] of ['https://b.example.com/2', 'https://c.example.com/3', 'https://d.example.com/4'].entries()) {
      if (index > 0) await click('添加网址链接');
      await typeIntoInput(links()[index + 1], url);
    }
    await click('添加网址链接');
    await typeIntoInput(links()[4], 'http://e.example.com/5');
    expect(links()).toHaveLength(REPORT_LIMITS.evidenceLinksMax);
    expect(screen.queryByText('添加网址链接')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getAllByText('移除')[1]);
    });
    expect(links()).toHaveLength(4);
    expect(screen.getByText('添加网址链接')).toBeTruthy();

    await click('提交');
    expect((posts(calls)[0].data as CreateReportRequest).evidenceLinks).toEqual([
      'https://www.example.com/news',
      'https://c.example.com/3',
      'https://d.example.com/4',
      'http://e.example.com/5',
    ]);
  });

  it('adds where it took place when the reporter allows it, and says so when the phone refuses', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    const getLocation = jest.spyOn(Taro, 'getLocation').mockRejectedValueOnce(new Error('auth deny') as never);
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await click('添加当前位置（可选）');
    expect(await screen.findByText('无法获取位置：请允许使用位置信息后重试，或只填写地点')).toBeTruthy();

    getLocation.mockResolvedValueOnce({ latitude: 31.7781234, longitude: 119.9543219 } as never);
    await click('添加当前位置（可选）');
    expect(await screen.findByText('位置：31.77812，119.95432')).toBeTruthy();
    expect(getLocation).toHaveBeenLastCalledWith({ type: 'wgs84' });
    await click('提交');
    expect(posts(calls)[0].data).toMatchObject({ place: '湖塘镇广场', latitude: 31.778123, longitude: 119.954322 });
  });

  it('keeps the draft and resends with the same idempotencyKey after a network failure', async () => {
    const calls = offlineOnce();
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await click('提交');

    expect(screen.getByText(OFFLINE_NOTICE)).toBeTruthy();
    expect(redirectTo).not.toHaveBeenCalled();
    const stored = Taro.getStorageSync('reportDraft:c1') as { idempotencyKey: string; title: string };
    expect(stored.title).toBe('安全咨询进社区');

    await click('重新提交');

    const sent = posts(calls);
    expect(sent).toHaveLength(2);
    const first = (sent[0].data as CreateReportRequest).idempotencyKey;
    expect((sent[1].data as CreateReportRequest).idempotencyKey).toBe(first);
    expect(stored.idempotencyKey).toBe(first);
    expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/report/detail/index?id=r9' });
  });

  it('resends a draft by itself, with the same idempotencyKey, once the network is back', async () => {
    const calls = offlineOnce();
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await click('提交');
    expect(screen.getByText(OFFLINE_NOTICE)).toBeTruthy();
    expect(posts(calls)).toHaveLength(1);

    await backOnline();

    expectResentAsR9(calls);
    expect(Taro.getStorageSync('reportDraft:c1')).toBeFalsy();
  });

  it('does not resend by itself while a file of the draft failed to upload', async () => {
    const calls = offlineOnce();
    (globalThis as { fetch?: unknown }).fetch = jest.fn(async () => {
      throw new Error('offline');
    });
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await click('提交');
    expect(screen.getByText(OFFLINE_NOTICE)).toBeTruthy();
    // A photo added while offline does not upload.
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(screen.getByText('有文件上传失败：请点「重试」或移除该文件')).toBeTruthy();

    await backOnline();
    expect(posts(calls)).toHaveLength(1);
    expect(redirectTo).not.toHaveBeenCalled();
    expect((Taro.getStorageSync('reportDraft:c1') as { media: unknown[] }).media).toHaveLength(1);
  });

  it('sends a draft left unsent for want of a network as soon as the form opens again online', async () => {
    const calls = offlineOnce();
    const first = render(<ReportFormPage />);
    await fillForm(first.container);
    await click('提交');
    expect(screen.getByText(OFFLINE_NOTICE)).toBeTruthy();
    first.unmount();

    render(<ReportFormPage />);
    await screen.findByText('报活动');
    await flush();
    expectResentAsR9(calls);
  });

  it('shows 重试 for a failed upload and retrying uploads only that file', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    const uploaded: string[] = [];
    let failA = true;
    const fetchMock = jest.fn(async (url: string, init: { body: FormData }) => {
      const file = init.body.get('file') as File;
      uploaded.push(`${url} ${file.name}`);
      if (file.name === 'a.jpg' && failA) {
        failA = false;
        return { status: 415, text: async () => JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的文件类型' } }) };
      }
      const id = file.name === 'a.jpg' ? 'ma' : 'mb';
      return {
        status: 201,
        text: async () =>
          JSON.stringify({ id, kind: 'photo', warnings: id === 'mb' ? ['照片分辨率低于 1920×1080'] : [], alreadyUsedIn: [] }),
      };
    });
    (globalThis as { fetch?: unknown }).fetch = fetchMock;

    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' }), new File(['b'], 'b.jpg', { type: 'image/jpeg' })]);

    expect(uploaded).toEqual(['/api/campaigns/c1/units/u2/media a.jpg', '/api/campaigns/c1/units/u2/media b.jpg']);
    expect(screen.getByText('上传失败：不支持的文件类型')).toBeTruthy();
    expect(screen.getByText('照片分辨率低于 1920×1080')).toBeTruthy();
    expect(screen.getByText('有文件上传失败：请点「重试」或移除该文件')).toBeTruthy();

    await click('重试');
    await act(flush);

    expect(uploaded).toHaveLength(3);
    expect(uploaded[2]).toBe('/api/campaigns/c1/units/u2/media a.jpg');
    expect(screen.queryByText('重试')).toBeNull();

    await click('提交');
    const body = posts(calls)[0].data as CreateReportRequest;
    expect(body.mediaIds).toEqual(['ma', 'mb']);
  });

  it('lets a file be removed while it uploads without blocking 提交, and keeps the unit of uploaded files', async () => {
    const calls = server(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    let fail: (() => void) | undefined;
    (globalThis as { fetch?: unknown }).fetch = jest.fn(
      () =>
        new Promise((resolve) => {
          fail = () => resolve({ status: 503, text: async () => JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服务暂不可用' } }) });
        }),
    );
    const { container } = render(<ReportFormPage />);
    await fillForm(container);
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(screen.getByText('照片或视频正在上传，上传完成后才能提交')).toBeTruthy();

    await click('移除');
    await act(async () => {
      fail?.();
      await flush();
    });
    expect(screen.queryByText('a.jpg')).toBeNull();
    expect(screen.queryByText(/有文件上传失败/)).toBeNull();
    await click('提交');
    expect(posts(calls)).toHaveLength(1);
  });

  it('shows the reviewer\'s comment on the edit form of a returned report', async () => {
    setRouterParams({ campaignId: 'c1', reportId: 'r1' });
    const returned = reportDto({
      status: 'returned',
      reporter: { id: STAFF.person.id, displayName: STAFF.person.displayName },
      history: [
        { action: 'submitted', by: { id: STAFF.person.id, displayName: STAFF.person.displayName }, at: '2022-06-16T05:00:00.000Z', comment: null, selfReview: false },
        { action: 'returned', by: { id: 'p9', displayName: '联络员' }, at: '2022-06-17T05:00:00.000Z', comment: '请补充现场照片', selfReview: false },
      ],
    });
    let answer = returned;
    mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: PUBLISHED };
      if (call.url === '/api/me') return { statusCode: 200, data: STAFF };
      if (call.url === '/api/reports/r1') return { statusCode: 200, data: answer };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    const { unmount } = render(<ReportFormPage />);
    expect(await screen.findByText('修改活动报告')).toBeTruthy();
    expect(screen.getByText('退回意见：请补充现场照片')).toBeTruthy();
    unmount();

    // A report waiting for review has no comment to show.
    resetClientState();
    answer = reportDto({ reporter: returned.reporter });
    render(<ReportFormPage />);
    expect(await screen.findByText('修改活动报告')).toBeTruthy();
    expect(screen.queryByText(/退回意见/)).toBeNull();
  });
});
