import Taro from '@tarojs/taro';
import { act, renderHook } from '@testing-library/react';
import type { CreateReportRequest, ReportInput } from '@safemonth/shared';
import { DataProvider } from '../../../api/cache';
import { resetClientState } from '../../../api/client';
import { setTokens } from '../../../session/tokens';
import type { ReportDraft } from '../../../utils/reports';
import { apiError, flush, mockRequest, type FakeResponse } from '../../../../test/helpers';
import { PUBLISHED, STAFF, reportDto } from '../../../../test/reports';
import { useReportDraft, type ReportDraftOptions } from './useReportDraft';

const SOURCE = { campaign: PUBLISHED, me: STAFF, report: null };
const INPUT: ReportInput = {
  itemId: 'i1',
  title: '安全咨询进社区',
  startAt: '2022-06-16T01:00:00.000Z',
  endAt: '2022-06-16T04:00:00.000Z',
  place: '湖塘镇广场',
  description: '',
  headcount: 150,
  mediaIds: [],
  contributions: [],
};

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

const stored = (key = 'reportDraft:c1') => Taro.getStorageSync(key) as ReportDraft | '';

/** The hook for campaign c1, sending INPUT; `answer` answers each send. */
function draftHook(answer: () => FakeResponse, options: Partial<ReportDraftOptions> = {}) {
  const calls = mockRequest(answer);
  const onSent = jest.fn();
  const hook = renderHook(
    () => useReportDraft({ campaignId: 'c1', source: SOURCE, prepare: () => INPUT, onSent, ...options }),
    { wrapper: DataProvider },
  );
  return { ...hook, calls, onSent };
}

async function send(result: { current: { submit: () => void } }) {
  await act(async () => {
    result.current.submit();
    await flush();
  });
}

describe('报活动 draft hook', () => {
  it('starts with a new idempotency key and my only unit, and stores every change at once', () => {
    const { result } = draftHook(() => ({ statusCode: 201, data: reportDto() }));
    const key = result.current.draft?.idempotencyKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result.current.draft?.unitId).toBe('u2');

    act(() => result.current.update({ title: '安全咨询进社区' }));
    expect(stored()).toMatchObject({ idempotencyKey: key, title: '安全咨询进社区' });
  });

  it('goes on from the draft kept on the phone, before the report it changes', () => {
    Taro.setStorageSync('reportDraft:c1:r1', { idempotencyKey: 'kept-key-0123456789', title: '改了一半', media: [] });
    const { result } = draftHook(() => ({ statusCode: 200, data: reportDto() }), {
      reportId: 'r1',
      source: { ...SOURCE, report: reportDto({ title: '原来的名称' }) },
    });
    expect(result.current.draft).toMatchObject({ idempotencyKey: 'kept-key-0123456789', title: '改了一半' });
  });

  it('keeps the draft and its key after a send that found no network, and sends it again by itself when the network is back', async () => {
    let attempt = 0;
    const { result, calls, onSent } = draftHook(() => {
      attempt += 1;
      if (attempt === 1) throw new Error('offline');
      return { statusCode: 201, data: reportDto({ id: 'r9' }) };
    });
    await send(result);
    expect(result.current.offline).toBe(true);
    expect(result.current.failure).toBeUndefined();
    expect(stored()).toMatchObject({ pendingResend: true, idempotencyKey: result.current.draft?.idempotencyKey });

    await act(async () => {
      window.dispatchEvent(new Event('online'));
      await flush();
    });

    const sent = calls.filter((call) => call.url === '/api/reports').map((call) => call.data as CreateReportRequest);
    expect(sent).toHaveLength(2);
    expect(sent[1].idempotencyKey).toBe(sent[0].idempotencyKey);
    expect(sent[1]).toMatchObject({ ...INPUT, campaignId: 'c1', unitId: 'u2' });
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ id: 'r9' }));
    expect(stored()).toBeFalsy();
    expect(result.current.offline).toBe(false);
  });

  it('sends a draft left unsent for want of a network as soon as it starts', async () => {
    Taro.setStorageSync('reportDraft:c1', { idempotencyKey: 'kept-key-0123456789', unitId: 'u2', media: [], pendingResend: true });
    const { calls, onSent } = draftHook(() => ({ statusCode: 201, data: reportDto({ id: 'r9' }) }));
    await act(flush);
    expect((calls[0].data as CreateReportRequest).idempotencyKey).toBe('kept-key-0123456789');
    expect(onSent).toHaveBeenCalled();
  });

  it("shows why the server refused a send, with its details, and keeps the draft", async () => {
    const { result, onSent } = draftHook(() =>
      apiError(400, 'VALIDATION_FAILED', '请求参数有误', [{ field: 'endAt', message: '结束时间不能早于开始时间' }]),
    );
    await send(result);
    expect(result.current.failure).toBe('请求参数有误；结束时间不能早于开始时间');
    expect(result.current.offline).toBe(false);
    expect(stored()).toMatchObject({ pendingResend: false });
    expect(onSent).not.toHaveBeenCalled();
  });

  it('sends nothing while the page says the draft cannot go', async () => {
    const { result, calls } = draftHook(() => ({ statusCode: 201, data: reportDto() }), { prepare: () => undefined });
    await send(result);
    expect(calls).toHaveLength(0);
  });

  it('sends a changed report with PUT, and starts anew with a new key when cleared', async () => {
    const { result, calls } = draftHook(() => ({ statusCode: 200, data: reportDto() }), {
      reportId: 'r1',
      source: { ...SOURCE, report: reportDto() },
    });
    expect(result.current.draft?.title).toBe('安全咨询进社区');
    await send(result);
    expect(calls[0]).toMatchObject({ url: '/api/reports/r1', method: 'PUT', data: INPUT });

    const key = result.current.draft?.idempotencyKey;
    act(() => result.current.update({ title: '改了' }));
    act(() => result.current.clear());
    expect(result.current.draft?.title).toBe('安全咨询进社区');
    expect(result.current.draft?.idempotencyKey).not.toBe(key);
  });
});
