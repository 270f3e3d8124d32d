import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import LoginPage from './index';
import { getTokens } from '../../session/tokens';
import { resetClientState } from '../../api/client';
import { apiError, click, mockRequest, render, typeInto } from '../../../test/helpers';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

let reLaunch: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({});
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const clickLogin = () => click('登录');

describe('login page (h5)', () => {
  it('shows the field messages and sends nothing while the form is invalid', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: {} }));
    const { container } = render(<LoginPage />);

    await clickLogin();
    expect(await screen.findByText('请输入用户名或手机号')).toBeTruthy();
    expect(screen.getByText('密码至少 8 位')).toBeTruthy();

    await typeInto(container, '用户名或手机号', '12345');
    await typeInto(container, '密码', 'short');
    await clickLogin();
    expect(await screen.findByText('手机号应为 11 位数字，以 1 开头')).toBeTruthy();
    expect(screen.getByText('密码至少 8 位')).toBeTruthy();

    await typeInto(container, '用户名或手机号', '张三');
    await clickLogin();
    expect(await screen.findByText('用户名须以字母开头，3–32 位字母、数字或 _ . -')).toBeTruthy();

    expect(calls).toHaveLength(0);
  });

  it('shows the server message when the sign-in is refused', async () => {
    mockRequest(() => apiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误'));
    const { container } = render(<LoginPage />);

    await typeInto(container, '用户名或手机号', '13800138000');
    await typeInto(container, '密码', 'password123');
    await clickLogin();

    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
    expect(screen.queryByText('请输入用户名或手机号')).toBeNull();
    expect(getTokens()).toBeNull();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('stores the tokens and opens the home page on success', async () => {
    const calls = mockRequest(() => ({
      statusCode: 200,
      data: {
        accessToken: 'a1',
        accessTokenExpiresAt: '2026-06-01T00:15:00.000Z',
        refreshToken: 'r1',
        refreshTokenExpiresAt: '2026-06-30T00:00:00.000Z',
        person: { id: 'p1', displayName: '张三', username: 'zhangsan', phone: null, hasWechat: false },
      },
    }));
    const { container } = render(<LoginPage />);

    await typeInto(container, '用户名或手机号', ' zhangsan ');
    await typeInto(container, '密码', 'password123');
    await clickLogin();

    expect(calls[0]).toMatchObject({
      url: '/api/auth/password',
      method: 'POST',
      data: { login: 'zhangsan', password: 'password123' },
    });
    expect(getTokens()?.accessToken).toBe('a1');
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('returns to the page it was sent from', async () => {
    setRouterParams({ redirect: '/pages/invite/index?code=AB12CD34' });
    mockRequest(() => ({
      statusCode: 200,
      data: { accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' },
    }));
    const { container } = render(<LoginPage />);

    await typeInto(container, '用户名或手机号', 'zhangsan');
    await typeInto(container, '密码', 'password123');
    await clickLogin();

    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/invite/index?code=AB12CD34' });
  });
});

describe('login page: 隐患随手拍 without an account', () => {
  it('opens the hazard report form and the follow-up by receipt code, asking nothing of the server', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: {} }));
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    render(<LoginPage />);

    await click('隐患随手拍 / 匿名举报');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/report/index' });
    await click('凭回执码查询举报进度');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/follow/index' });
    expect(calls).toHaveLength(0);
  });
});
