import Taro from '@tarojs/taro';
import { act, screen } from '@testing-library/react';
import type { WechatSubscriptionsDto } from '@safemonth/shared';
import { SubscribePrompt } from './SubscribePrompt';
import { setTokens } from '../session/tokens';
import { resetClientState } from '../api/client';
import { apiError, click, flush, mockRequest, render } from '../../test/helpers';

const env = process.env.TARO_ENV;
const URL = '/api/notifications/wechat-subscriptions';

let requestSubscribeMessage: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  process.env.TARO_ENV = 'weapp';
  requestSubscribeMessage = jest.spyOn(Taro, 'requestSubscribeMessage');
});

afterEach(() => {
  process.env.TARO_ENV = env;
  jest.restoreAllMocks();
});

/** The server's counts: each accepted template id adds one. */
function serveSubscriptions(remaining: Record<string, number>, { refuseAdd = false } = {}) {
  const templates = () => ({
    templates: [
      { purpose: 'reminder', templateId: 'tpl-remind', remaining: remaining['tpl-remind'] ?? 0 },
      { purpose: 'review', templateId: 'tpl-review', remaining: remaining['tpl-review'] ?? 0 },
    ],
  } satisfies WechatSubscriptionsDto);
  return mockRequest((call) => {
    if (call.url !== URL) return apiError(404, 'NOT_FOUND', '未找到');
    if (call.method === 'POST') {
      if (refuseAdd) return apiError(503, 'INTERNAL', '服务暂时不可用，请稍后重试');
      for (const id of (call.data as { templateIds: string[] }).templateIds) remaining[id] = (remaining[id] ?? 0) + 1;
    }
    return { statusCode: 200, data: templates() };
  });
}

const posts = (calls: { method?: string }[]) => calls.filter((c) => c.method === 'POST');

describe('SubscribePrompt', () => {
  it('asks WeChat for the template on a tap and reports an acceptance to the server, showing the new count', async () => {
    const calls = serveSubscriptions({ 'tpl-remind': 1 });
    requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-remind': 'accept' } as never);
    render(<SubscribePrompt purpose='reminder' label='订阅截止提醒' />);
    expect(await screen.findByText('还可接收 1 次提醒')).toBeTruthy();

    await click('订阅截止提醒');
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-remind'] });
    expect(posts(calls).map((c) => (c as { data?: unknown }).data)).toEqual([{ templateIds: ['tpl-remind'] }]);
    expect(await screen.findByText('还可接收 2 次提醒')).toBeTruthy();
    expect(screen.getByText('订阅成功')).toBeTruthy();
  });

  it('asks for the review template where review results are offered', async () => {
    const calls = serveSubscriptions({ 'tpl-review': 0 });
    requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-review': 'accept' } as never);
    render(<SubscribePrompt purpose='review' label='订阅审核结果通知' />);
    expect(await screen.findByText('还可接收 0 次提醒')).toBeTruthy();

    await click('订阅审核结果通知');
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-review'] });
    expect(posts(calls).map((c) => (c as { data?: unknown }).data)).toEqual([{ templateIds: ['tpl-review'] }]);
    expect(await screen.findByText('还可接收 1 次提醒')).toBeTruthy();
  });

  it('tells the server nothing when the person declines, or WeChat does not ask', async () => {
    const calls = serveSubscriptions({ 'tpl-remind': 0 });
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tpl-remind': 'reject' } as never);
    render(<SubscribePrompt purpose='reminder' label='订阅提醒' />);
    await screen.findByText('还可接收 0 次提醒');

    await click('订阅提醒');
    expect(screen.getByText('您没有同意接收，未订阅')).toBeTruthy();

    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tpl-remind': 'ban' } as never);
    await click('订阅提醒');
    expect(screen.getByText('该提醒已被关闭：请在小程序「设置 › 订阅消息」中允许后重试')).toBeTruthy();

    // The main switch of subscribe messages is off (errCode 20004): the call fails.
    requestSubscribeMessage.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 } as never);
    await click('订阅提醒');
    expect(screen.getByText('未能订阅：请在小程序「设置 › 订阅消息」中允许接收后重试')).toBeTruthy();

    expect(requestSubscribeMessage).toHaveBeenCalledTimes(3);
    expect(posts(calls)).toHaveLength(0);
    expect(screen.getByText('还可接收 0 次提醒')).toBeTruthy();
  });

  it('says so when the server did not take the acceptance', async () => {
    serveSubscriptions({ 'tpl-remind': 0 }, { refuseAdd: true });
    requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-remind': 'accept' } as never);
    render(<SubscribePrompt purpose='reminder' label='订阅提醒' />);
    await screen.findByText('还可接收 0 次提醒');

    await click('订阅提醒');
    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeTruthy();
    expect(screen.queryByText('订阅成功')).toBeNull();
  });

  it('shows nothing when the server has no template for it', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: { templates: [{ purpose: 'review', templateId: 'tpl-review', remaining: 0 }] } }));
    const { container } = render(<SubscribePrompt purpose='reminder' label='订阅提醒' />);
    await act(flush);
    expect(calls.map((c) => c.url)).toEqual([URL]);
    expect(container.textContent).toBe('');
  });

  it('is not offered on h5, which has no subscribe messages', async () => {
    process.env.TARO_ENV = 'h5';
    const calls = serveSubscriptions({ 'tpl-remind': 3 });
    const { container } = render(<SubscribePrompt purpose='reminder' label='订阅提醒' />);
    await act(flush);
    expect(container.textContent).toBe('');
    expect(calls).toHaveLength(0);
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
  });
});
