import Taro from '@tarojs/taro';
import type { TokenPair } from '@safemonth/shared';
import { api, ApiError, fileNameOf, NETWORK_ERROR, NETWORK_ERROR_MESSAGE, resetClientState } from './client';
import { getTokens, setTokens } from '../session/tokens';
import { apiError, flush, mockRequest, type RequestCall } from '../../test/helpers';

const OLD: TokenPair = {
  accessToken: 'access-old',
  accessTokenExpiresAt: '2026-06-01T00:15:00.000Z',
  refreshToken: 'refresh-old',
  refreshTokenExpiresAt: '2026-06-30T00:00:00.000Z',
};
const NEW: TokenPair = {
  accessToken: 'access-new',
  accessTokenExpiresAt: '2026-06-01T00:30:00.000Z',
  refreshToken: 'refresh-new',
  refreshTokenExpiresAt: '2026-07-01T00:00:00.000Z',
};
const EXPIRED = apiError(401, 'TOKEN_EXPIRED', '登录已过期');

let toast: jest.SpyInstance;
let reLaunch: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const bearer = (call: RequestCall) => call.header?.Authorization;

describe('api client', () => {
  it('sends the stored access token and returns the body', async () => {
    setTokens(OLD);
    const calls = mockRequest(() => ({ statusCode: 200, data: { person: { displayName: '张三' } } }));

    const me = await api.get<{ person: { displayName: string } }>('/api/me');

    expect(me.person.displayName).toBe('张三');
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/me');
    expect(calls[0].method).toBe('GET');
    expect(bearer(calls[0])).toBe('Bearer access-old');
  });

  it('sends no token to public endpoints and encodes the query', async () => {
    setTokens(OLD);
    const calls = mockRequest(() => ({ statusCode: 200, data: [] }));

    await api.get('/api/units', { query: { under: 'u 1', q: '应急' } });
    await api.post('/api/auth/password', { login: 'a', password: 'b' }, { auth: false });

    expect(calls[0].url).toBe(`/api/units?under=u%201&q=${encodeURIComponent('应急')}`);
    expect(bearer(calls[1])).toBeUndefined();
    expect(calls[1].data).toEqual({ login: 'a', password: 'b' });
    expect(calls[1].header?.['Content-Type']).toBe('application/json');
  });

  it('refreshes exactly once for concurrent calls that meet TOKEN_EXPIRED, then retries them', async () => {
    setTokens(OLD);
    let refreshes = 0;
    const calls = mockRequest(async (call) => {
      if (call.url === '/api/auth/refresh') {
        refreshes += 1;
        await flush(); // let the second call hit its 401 while the refresh is under way
        return { statusCode: 200, data: { ...NEW, person: { id: 'p1' } } };
      }
      if (bearer(call) === 'Bearer access-new') return { statusCode: 200, data: { url: call.url } };
      return EXPIRED;
    });

    const [first, second] = await Promise.all([
      api.get<{ url: string }>('/api/me'),
      api.get<{ url: string }>('/api/units', { query: { under: 'u1' } }),
    ]);

    expect(first.url).toBe('/api/me');
    expect(second.url).toBe('/api/units?under=u1');
    expect(refreshes).toBe(1);
    const refresh = calls.find((call) => call.url === '/api/auth/refresh');
    expect(refresh?.data).toEqual({ refreshToken: 'refresh-old' });
    expect(bearer(refresh as RequestCall)).toBeUndefined();
    expect(calls.filter((call) => bearer(call) === 'Bearer access-new')).toHaveLength(2);
    expect(getTokens()).toEqual(NEW);
    expect(toast).not.toHaveBeenCalled();
  });

  it('does not refresh again for a call whose 401 arrives after the refresh finished', async () => {
    setTokens(OLD);
    let refreshes = 0;
    let refreshDone: () => void = () => undefined;
    const refreshed = new Promise<void>((resolve) => {
      refreshDone = resolve;
    });
    mockRequest(async (call) => {
      if (call.url === '/api/auth/refresh') {
        refreshes += 1;
        setTimeout(refreshDone, 0);
        return { statusCode: 200, data: NEW };
      }
      if (bearer(call) === 'Bearer access-new') return { statusCode: 200, data: 'ok' };
      // The slow call's answer (made with the old token) arrives only after the refresh.
      if (call.url === '/api/slow') await refreshed;
      return EXPIRED;
    });

    await Promise.all([api.get('/api/me'), api.get('/api/slow')]);

    expect(refreshes).toBe(1);
    expect(getTokens()).toEqual(NEW);
  });

  it('clears the session and opens the login page when the refresh is refused', async () => {
    setTokens(OLD);
    const calls = mockRequest((call) =>
      call.url === '/api/auth/refresh' ? apiError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录') : EXPIRED,
    );

    const failure = api.get('/api/me');

    await expect(failure).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
    await flush();
    expect(getTokens()).toBeNull();
    expect(calls.filter((call) => call.url === '/api/me')).toHaveLength(1);
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(reLaunch.mock.calls[0][0].url).toMatch(/^\/pages\/login\/index/);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已失效，请重新登录', icon: 'none' }));
  });

  it('keeps the session when the refresh meets a server error', async () => {
    setTokens(OLD);
    mockRequest((call) =>
      call.url === '/api/auth/refresh' ? apiError(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用') : EXPIRED,
    );

    await expect(api.get('/api/me')).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    await flush();
    expect(getTokens()).toEqual(OLD);
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('turns the error shape into an ApiError with the server message and toasts it', async () => {
    setTokens(OLD);
    mockRequest(() =>
      apiError(400, 'VALIDATION_FAILED', '请求内容有误', [{ field: 'name', message: '请输入单位名称' }]),
    );

    const error = await api.post('/api/units', { name: '' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '请求内容有误',
      details: [{ field: 'name', message: '请输入单位名称' }],
    });
    await flush();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '请求内容有误', icon: 'none' }));
    // An error that is not about the session keeps it.
    expect(getTokens()).toEqual(OLD);
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('lets a page opt out of the toast', async () => {
    mockRequest(() => apiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误'));

    await expect(api.post('/api/auth/password', {}, { auth: false, toast: false })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
    });
    await flush();
    expect(toast).not.toHaveBeenCalled();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('reports a network failure in Chinese', async () => {
    setTokens(OLD);
    jest.spyOn(Taro, 'request').mockImplementation((() =>
      Promise.reject(new Error('request:fail'))) as unknown as typeof Taro.request);

    const error = await api.get('/api/me').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: NETWORK_ERROR, status: 0, message: NETWORK_ERROR_MESSAGE });
    await flush();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '网络连接失败，请检查网络后重试', icon: 'none' }),
    );
    expect(getTokens()).toEqual(OLD);
  });

  it('answers undefined for 204', async () => {
    mockRequest(() => ({ statusCode: 204, data: null }));
    await expect(api.post('/api/auth/sign-out', { refreshToken: 'r' }, { auth: false })).resolves.toBeUndefined();
  });

  it('sends PATCH as PUT in the mini program (wx.request has no PATCH)', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: {} }));
    await api.patch('/api/units/u1', { name: '新名称' });
    process.env.TARO_ENV = 'weapp';
    try {
      await api.patch('/api/units/u1', { name: '新名称' });
    } finally {
      process.env.TARO_ENV = 'h5';
    }
    expect(calls.map((call) => call.method)).toEqual(['PATCH', 'PUT']);
  });

  it('uploads a file as multipart `file` and reads the per-row errors of the answer', async () => {
    setTokens(OLD);
    const upload = jest.spyOn(Taro, 'uploadFile').mockImplementation((() =>
      Promise.resolve({
        statusCode: 422,
        errMsg: 'uploadFile:ok',
        data: JSON.stringify({
          error: {
            code: 'IMPORT_INVALID',
            message: '导入文件有 1 行错误，未导入任何单位',
            details: [{ row: 3, field: '上级', message: '找不到上级单位“某某局”' }],
          },
        }),
      })) as unknown as typeof Taro.uploadFile);

    const error = await api
      .upload('/api/units/u1/import', { filePath: 'blob:units', fileName: 'units.xlsx', toast: false })
      .catch((caught: unknown) => caught);

    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/units/u1/import',
        name: 'file',
        filePath: 'blob:units',
        fileName: 'units.xlsx',
        header: { Authorization: 'Bearer access-old' },
      }),
    );
    expect(error).toMatchObject({
      status: 422,
      code: 'IMPORT_INVALID',
      details: [{ row: 3, field: '上级', message: '找不到上级单位“某某局”' }],
    });
  });

  describe('download', () => {
    interface Fetched {
      url: string;
      init: RequestInit;
    }

    /** h5: answers each fetch with the next of `answers`. */
    function answerFetch(answers: { status: number; body: unknown; disposition?: string }[]): Fetched[] {
      const fetched: Fetched[] = [];
      global.fetch = jest.fn((url: string, init: RequestInit) => {
        fetched.push({ url, init });
        const answer = answers.shift()!;
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        return Promise.resolve({
          status: answer.status,
          headers: { get: (name: string) => (name.toLowerCase() === 'content-disposition' ? (answer.disposition ?? null) : null) },
          text: () => Promise.resolve(text),
          blob: () => Promise.resolve(new Blob([text])),
        });
      }) as unknown as typeof fetch;
      return fetched;
    }

    let saved: { href: string; download: string }[];

    beforeEach(() => {
      saved = [];
      URL.createObjectURL = jest.fn(() => 'blob:http://localhost/x');
      URL.revokeObjectURL = jest.fn();
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ href: this.href, download: this.download });
      });
    });

    it('h5: fetches with the token, refreshing it once, and saves the file through a blob link', async () => {
      setTokens(OLD);
      mockRequest(() => ({ statusCode: 200, data: { ...NEW, person: { id: 'p1' } } }));
      const fetched = answerFetch([
        { status: 401, body: EXPIRED.data },
        { status: 200, body: 'xlsx', disposition: "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E8%81%94%E7%BB%9C%E5%91%98.xlsx" },
      ]);

      await api.download('/api/campaigns/c1/liaisons/export', { fileName: '联络员信息表.xlsx' });

      expect(fetched.map((f) => (f.init.headers as Record<string, string>).Authorization)).toEqual(['Bearer access-old', 'Bearer access-new']);
      expect(fetched[1].url).toBe('/api/campaigns/c1/liaisons/export');
      expect(saved).toEqual([{ href: 'blob:http://localhost/x', download: '联络员.xlsx' }]);
    });

    it('h5: turns an error answer into an ApiError and saves nothing', async () => {
      setTokens(OLD);
      answerFetch([{ status: 403, body: { error: { code: 'FORBIDDEN', message: '只有安委办可以导出' } } }]);

      const error = await api
        .download('/api/campaigns/c1/liaisons/export', { fileName: 'a.xlsx', toast: false })
        .catch((caught: unknown) => caught);

      expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', message: '只有安委办可以导出' });
      expect(saved).toHaveLength(0);
    });

    it('weapp: downloads with Taro.downloadFile and opens the document', async () => {
      setTokens(OLD);
      const download = jest
        .spyOn(Taro, 'downloadFile')
        .mockImplementation((() => Promise.resolve({ statusCode: 200, tempFilePath: 'wxfile://tmp/1.xlsx' })) as never);
      const open = jest.spyOn(Taro, 'openDocument').mockImplementation((() => Promise.resolve()) as never);
      process.env.TARO_ENV = 'weapp';
      try {
        await api.download('/api/campaigns/c1/liaisons/export', { fileName: 'a.xlsx', fileType: 'xlsx' });
      } finally {
        process.env.TARO_ENV = 'h5';
      }
      expect(download).toHaveBeenCalledWith({ url: '/api/campaigns/c1/liaisons/export', header: { Authorization: 'Bearer access-old' } });
      expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/1.xlsx', fileType: 'xlsx', showMenu: true });
    });

    it('reads file names of Content-Disposition', () => {
      expect(fileNameOf('attachment; filename="a.xlsx"')).toBe('a.xlsx');
      expect(fileNameOf("attachment; filename*=UTF-8''%E8%A1%A8.xlsx")).toBe('表.xlsx');
      expect(fileNameOf(null)).toBeUndefined();
    });
  });
});
