import Taro from '@tarojs/taro';
import { act, screen } from '@testing-library/react';
import { UnreadCount } from './UnreadCount';
import { useUnreadCount } from '../api/resources';
import { setTokens } from '../session/tokens';
import { resetClientState } from '../api/client';
import { click, flush, mockRequest, render } from '../../test/helpers';
import InboxPage from '../subpackages/inbox/index';

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** 消息 with its badge, as the home page shows it. */
function Entry({ load = true }: { load?: boolean }) {
  const { unread } = useUnreadCount(load);
  return (
    <span className='entry'>
      消息
      <UnreadCount count={unread} />
    </span>
  );
}

const badge = () => document.querySelector('.entry .unread-count');

describe('unread count (消息 badge)', () => {
  it('shows how many messages are unread, 99+ beyond 99, and nothing when none are', async () => {
    let unread = 3;
    const calls = mockRequest(() => ({ statusCode: 200, data: { unread } }));
    const first = render(<Entry />);
    await act(flush);
    expect(badge()?.textContent).toBe('3');
    expect(badge()?.getAttribute('aria-label')).toBe('3 条未读');
    expect(calls.map((c) => c.url)).toEqual(['/api/inbox/unread-count']);
    first.unmount();

    unread = 120;
    const second = render(<Entry />);
    await act(flush);
    expect(badge()?.textContent).toBe('99+');
    second.unmount();

    unread = 0;
    render(<Entry />);
    await act(flush);
    expect(screen.getByText('消息')).toBeTruthy();
    expect(badge()).toBeNull();
  });

  it('asks nothing without a session', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: { unread: 2 } }));
    render(<Entry load={false} />);
    await act(flush);
    expect(calls).toHaveLength(0);
    expect(badge()).toBeNull();
  });

  it('loads again when a message is marked read', async () => {
    const message = {
      id: 'm1',
      kind: 'manual_reminder',
      title: '请尽快报送统计表',
      body: '安委办提醒：统计表尚未报送。',
      link: null,
      createdAt: '2027-06-29T02:00:00.000Z',
      readAt: null as string | null,
    };
    const calls = mockRequest((call) => {
      if (call.url === '/api/inbox/unread-count') return { statusCode: 200, data: { unread: message.readAt ? 0 : 1 } };
      if (call.url === '/api/inbox/m1/read') {
        message.readAt = '2027-06-29T03:00:00.000Z';
        return { statusCode: 200, data: message };
      }
      return { statusCode: 200, data: { items: [message], total: 1, page: 1, size: 50 } };
    });
    render(
      <>
        <Entry />
        <InboxPage />
      </>,
    );
    await screen.findByText('请尽快报送统计表');
    expect(badge()?.textContent).toBe('1');
    // Both ask once for the count: one load, shared.
    expect(calls.filter((c) => c.url === '/api/inbox/unread-count')).toHaveLength(1);

    await click('请尽快报送统计表');
    await act(flush);
    expect(badge()).toBeNull();
    expect(calls.filter((c) => c.url === '/api/inbox/unread-count')).toHaveLength(2);
  });
});
