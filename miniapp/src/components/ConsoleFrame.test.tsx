import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { CampaignSummaryDto, MeResponse } from '@safemonth/shared';
import { ConsoleFrame } from './ConsoleFrame';
import { setTokens } from '../session/tokens';
import { resetClientState } from '../api/client';
import { click, flush, mockRequest, render } from '../../test/helpers';
import { person } from '../../test/campaigns';

const TOKENS = {
  accessToken: 'a1',
  accessTokenExpiresAt: '2026-06-01T00:15:00.000Z',
  refreshToken: 'r1',
  refreshTokenExpiresAt: '2026-06-30T00:00:00.000Z',
};
const unit = { id: 'u1', name: '中卫市安委办', kind: 'department' as const };
const committee: MeResponse = { person, memberships: [{ id: 'm1', role: 'committee', unit }] };
const liaison: MeResponse = { person, memberships: [{ id: 'm1', role: 'liaison', unit }] };
const campaign: CampaignSummaryDto = {
  id: 'c9',
  title: '2027年安全生产月活动',
  year: 2027,
  theme: '人人讲安全',
  status: 'published',
  organizingUnit: unit,
  phases: [],
  nextDeadline: null,
};

let redirectTo: jest.SpyInstance;
let showToast: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens(TOKENS);
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function serve(me: MeResponse, campaigns: CampaignSummaryDto[] = []) {
  return mockRequest((call) => {
    if (call.url === '/api/me') return { statusCode: 200, data: me };
    if (call.url === '/api/campaigns') return { statusCode: 200, data: campaigns };
    return { statusCode: 404 };
  });
}

const nav = () => document.querySelector('.console-frame__nav') as HTMLElement;
const navLink = (label: string) => within(nav()).getByText(label).closest('.console-frame__link') as HTMLElement;
const crumbs = () => document.querySelector('.console-frame__crumbs') as HTMLElement;

/** Clicks a place of the side navigation (its labels are also breadcrumbs). */
async function clickNav(label: string) {
  await act(async () => {
    fireEvent.click(within(nav()).getByText(label));
    await flush();
  });
}

describe('ConsoleFrame (h5)', () => {
  it('lists the console places, marks the current one and shows the breadcrumb around the page', async () => {
    serve(committee);
    render(
      <ConsoleFrame
        current='review'
        campaignId='c1'
        crumbs={[{ label: '活动', url: '/pages/home/index' }, { label: '2027年安全生产月活动', url: '/edit?id=c1' }, { label: '报告审核' }]}
      >
        <span>页面内容</span>
      </ConsoleFrame>,
    );

    expect(await screen.findByText('成员与邀请')).toBeTruthy();
    expect(screen.getByText('页面内容')).toBeTruthy();
    expect(navLink('报告审核').getAttribute('aria-current')).toBe('page');
    expect(navLink('报告审核').className).toContain('console-frame__link--current');
    expect(navLink('单位').getAttribute('aria-current')).toBeNull();
    expect(crumbs().textContent).toBe('活动›2027年安全生产月活动›报告审核');
    // The page itself is the last crumb: plain text, not a link.
    expect(Array.from(crumbs().querySelectorAll('.link')).map((link) => link.textContent)).toEqual(['活动', '2027年安全生产月活动']);

    await clickNav('单位');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/units/index' });
    await clickNav('成员与邀请');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/invites/index' });
    await clickNav('报告审核');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/report-review/index?campaignId=c1' });
    await clickNav('统计');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/statistics/index?campaignId=c1' });
    await clickNav('完成情况');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/completeness/index?campaignId=c1' });
    await clickNav('提醒');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/reminders/index?campaignId=c1' });
    await clickNav('隐患举报');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/hazards/index?campaignId=c1' });
    await click('2027年安全生产月活动');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/edit?id=c1' });
    await clickNav('活动');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/pages/home/index' });
    redirectTo.mockClear();
    await act(async () => {
      fireEvent.click(within(crumbs()).getByText('活动'));
      await flush();
    });
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('without a campaign in view, 报告审核, 统计 and 完成情况 open the newest campaign, or say there is none', async () => {
    serve(committee, [{ ...campaign }, { ...campaign, id: 'c8', title: '2026年安全生产月活动' }]);
    const { unmount } = render(
      <ConsoleFrame current='units' crumbs={[{ label: '单位' }]}>
        <span>单位页面</span>
      </ConsoleFrame>,
    );
    expect(await screen.findByText('成员与邀请')).toBeTruthy();
    expect(navLink('单位').getAttribute('aria-current')).toBe('page');
    await clickNav('报告审核');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/report-review/index?campaignId=c9' });
    await clickNav('统计');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/statistics/index?campaignId=c9' });
    await clickNav('完成情况');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/completeness/index?campaignId=c9' });
    unmount();

    jest.restoreAllMocks();
    redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never);
    showToast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
    resetClientState();
    serve(committee, []);
    render(
      <ConsoleFrame current='units' crumbs={[{ label: '单位' }]}>
        <span>单位页面</span>
      </ConsoleFrame>,
    );
    expect(await screen.findByText('成员与邀请')).toBeTruthy();
    await clickNav('完成情况');
    expect(redirectTo).not.toHaveBeenCalled();
    expect(showToast).toHaveBeenCalledWith({ title: '暂无活动，请先新建活动', icon: 'none' });
  });

  it('asks before leaving edits not yet saved, and stays when the person keeps editing', async () => {
    serve(committee);
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(
      <ConsoleFrame current='campaigns' unsavedIn='统计表' crumbs={[{ label: '活动', url: '/pages/home/index' }, { label: '2027年安全生产月活动' }]}>
        <span>编辑页面</span>
      </ConsoleFrame>,
    );
    expect(await screen.findByText('成员与邀请')).toBeTruthy();
    await clickNav('单位');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '修改尚未保存', content: expect.stringContaining('“统计表”中有修改尚未保存') }));
    expect(redirectTo).not.toHaveBeenCalled();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await act(async () => {
      fireEvent.click(within(crumbs()).getByText('活动'));
      await flush();
    });
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('has 消息 with how many messages are unread, opening the inbox', async () => {
    mockRequest((call) => {
      if (call.url === '/api/me') return { statusCode: 200, data: committee };
      if (call.url === '/api/inbox/unread-count') return { statusCode: 200, data: { unread: 7 } };
      return { statusCode: 404 };
    });
    render(
      <ConsoleFrame current='inbox' crumbs={[{ label: '消息' }]}>
        <span>消息页面</span>
      </ConsoleFrame>,
    );
    expect(await screen.findByLabelText('7 条未读')).toBeTruthy();
    expect(navLink('消息').getAttribute('aria-current')).toBe('page');
    expect(navLink('消息').textContent).toBe('消息7');

    await clickNav('单位');
    await clickNav('消息');
    expect(redirectTo).toHaveBeenLastCalledWith({ url: '/subpackages/inbox/index/index' });
  });

  it('shows only the page to people who are not on a committee', async () => {
    const calls = serve(liaison);
    render(
      <ConsoleFrame current='invites' crumbs={[{ label: '成员与邀请' }]}>
        <span>邀请页面</span>
      </ConsoleFrame>,
    );
    expect(await screen.findByText('邀请页面')).toBeTruthy();
    await click('邀请页面');
    expect(calls.map((call) => call.url)).toEqual(['/api/me']);
    expect(document.querySelector('.console-frame__nav')).toBeNull();
    expect(document.querySelector('.console-frame__crumbs')).toBeNull();
  });
});
