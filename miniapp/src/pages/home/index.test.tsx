import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import type { CampaignSummaryDto, MeResponse } from '@safemonth/shared';
import HomePage from './index';
import { getTokens, setTokens } from '../../session/tokens';
import { resetClientState } from '../../api/client';
import { click, mockRequest, render } from '../../../test/helpers';

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

function serve(me: MeResponse, campaigns?: CampaignSummaryDto[]) {
  return mockRequest((call) => {
    if (call.url === '/api/me') return { statusCode: 200, data: me };
    if (call.url === '/api/campaigns' && campaigns) return { statusCode: 200, data: campaigns };
    return { statusCode: 204 };
  });
}

const summary = (extra: Partial<CampaignSummaryDto>): CampaignSummaryDto => ({
  id: 'c1',
  title: '2022年安全生产月活动',
  year: 2022,
  theme: '遵守安全生产法，当好第一责任人',
  status: 'published',
  organizingUnit: unit('u1', '中卫市安委办'),
  phases: [],
  nextDeadline: null,
  ...extra,
});

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

  it('lists the campaigns with their status and next deadline, and opens one', async () => {
    // 2022-06-01 10:00 China time.
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2022-06-01T02:00:00.000Z'));
    serve({ person, memberships: [{ id: 'm1', role: 'liaison', unit: unit('u2', '沙坡头区应急局') }] }, [
      summary({
        nextDeadline: { deliverableId: 'd1', title: '联络员信息表', periodKey: 'once', dueAt: '2022-06-04T10:00:00.000Z' },
      }),
      summary({
        id: 'c2',
        title: '2022年安全生产万里行',
        nextDeadline: { deliverableId: 'd2', title: '统计表', periodKey: 'once', dueAt: '2022-07-02T16:00:00.000Z' },
      }),
    ]);
    render(<HomePage />);

    expect(await screen.findByText('2022年安全生产月活动')).toBeTruthy();
    expect(screen.getByText('下一截止：联络员信息表 6月4日 18:00（还剩 3 天）')).toBeTruthy();
    // A date without a time is due at the end of that day.
    expect(screen.getByText('下一截止：统计表 7月2日 24:00（还剩 31 天）')).toBeTruthy();
    expect(screen.getAllByText('已发布')).toHaveLength(2);
    expect(screen.queryByText('新建活动')).toBeNull();

    await click('2022年安全生产万里行');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/campaign/detail/index?id=c2' });
  });

  it('shows drafts to the committee, and a link to create a campaign', async () => {
    serve({ person, memberships: [{ id: 'm1', role: 'committee', unit: unit('u1', '中卫市安委办') }] }, [summary({ status: 'draft' })]);
    render(<HomePage />);

    expect(await screen.findByText('草稿')).toBeTruthy();
    expect(screen.getByText('暂无待截止事项')).toBeTruthy();
    await click('新建活动');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/console/campaign-new/index' });
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

  it('shows 消息 with how many messages are unread, and opens the inbox', async () => {
    mockRequest((call) => {
      if (call.url === '/api/me') return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: unit('u2', '沙坡头区应急局') }] } };
      if (call.url === '/api/inbox/unread-count') return { statusCode: 200, data: { unread: 4 } };
      return { statusCode: 200, data: [] };
    });
    render(<HomePage />);
    expect(await screen.findByLabelText('4 条未读')).toBeTruthy();

    await click('消息');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/inbox/index/index' });
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

describe('home page: 隐患随手拍', () => {
  it('offers it to a signed-in person, with my reports', async () => {
    serve({ person, memberships: [{ id: 'm1', role: 'staff', unit: unit('u1', '市交通运输局') }] });
    render(<HomePage />);
    await screen.findByText('您好，王五');

    await click('隐患随手拍 / 匿名举报');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/report/index' });
    await click('我的隐患举报');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/mine/index' });
  });

  it('is the mini program\'s first screen for someone not signed in, next to 登录', async () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      Taro.clearStorageSync();
      const calls = serve({ person, memberships: [] });
      render(<HomePage />);
      await Promise.resolve();
      expect(reLaunch).not.toHaveBeenCalled();
      expect(screen.getByText('发现安全隐患或违法违规行为，拍照举报：无需登录，匿名举报')).toBeTruthy();
      expect(screen.queryByText('我的隐患举报')).toBeNull();

      await click('隐患随手拍 / 匿名举报');
      expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/report/index' });
      await click('凭回执码查询举报进度');
      expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/follow/index' });
      await click('登录');
      expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
      expect(calls).toHaveLength(0);
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});
