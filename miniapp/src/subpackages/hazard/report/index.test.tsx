import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import { HAZARD_PASS_HEADER, type CreateHazardRequest } from '@safemonth/shared';
import HazardReportPage, { NO_ACCOUNT, PREPARING, PROTECTION } from './index';
import { KEEP_THE_CODE } from './Receipt';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { useMyHazards } from '../../../api/resources';
import { apiError, click, flush, mockRequest, render, typeInto, typeIntoTextarea, type RequestCall } from '../../../../test/helpers';
import { followUp, hazardCampaign, storedText } from '../../../../test/hazards';

const CODE = '1234567890123456';
const SHOWN = '1234 5678 9012 3456';
const PASS = 'YzEuMTc4MjAwMDAwMA.c2lnbmF0dXJl';
const PASS_REFUSED = '匿名举报凭证无效或已过期，请重新打开举报页面';

let redirectTo: jest.SpyInstance;
let reLaunch: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
  delete (globalThis as { fetch?: unknown }).fetch;
  delete (navigator as { clipboard?: unknown }).clipboard;
  delete (document as { execCommand?: unknown }).execCommand;
});

const signIn = () => setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });

type Answer = (call: RequestCall) => { statusCode: number; data?: unknown };

/** The campaigns answered; `post` answers the report's creation, `pass` the campaign's reporting pass; my reports are none. */
function server(
  campaigns = [hazardCampaign()],
  post: Answer = () => ({ statusCode: 201, data: { receiptCode: CODE, followUp: followUp() } }),
  pass: Answer = () => ({ statusCode: 200, data: { pass: PASS, expiresAt: '2026-06-17T02:00:00.000Z' } }),
) {
  return mockRequest((call) => {
    if (call.url === '/api/hazard-campaigns') return { statusCode: 200, data: campaigns };
    if (call.url === '/api/campaigns/c1/hazards' && call.method === 'POST') return post(call);
    if (call.url === '/api/campaigns/c1/hazard-pass' && call.method === 'POST') return pass(call);
    if (call.url.startsWith('/api/hazards/mine')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 20 } };
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

const creations = (calls: RequestCall[]) => calls.filter((c) => c.url.endsWith('/hazards') && c.method === 'POST');
const passes = (calls: RequestCall[]) => calls.filter((c) => c.url.endsWith('/hazard-pass'));
const myReportLoads = (calls: RequestCall[]) => calls.filter((c) => c.url.startsWith('/api/hazards/mine'));

/** 我的隐患举报 shown elsewhere in the app meanwhile (its list in the cache, loaded again when made stale). */
function MyReportsShown() {
  useMyHazards();
  return null;
}

/** Uploads answer media m1, m2…; answers what each upload sent. */
function mediaServer() {
  const uploads: { url: string; name: string; headers: Record<string, string> }[] = [];
  (globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string, init: { body: FormData; headers: Record<string, string> }) => {
    uploads.push({ url, name: (init.body.get('file') as File).name, headers: init.headers });
    const media = { id: `m${uploads.length}`, kind: 'photo', mime: 'image/jpeg', sizeBytes: 1, width: 1, height: 1, url: null, thumbnailUrl: null };
    return { status: 201, text: async () => JSON.stringify(media) };
  });
  return uploads;
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

async function fillForm(container: HTMLElement) {
  await screen.findByText('隐患类别');
  await click('消防');
  await typeInto(container, '如：某某公司仓库、某路口', ' 东城化工仓库 ');
  await typeIntoTextarea(container, '发现了什么隐患或违法违规行为', '消防通道被货物堵塞');
}

describe('隐患随手拍 form', () => {
  it('without an account reports anonymously, sends nothing of a session, and shows the receipt code once with the warning and 复制', async () => {
    const calls = server();
    const uploads = mediaServer();
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { container } = render(<HazardReportPage />);

    await fillForm(container);
    expect(screen.getByText(NO_ACCOUNT)).toBeTruthy();
    expect(screen.getByText(PROTECTION)).toBeTruthy();
    expect(screen.queryByText('匿名举报')).toBeNull();
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(uploads.map((u) => `${u.url} ${u.name}`)).toEqual(['/api/campaigns/c1/hazard-media a.jpg']);
    expect(screen.getByText('已上传')).toBeTruthy();

    await click('匿名提交');

    const [sent] = creations(calls);
    expect(sent.data as CreateHazardRequest).toEqual({
      place: '东城化工仓库',
      category: '消防',
      description: '消防通道被货物堵塞',
      mediaIds: ['m1'],
      anonymous: true,
    });
    expect(sent.header?.Authorization).toBeUndefined();
    expect(screen.getAllByText(SHOWN)).toHaveLength(1);
    expect(screen.getByText(KEEP_THE_CODE)).toBeTruthy();

    await click('复制回执码');
    expect(writeText).toHaveBeenCalledWith(SHOWN);
    expect(screen.getByText('已复制，请粘贴保存到安全的地方')).toBeTruthy();
    // Kept nowhere but on the screen.
    expect(storedText()).not.toContain(CODE.slice(0, 8));
    expect(storedText()).not.toContain(SHOWN.slice(0, 9));

    // Leaving asks first; after that the code is gone for good.
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never);
    await click('我已保存，查询进度');
    expect(modal).toHaveBeenCalled();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/subpackages/hazard/follow/index' });
  });

  it('signed in, uploads and reports anonymously without the token where the campaign is open to all', async () => {
    signIn();
    const calls = server();
    const uploads = mediaServer();
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(uploads[0].headers.Authorization).toBeUndefined();
    // The campaign list itself is asked for with the session (it may offer more to a member).
    expect(calls.find((c) => c.url === '/api/hazard-campaigns')?.header?.Authorization).toBe('Bearer a1');

    await click('匿名提交');
    expect(creations(calls)[0].header?.Authorization).toBeUndefined();
    expect(creations(calls)[0].header?.[HAZARD_PASS_HEADER]).toBeUndefined();
    expect(passes(calls)).toHaveLength(0);
    expect(await screen.findByText(SHOWN)).toBeTruthy();
  });

  it('signed in, fetches a pass on opening where the campaign takes reports from its own people only, and sends it instead of the token', async () => {
    signIn();
    const calls = server([hazardCampaign({ allowPublic: false })]);
    const uploads = mediaServer();
    const { container } = render(
      <>
        <HazardReportPage />
        <MyReportsShown />
      </>,
    );
    await screen.findByText('隐患类别');
    // Fetched with the session as the form opens, long before anything is sent.
    expect(passes(calls).map((c) => [c.method, c.header?.Authorization])).toEqual([['POST', 'Bearer a1']]);
    expect(myReportLoads(calls)).toHaveLength(1);

    await fillForm(container);
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(uploads[0].headers).toEqual({ [HAZARD_PASS_HEADER]: PASS });

    const before = calls.length;
    await click('匿名提交');
    const [sent] = creations(calls);
    expect(sent.header?.Authorization).toBeUndefined();
    expect(sent.header?.[HAZARD_PASS_HEADER]).toBe(PASS);
    expect(sent.data as CreateHazardRequest).toMatchObject({ anonymous: true, mediaIds: ['m1'] });
    expect(await screen.findByText(SHOWN)).toBeTruthy();
    // Nothing signed in follows it: no pass fetched again, my reports not loaded again.
    await act(flush);
    expect(calls.slice(before).map((c) => c.url)).toEqual(['/api/campaigns/c1/hazards']);
    expect(storedText()).not.toContain(PASS);
  });

  it('shows a refused pass in the server\'s words, without fetching another at submit time or ending the session', async () => {
    signIn();
    const calls = server([hazardCampaign({ allowPublic: false })], () => apiError(401, 'UNAUTHENTICATED', PASS_REFUSED));
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await click('匿名提交');
    expect(screen.getByText(PASS_REFUSED)).toBeTruthy();
    expect(passes(calls)).toHaveLength(1);
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('waits for the pass before taking files or the report, and says when it could not be had', async () => {
    signIn();
    let fail = true;
    const calls = server([hazardCampaign({ allowPublic: false })], undefined, () =>
      fail ? apiError(503, 'DATABASE_BUSY', '系统繁忙，请稍后重试') : { statusCode: 200, data: { pass: PASS, expiresAt: '2026-06-17T02:00:00.000Z' } },
    );
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    expect(screen.getByText('系统繁忙，请稍后重试')).toBeTruthy();
    await click('匿名提交');
    expect(creations(calls)).toHaveLength(0);

    fail = false;
    await click('重试');
    expect(screen.queryByText(PREPARING)).toBeNull();
    await click('匿名提交');
    expect(creations(calls)[0].header?.[HAZARD_PASS_HEADER]).toBe(PASS);
  });

  it('copies through a selected text area where the Clipboard API is missing', async () => {
    server();
    const execCommand = jest.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await click('匿名提交');

    await click('复制回执码');
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.getByText('已复制，请粘贴保存到安全的地方')).toBeTruthy();
  });

  it('keeps a code copied by hand out of storage (Taro\'s h5 runtime stores what is copied)', async () => {
    server();
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await click('匿名提交');

    const code = screen.getByText(SHOWN);
    const range = document.createRange();
    range.selectNodeContents(code);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    expect(window.getSelection()?.toString()).toBe(SHOWN);
    await act(async () => {
      code.dispatchEvent(new Event('copy', { bubbles: true }));
      await flush();
    });
    expect(Taro.getStorageSync('taro_clipboard')).toBeFalsy();
    expect(storedText()).not.toContain(SHOWN.slice(0, 9));
  });

  it('tells how to keep the code when it cannot be copied', async () => {
    server();
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await click('匿名提交');
    await click('复制回执码');
    expect(screen.getByText('无法自动复制，请长按选中或手动抄写回执码')).toBeTruthy();
  });

  it('signed in, reports by name with the token when anonymity is switched off, and opens the case in my reports', async () => {
    signIn();
    const calls = server([hazardCampaign()], () => ({ statusCode: 201, data: { receiptCode: null, followUp: followUp({ id: 'h7' }) } }));
    const { container } = render(
      <>
        <HazardReportPage />
        <MyReportsShown />
      </>,
    );
    await fillForm(container);
    expect(screen.queryByText(NO_ACCOUNT)).toBeNull();

    await click('匿名举报');
    await click('实名提交');

    const [sent] = creations(calls);
    expect((sent.data as CreateHazardRequest).anonymous).toBe(false);
    expect(sent.header?.Authorization).toBe('Bearer a1');
    // It is one of my reports now: their list loads again.
    await act(flush);
    expect(myReportLoads(calls)).toHaveLength(2);
    expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/mine/index?id=h7' });
    expect(screen.queryByText(KEEP_THE_CODE)).toBeNull();
  });

  it('signed in, reports by name where the campaign takes no anonymous reports', async () => {
    signIn();
    const calls = server([hazardCampaign({ allowAnonymous: false, allowPublic: false })], () => ({
      statusCode: 201,
      data: { receiptCode: null, followUp: followUp({ id: 'h7' }) },
    }));
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    expect(screen.getByText('本活动只接受实名举报：可在「我的隐患举报」中查看进度')).toBeTruthy();
    await click('实名提交');
    expect((creations(calls)[0].data as CreateHazardRequest).anonymous).toBe(false);
  });

  it('says what is missing and sends nothing; shows the server\'s refusal in its words', async () => {
    let refuse = true;
    const calls = server([hazardCampaign()], () =>
      refuse ? apiError(429, 'TOO_MANY_REQUESTS', '提交过于频繁，请稍后再试') : { statusCode: 201, data: { receiptCode: CODE, followUp: followUp() } },
    );
    const { container } = render(<HazardReportPage />);
    await screen.findByText('隐患类别');

    await click('匿名提交');
    expect(screen.getByText('请选择隐患类别')).toBeTruthy();
    expect(screen.getByText('请填写隐患所在的单位或地点')).toBeTruthy();
    expect(screen.getByText('请描述隐患情况')).toBeTruthy();
    expect(creations(calls)).toHaveLength(0);

    await fillForm(container);
    await click('匿名提交');
    expect(screen.getByText('提交过于频繁，请稍后再试')).toBeTruthy();
    expect(screen.queryByText(SHOWN)).toBeNull();

    refuse = false;
    await click('匿名提交');
    expect(screen.getByText(SHOWN)).toBeTruthy();
  });

  it('offers a visitor only the campaigns open to the public, with a picker when there are several', async () => {
    const calls = server([
      hazardCampaign({ id: 'c1', title: '甲活动' }),
      hazardCampaign({ id: 'c2', title: '乙活动', categories: ['燃气', '其他'] }),
      hazardCampaign({ id: 'c3', title: '丙活动', allowPublic: false }),
    ]);
    const { container } = render(<HazardReportPage />);
    await screen.findByText('隐患随手拍');
    const select = container.querySelector('select') as HTMLSelectElement;
    const labels = Array.from(select.options).map((o) => o.text);
    expect(labels).toEqual(['请选择活动', '甲活动（中卫市安委办）', '乙活动（中卫市安委办）']);

    await act(async () => {
      fireEvent.change(select, { target: { value: 'c2' } });
    });
    expect(screen.getByText('燃气')).toBeTruthy();
    expect(screen.queryByText('消防')).toBeNull();
    await click('燃气');
    await typeInto(container, '如：某某公司仓库、某路口', '某路口');
    await typeIntoTextarea(container, '发现了什么隐患或违法违规行为', '燃气管道泄漏');
    await click('匿名提交');
    expect(calls.some((c) => c.url === '/api/campaigns/c2/hazards')).toBe(true);
  });

  it('keeps the files with the way they were uploaded: anonymity is not switched while there are files', async () => {
    signIn();
    server();
    const uploads = mediaServer();
    const { container } = render(<HazardReportPage />);
    await fillForm(container);
    await chooseFiles(container, [new File(['a'], 'a.jpg', { type: 'image/jpeg' })]);
    expect(uploads).toHaveLength(1);

    await click('匿名举报');
    expect(screen.getByText('照片和视频已按当前活动和举报方式上传：请先移除它们，再更换')).toBeTruthy();
    expect(screen.getByText('匿名提交')).toBeTruthy();

    await click('移除');
    await click('匿名举报');
    expect(screen.getByText('实名提交')).toBeTruthy();
  });
});
