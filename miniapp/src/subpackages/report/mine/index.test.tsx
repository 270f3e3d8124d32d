import Taro from '@tarojs/taro';
import { act, screen } from '@testing-library/react';
import MyReportsPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { flush, mockRequest, render } from '../../../../test/helpers';
import { reportDto } from '../../../../test/reports';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('my reports', () => {
  it('reads them a page at a time, with how many there are', async () => {
    const calls = mockRequest((call) => {
      const page = Number(/[?&]page=(\d+)/.exec(call.url)?.[1]);
      if (call.url.startsWith('/api/campaigns/c1/reports?mine=true&')) {
        return { statusCode: 200, data: { items: [reportDto({ id: `r${page}`, title: `第 ${page} 页的报告` })], total: 51, page, size: 50 } };
      }
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    render(<MyReportsPage />);
    expect(await screen.findByText('第 1 页的报告')).toBeTruthy();
    expect(screen.getByText('第 1 / 2 页，共 51 条')).toBeTruthy();

    await act(async () => {
      screen.getByText('下一页').click();
      await flush();
    });
    expect(await screen.findByText('第 2 页的报告')).toBeTruthy();
    expect(calls.map((call) => call.url)).toEqual(['/api/campaigns/c1/reports?mine=true&page=1', '/api/campaigns/c1/reports?mine=true&page=2']);
  });
});
