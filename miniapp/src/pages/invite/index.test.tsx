import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import InvitePage from './index';
import { getTokens, setTokens } from '../../session/tokens';
import { resetClientState } from '../../api/client';
import { apiError, click, mockRequest, render, typeInto } from '../../../test/helpers';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const PREVIEW = {
  code: 'AB12CD34',
  role: 'liaison',
  unit: { id: 'u1', name: '中卫市应急管理局', kind: 'department' },
  expiresAt: '2026-06-04T10:00:00.000Z',
};
const SIGN_IN = {
  accessToken: 'a1',
  accessTokenExpiresAt: '2026-06-01T00:15:00.000Z',
  refreshToken: 'r1',
  refreshTokenExpiresAt: '2026-06-30T00:00:00.000Z',
  person: { id: 'p1', displayName: '李四', username: 'lisi', phone: null, hasWechat: false },
};

let toast: jest.SpyInstance;
let reLaunch: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ code: 'AB12CD34' });
  toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('invite page', () => {
  it('previews the invite of the link: unit, role label and expiry (China time)', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: PREVIEW }));
    render(<InvitePage />);

    expect(await screen.findByText('中卫市应急管理局')).toBeTruthy();
    expect(screen.getByText('身份：联络员')).toBeTruthy();
    expect(screen.getByText('有效期至：2026年6月4日 18:00')).toBeTruthy();
    expect(calls[0]).toMatchObject({ url: '/api/invites/AB12CD34/preview', method: 'GET' });
    expect(calls[0].header?.Authorization).toBeUndefined();
    // Not signed in on h5: the registration form.
    expect(screen.getByText('注册并加入')).toBeTruthy();
  });

  it("shows the server's message for an expired code", async () => {
    mockRequest(() => apiError(410, 'INVITE_EXPIRED', '邀请已过期，请联系管理员重新邀请'));
    render(<InvitePage />);

    expect(await screen.findByText('邀请已过期，请联系管理员重新邀请')).toBeTruthy();
    expect(screen.queryByText('注册并加入')).toBeNull();
    expect(screen.queryByText('加入')).toBeNull();
    // Another code can be typed in.
    expect(screen.getByText('查看邀请')).toBeTruthy();
    expect(toast).not.toHaveBeenCalled();
  });

  it('looks up a typed code when opened without one', async () => {
    setRouterParams({});
    const calls = mockRequest(() => ({ statusCode: 200, data: PREVIEW }));
    const { container } = render(<InvitePage />);

    expect(calls).toHaveLength(0);
    await typeInto(container, '请输入邀请码', ' AB12CD34 ');
    await click('查看邀请');

    expect(await screen.findByText('中卫市应急管理局')).toBeTruthy();
    expect(calls[0].url).toBe('/api/invites/AB12CD34/preview');
  });

  it('redeems for a signed-in person and goes home', async () => {
    setTokens(SIGN_IN);
    const calls = mockRequest((call) =>
      call.url === '/api/invites/redeem'
        ? { statusCode: 201, data: { membership: { id: 'm1', role: 'liaison', unit: PREVIEW.unit } } }
        : { statusCode: 200, data: PREVIEW },
    );
    render(<InvitePage />);

    await screen.findByText('中卫市应急管理局');
    await click('加入');

    const redeem = calls.find((call) => call.url === '/api/invites/redeem');
    expect(redeem).toMatchObject({ method: 'POST', data: { code: 'AB12CD34' } });
    expect(redeem?.header?.Authorization).toBe('Bearer a1');
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('shows why redeeming failed', async () => {
    setTokens(SIGN_IN);
    mockRequest((call) =>
      call.url === '/api/invites/redeem'
        ? apiError(409, 'INVITE_USED_UP', '邀请码已达到使用次数上限')
        : { statusCode: 200, data: PREVIEW },
    );
    render(<InvitePage />);

    await screen.findByText('中卫市应急管理局');
    await click('加入');

    expect(await screen.findByText('邀请码已达到使用次数上限')).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('registers with the invite (h5), checking the form first, and stores the tokens', async () => {
    const calls = mockRequest((call) =>
      call.url === '/api/invites/register' ? { statusCode: 201, data: SIGN_IN } : { statusCode: 200, data: PREVIEW },
    );
    const { container } = render(<InvitePage />);
    await screen.findByText('中卫市应急管理局');

    await click('注册并加入');
    expect(screen.getByText('请输入姓名')).toBeTruthy();
    expect(screen.getByText('请输入用户名或手机号')).toBeTruthy();
    expect(screen.getByText('密码至少 8 位')).toBeTruthy();

    await typeInto(container, '姓名', '李四');
    await typeInto(container, '用户名或手机号', '13800138000');
    await typeInto(container, '设置密码（至少 8 位）', 'password123');
    await typeInto(container, '再次输入密码', 'password124');
    await click('注册并加入');
    expect(screen.getByText('两次输入的密码不一致')).toBeTruthy();
    expect(calls.some((call) => call.url === '/api/invites/register')).toBe(false);

    await typeInto(container, '再次输入密码', 'password123');
    await click('注册并加入');

    const register = calls.find((call) => call.url === '/api/invites/register');
    expect(register?.data).toEqual({
      code: 'AB12CD34',
      displayName: '李四',
      login: '13800138000',
      password: 'password123',
    });
    expect(getTokens()?.accessToken).toBe('a1');
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});
