import Taro from '@tarojs/taro';
import { act, screen, within } from '@testing-library/react';
import type { CampaignDto, MeResponse } from '@safemonth/shared';
import CampaignPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { mockRequest, render } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const CAMPAIGN = campaignDto({
  status: 'published',
  editable: false,
  items: [
    {
      id: 'i1',
      title: '学习习近平总书记关于安全生产重要论述',
      requirement: '理论学习中心组开展深入学习',
      fieldText: '',
      fields: [
        { id: 'f1', kind: 'count', label: '理论学习中心组学习', unit: '次', hasData: false },
        { id: 'f2', kind: 'boolean', label: '专题学习电视专题片', unit: '', hasData: false },
        { id: 'f3', kind: 'text', label: '典型案例具体为', unit: '', hasData: false },
      ],
    },
  ],
  deliverables: [
    { id: 'd1', kind: 'liaison_form', title: '联络员信息表', rule: { kind: 'once', due: '2022-06-04 18:00' } },
    { id: 'd2', kind: 'weekly_materials', title: '每周活动材料', rule: { kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' } },
    { id: 'd3', kind: 'statistics_table', title: '统计表', rule: { kind: 'once', due: '2022-07-02' } },
  ],
});

function serve(campaign: CampaignDto, me: MeResponse) {
  return mockRequest((call) => {
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    if (call.url === '/api/me') return { statusCode: 200, data: me };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

/** What the server answers a liaison of a participating unit. */
const LIAISON_VIEW: CampaignDto = { ...CAMPAIGN, liaisonUnits: [{ id: 'u2', name: '武进区工信局', kind: 'district' }] };
const liaison: MeResponse = { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'u2', name: '武进区工信局', kind: 'district' } }] };
const staff: MeResponse = { person, memberships: [{ id: 'm1', role: 'staff', unit: { id: 'u2', name: '武进区工信局', kind: 'district' } }] };

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ id: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('campaign page', () => {
  it('counts down to the next deadline of all deliverables in China time, live', async () => {
    // 2022-06-02 14:00 China time: the first weekly deadline (1 June) is past, the liaison form
    // is due 4 June 18:00, i.e. in 2 days 4 hours.
    jest.useFakeTimers({ now: new Date('2022-06-02T06:00:00.000Z') });
    serve(LIAISON_VIEW, liaison);
    render(<CampaignPage />);

    expect(await screen.findByText('距下一截止还有 2 天 4 小时')).toBeTruthy();
    expect(screen.getByText('下一截止：联络员信息表 6月4日 18:00')).toBeTruthy();

    await act(async () => {
      jest.advanceTimersByTime(60 * 60 * 1000);
    });
    expect(screen.getByText('距下一截止还有 2 天 3 小时')).toBeTruthy();

    // The calendar: each deliverable's next due date, past instances marked.
    const weekly = screen.getByText('每周活动材料').closest('.deliverable') as HTMLElement;
    expect(within(weekly).getByText('每周三前（2022年6月1日 至 2022年6月30日）')).toBeTruthy();
    expect(within(weekly).getByText('下次截止：6月8日 24:00')).toBeTruthy();
    expect(within(weekly).getAllByText('已截止')).toHaveLength(1);
    const table = screen.getByText('统计表').closest('.deliverable') as HTMLElement;
    expect(within(table).getByText('7月2日前')).toBeTruthy();
    expect(within(table).getByText('下次截止：7月2日 24:00')).toBeTruthy();
  });

  it('moves on to the next deadline once one has passed', async () => {
    jest.useFakeTimers({ now: new Date('2022-06-04T09:30:00.000Z') }); // 4 June 17:30 China time
    serve(LIAISON_VIEW, liaison);
    render(<CampaignPage />);

    expect(await screen.findByText('距下一截止还有 30 分钟')).toBeTruthy();
    await act(async () => {
      jest.advanceTimersByTime(31 * 60 * 1000);
    });
    // Next: the weekly materials of Wednesday 8 June, due at its end.
    expect(screen.getByText('下一截止：每周活动材料 6月8日 24:00')).toBeTruthy();
    expect(screen.getByText('距下一截止还有 4 天 5 小时')).toBeTruthy();
  });

  it('counts staff down to their own deadlines only: never the liaison form', async () => {
    jest.useFakeTimers({ now: new Date('2022-06-02T06:00:00.000Z') });
    serve(CAMPAIGN, staff);
    render(<CampaignPage />);

    // The liaison form (4 June) is not theirs: their next is the weekly materials of 8 June.
    expect(await screen.findByText('下一截止：每周活动材料 6月8日 24:00')).toBeTruthy();
    expect(screen.queryByText(/下一截止：联络员信息表/)).toBeNull();
    // Nor is it among the deadlines listed for them.
    expect(screen.queryByText(/联络员信息表/)).toBeNull();
  });

  it('colours a deadline by nearness: red under a day, amber under three days, neutral beyond', async () => {
    const countdown = async (now: string) => {
      jest.useFakeTimers({ now: new Date(now) });
      serve(LIAISON_VIEW, liaison);
      const { unmount } = render(<CampaignPage />);
      const box = (await screen.findByText(/距下一截止还有/)).closest('.countdown') as HTMLElement;
      const classes = box.className;
      unmount();
      jest.useRealTimers();
      return classes;
    };
    // Liaison form due 2022-06-04 10:00 UTC.
    expect(await countdown('2022-06-04T00:00:00.000Z')).toContain('countdown--urgent');
    expect(await countdown('2022-06-02T06:00:00.000Z')).toContain('countdown--soon');
    // Half a year ahead is no alarm.
    expect(await countdown('2021-12-01T00:00:00.000Z')).toContain('countdown--later');
  });

  it('shows items with their fields, slogans and media requirements; a liaison may fill the form', async () => {
    jest.useFakeTimers({ now: new Date('2022-08-01T00:00:00.000Z') });
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    serve(LIAISON_VIEW, liaison);
    render(<CampaignPage />);

    expect(await screen.findByText('所有截止事项均已截止')).toBeTruthy();
    expect(screen.getByText('主题：遵守安全生产法，当好第一责任人')).toBeTruthy();
    expect(screen.getByText('理论学习中心组学习（次）')).toBeTruthy();
    expect(screen.getByText('专题学习电视专题片（是/否）')).toBeTruthy();
    expect(screen.getByText('典型案例具体为（文字）')).toBeTruthy();
    expect(screen.getByText('安全生产，人人有责')).toBeTruthy();
    expect(screen.getByText('照片和视频不小于 1920×1080（横竖均可）')).toBeTruthy();
    expect(screen.queryByText('编辑')).toBeNull();

    await act(async () => {
      screen.getByText('填写联络员信息表').click();
    });
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/campaign/liaison/index?id=c1' });
    // Their unit's table and hand-ins.
    await act(async () => {
      screen.getByText('本单位').click();
    });
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/unit/index/index?campaignId=c1' });
  });

  it('offers no liaison form to staff, and editing and cloning to the committee', async () => {
    jest.useFakeTimers({ now: new Date('2022-06-02T06:00:00.000Z') });
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: { ...CAMPAIGN, editable: true, overseenUnits: [CAMPAIGN.organizingUnit] } };
      if (call.url === '/api/me') return { statusCode: 200, data: staff };
      if (call.url === '/api/campaigns/c1/clone') return { statusCode: 201, data: campaignDto({ id: 'c2', year: 2023 }) };
      return { statusCode: 404 };
    });
    const { container } = render(<CampaignPage />);

    expect(await screen.findByText('编辑')).toBeTruthy();
    expect(screen.queryByText('填写联络员信息表')).toBeNull();
    expect(screen.queryByText('本单位')).toBeNull();
    // The organizing committee's statistics and completeness, on a phone too.
    await act(async () => {
      screen.getByText('统计').click();
    });
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/statistics/index?campaignId=c1' });
    await act(async () => {
      screen.getByText('完成情况').click();
    });
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/completeness/index?campaignId=c1' });
    await act(async () => {
      screen.getByText('提醒').click();
    });
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/console/reminders/index?campaignId=c1' });

    await act(async () => {
      screen.getByText('复制到新年度').click();
    });
    const year = container.querySelector('taro-input-core[placeholder="年份，如 2027"]');
    expect(year?.getAttribute('value')).toBe('2023');
    await act(async () => {
      screen.getByText('确认复制').click();
      await jest.runOnlyPendingTimersAsync();
    });

    expect(calls.find((call) => call.url === '/api/campaigns/c1/clone')?.data).toEqual({ year: 2023 });
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/console/campaign-editor/index?id=c2' });
  });
});
