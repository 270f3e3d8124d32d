import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import type { InboxMessageDto } from '@safemonth/shared';
import InboxPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, mockRequest, render, type RequestCall } from '../../../../test/helpers';

let navigateTo: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const message = (extra: Partial<InboxMessageDto> & { id: string }): InboxMessageDto => ({
  kind: 'deadline_reminder',
  title: '统计表即将截止',
  body: '沙坡头区应急局：统计表将于 2027年6月30日 24:00 截止，请及时报送。',
  link: '/subpackages/unit/index/index?campaignId=c1&unitId=u2',
  // 2027-06-29 10:00 China time.
  createdAt: '2027-06-29T02:00:00.000Z',
  readAt: null,
  ...extra,
});

/** An inbox on a fake server: pages of `size`, newest first as given; read marks stay. */
function serveInbox(messages: InboxMessageDto[], { size = 50, failRead = false } = {}) {
  return mockRequest((call: RequestCall) => {
    const method = call.method ?? 'GET';
    const path = call.url.split('?')[0];
    if (method === 'GET' && path === '/api/inbox') {
      const page = Number(/[?&]page=(\d+)/.exec(call.url)?.[1] ?? 1);
      return { statusCode: 200, data: { items: messages.slice((page - 1) * size, page * size), total: messages.length, page, size } };
    }
    if (method === 'GET' && path === '/api/inbox/unread-count') {
      return { statusCode: 200, data: { unread: messages.filter((m) => !m.readAt).length } };
    }
    if (method === 'POST' && path === '/api/inbox/read-all') {
      const unread = messages.filter((m) => !m.readAt);
      unread.forEach((m) => (m.readAt = '2027-06-29T03:00:00.000Z'));
      return { statusCode: 200, data: { marked: unread.length } };
    }
    const read = /^\/api\/inbox\/([^/]+)\/read$/.exec(path);
    if (method === 'POST' && read) {
      if (failRead) return apiError(503, 'INTERNAL', '服务暂时不可用，请稍后重试');
      const found = messages.find((m) => m.id === read[1]);
      if (!found) return apiError(404, 'NOT_FOUND', '消息不存在');
      found.readAt = found.readAt ?? '2027-06-29T03:00:00.000Z';
      return { statusCode: 200, data: found };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

const calls = (list: RequestCall[], method: string, url: string) => list.filter((c) => (c.method ?? 'GET') === method && c.url === url).length;
const unreadBadges = () => screen.queryAllByText('未读').length;

describe('inbox (消息)', () => {
  it('lists the messages newest first with the unread ones marked, their kind and time', async () => {
    serveInbox([
      message({ id: 'm2', kind: 'report_returned', title: '报告被退回', body: '退回意见：照片不清晰', link: '/subpackages/report/detail/index?id=r1' }),
      message({ id: 'm1', readAt: '2027-06-29T02:30:00.000Z' }),
    ]);
    render(<InboxPage />);

    expect(await screen.findByText('报告被退回')).toBeTruthy();
    const titles = Array.from(document.querySelectorAll('.inbox-item__title')).map((t) => t.textContent);
    expect(titles).toEqual(['报告被退回', '统计表即将截止']);
    expect(screen.getByText('退回意见：照片不清晰')).toBeTruthy();
    expect(screen.getByText('报告被退回 · 2027年6月29日 10:00')).toBeTruthy();
    expect(screen.getByText('截止提醒 · 2027年6月29日 10:00')).toBeTruthy();
    // Only the first is unread.
    expect(unreadBadges()).toBe(1);
    const items = document.querySelectorAll('.inbox-item');
    expect(items[0].className).toContain('inbox-item--unread');
    expect(items[1].className).not.toContain('inbox-item--unread');
    expect(screen.getByText('共 2 条')).toBeTruthy();
  });

  it('marks a message read when it is tapped, then opens its page; the count and the list load again', async () => {
    const requests = serveInbox([message({ id: 'm1' }), message({ id: 'm0', title: '统计表已逾期', readAt: '2027-06-28T02:00:00.000Z' })]);
    render(<InboxPage />);
    await screen.findByText('统计表即将截止');
    expect(unreadBadges()).toBe(1);
    const countLoads = calls(requests, 'GET', '/api/inbox/unread-count');

    await click('统计表即将截止');
    expect(calls(requests, 'POST', '/api/inbox/m1/read')).toBe(1);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/unit/index/index?campaignId=c1&unitId=u2' });
    await screen.findByText('统计表即将截止');
    expect(calls(requests, 'GET', '/api/inbox/unread-count')).toBe(countLoads + 1);
    expect(unreadBadges()).toBe(0);

    // One already read only opens its page.
    navigateTo.mockClear();
    await click('统计表已逾期');
    expect(requests.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/subpackages/unit/index/index?campaignId=c1&unitId=u2' });
  });

  it('says why a message could not be marked read, and stays', async () => {
    serveInbox([message({ id: 'm1' })], { failRead: true });
    render(<InboxPage />);
    await screen.findByText('统计表即将截止');

    await click('统计表即将截止');
    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeTruthy();
    expect(navigateTo).not.toHaveBeenCalled();
    expect(unreadBadges()).toBe(1);
  });

  it('marks all read with 全部已读', async () => {
    const requests = serveInbox([message({ id: 'm3' }), message({ id: 'm2', title: '材料被退回' }), message({ id: 'm1', title: '统计表已提交', readAt: '2027-06-28T02:00:00.000Z' })]);
    render(<InboxPage />);
    await screen.findByText('材料被退回');
    expect(unreadBadges()).toBe(2);

    await click('全部已读');
    expect(calls(requests, 'POST', '/api/inbox/read-all')).toBe(1);
    await screen.findByText('材料被退回');
    expect(unreadBadges()).toBe(0);
    expect((screen.getByText('全部已读', { selector: 'button div' }).closest('button') as HTMLElement).className).toContain('nut-button-disabled');
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('reads the messages a page at a time', async () => {
    const messages = Array.from({ length: 51 }, (_, i) => message({ id: `m${51 - i}`, title: `第 ${51 - i} 条消息` }));
    const requests = serveInbox(messages);
    render(<InboxPage />);
    expect(await screen.findByText('第 51 条消息')).toBeTruthy();
    expect(screen.getByText('第 1 / 2 页，共 51 条')).toBeTruthy();

    await click('下一页');
    expect(await screen.findByText('第 1 条消息')).toBeTruthy();
    expect(screen.queryByText('第 51 条消息')).toBeNull();
    expect(requests.filter((c) => c.url.startsWith('/api/inbox?')).map((c) => c.url)).toEqual(['/api/inbox?page=1', '/api/inbox?page=2']);
  });

  it('says when there are no messages', async () => {
    serveInbox([]);
    render(<InboxPage />);
    expect(await screen.findByText('暂无消息')).toBeTruthy();
    expect((screen.getByText('全部已读', { selector: 'button div' }).closest('button') as HTMLElement).className).toContain('nut-button-disabled');
  });

  it('shows why the messages did not load, and loads them again on 重新加载', async () => {
    let down = true;
    mockRequest((call) => {
      if (call.url === '/api/inbox/unread-count') return { statusCode: 200, data: { unread: 1 } };
      if (down) return apiError(503, 'INTERNAL', '服务暂时不可用，请稍后重试');
      return { statusCode: 200, data: { items: [message({ id: 'm1' })], total: 1, page: 1, size: 50 } };
    });
    render(<InboxPage />);

    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeTruthy();
    down = false;
    await click('重新加载');
    expect(await screen.findByText('统计表即将截止')).toBeTruthy();
  });
});
