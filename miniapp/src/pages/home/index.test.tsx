import Taro from '@tarojs/taro';
import { render, screen } from '@testing-library/react';
import type { MeResponse } from '@safemonth/shared';
import HomePage from './index';
import { getTokens, setTokens } from '../../session/tokens';
import { resetClientState } from '../../api/client';
import { click, mockRequest } from '../../../test/helpers';

const TOKENS = {
  accessToken: 'a1',
  accessTokenExpiresAt: '2026-06-01T00:15:00.000Z',
  refreshToken: 'r1',
  refreshTokenExpiresAt: '2026-06-30T00:00:00.000Z',
};
const person = { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false };
const unit = (id: string, name: string) => ({ id, name, kind: 'department' as const });

let reLaunch: jest.SpyInstance;
let navigateTo: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens(TOKENS);
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function serve(me: MeResponse) {
  return mockRequest((call) => (call.url === '/api/me' ? { statusCode: 200, data: me } : { statusCode: 204 }));
}

describe('home page', () => {
  it('shows who you are and your memberships with role labels; committee members get both consoles', async () => {
    serve({
      person,
      memberships: [
        { id: 'm1', role: 'committee', unit: unit('u1', '中卫市安委办') },
        { id: 'm2', role: 'staff', unit: unit('u2', '沙坡头区应急局') },
      ],
    });
    render(<HomePage />);

    expect(await screen.findByText('您好，王五')).toBeTruthy();
    expect(screen.getByText('中卫市安委办')).toBeTruthy();
    expect(screen.getByText('安委办')).toBeTruthy();
    expect(screen.getByText('填报人员')).toBeTruthy();
    expect(screen.getByText('邀请成员')).toBeTruthy();
    expect(screen.getByText('单位管理')).toBeTruthy();

    await click('单位管理');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/console/units/index' });
  });

  it('liaisons may invite but not manage units; staff neither', async () => {
    serve({ person, memberships: [{ id: 'm1', role: 'liaison', unit: unit('u1', '市交通运输局') }] });
    const { unmount } = render(<HomePage />);
    expect(await screen.findByText('联络员')).toBeTruthy();
    expect(screen.getByText('邀请成员')).toBeTruthy();
    expect(screen.queryByText('单位管理')).toBeNull();
    unmount();

    jest.restoreAllMocks();
    serve({ person, memberships: [{ id: 'm1', role: 'staff', unit: unit('u1', '市交通运输局') }] });
    render(<HomePage />);
    expect(await screen.findByText('填报人员')).toBeTruthy();
    expect(screen.queryByText('邀请成员')).toBeNull();
  });

  it('tells a person without membership to use an invite code', async () => {
    serve({ person, memberships: [] });
    render(<HomePage />);

    expect(await screen.findByText('您还没有加入任何单位，请使用邀请码加入')).toBeTruthy();
    await click('使用邀请码加入');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/invite/index' });
  });

  it('signs out: revokes the refresh token, forgets the session, opens the login page', async () => {
    const calls = serve({ person, memberships: [] });
    render(<HomePage />);
    await screen.findByText('您好，王五');

    await click('退出登录');

    expect(calls.find((call) => call.url === '/api/auth/sign-out')?.data).toEqual({ refreshToken: 'r1' });
    expect(getTokens()).toBeNull();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('sends a visitor without a session to the login page', async () => {
    Taro.clearStorageSync();
    const calls = serve({ person, memberships: [] });
    render(<HomePage />);
    await Promise.resolve();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(calls).toHaveLength(0);
  });
});
