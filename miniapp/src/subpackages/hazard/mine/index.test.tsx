import Taro from '@tarojs/taro';
import type { HazardMessageDto } from '@safemonth/shared';
import { screen } from '@testing-library/react';
import MyHazardsPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, mockRequest, render, typeIntoTextarea } from '../../../../test/helpers';
import { followUp } from '../../../../test/hazards';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

let navigateTo: jest.SpyInstance;
let reLaunch: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({});
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('我的隐患举报', () => {
  it('needs a session: sends a visitor to sign in and back', async () => {
    Taro.clearStorageSync();
    setRouterParams({ id: 'h1' });
    const calls = mockRequest(() => ({ statusCode: 200, data: followUp() }));
    render(<MyHazardsPage />);
    await Promise.resolve();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index?redirect=%2Fsubpackages%2Fhazard%2Fmine%2Findex%3Fid%3Dh1' });
    expect(calls).toHaveLength(0);
  });

  it('lists my reports a page at a time and opens one', async () => {
    const calls = mockRequest(() => ({
      statusCode: 200,
      data: { items: [followUp(), followUp({ id: 'h2', category: '燃气', place: '某小区', status: 'closed' })], total: 25, page: 1, size: 20 },
    }));
    render(<MyHazardsPage />);

    expect(await screen.findByText('消防 · 东城化工仓库')).toBeTruthy();
    expect(screen.getByText('已销号')).toBeTruthy();
    expect(screen.getByText('第 1 / 2 页，共 25 条')).toBeTruthy();
    expect(calls[0].url).toBe('/api/hazards/mine?page=1');

    await click('燃气 · 某小区');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/hazard/mine/index?id=h2' });
  });

  it('shows a report with its messages and sends a reply', async () => {
    setRouterParams({ id: 'h1' });
    const asked = { id: 'g1', from: 'handler' as const, body: '请补充具体楼层', createdAt: '2022-06-17T02:00:00.000Z' };
    const answered = { id: 'g2', from: 'reporter' as const, body: '三楼东侧', createdAt: '2022-06-17T03:00:00.000Z' };
    let messages: HazardMessageDto[] = [asked];
    const calls = mockRequest((call) => {
      if (call.url === '/api/hazards/mine/h1/messages' && call.method === 'POST') {
        messages = [asked, answered];
        return { statusCode: 201, data: followUp({ status: 'verifying', messages }) };
      }
      return { statusCode: 200, data: followUp({ status: 'verifying', messages }) };
    });
    const { container } = render(<MyHazardsPage />);

    expect(await screen.findByText('请补充具体楼层')).toBeTruthy();
    expect(screen.getByText('核查中')).toBeTruthy();
    await typeIntoTextarea(container, '补充情况或回答处理人的问题', '三楼东侧');
    await click('发送');

    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: '/api/hazards/mine/h1/messages', data: { body: '三楼东侧' } });
    expect(calls.find((c) => c.method === 'POST')?.header?.Authorization).toBe('Bearer a1');
    expect(await screen.findByText('三楼东侧')).toBeTruthy();
  });
});
