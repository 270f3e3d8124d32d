import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import HazardFollowPage, { MALFORMED_CODE } from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, mockRequest, render, typeInto, typeIntoTextarea, type RequestCall } from '../../../../test/helpers';
import { followUp, storedText } from '../../../../test/hazards';

const CODE = '1234567890123456';
const PLACEHOLDER = '16 位数字回执码';

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const handlerAsked = { id: 'g1', from: 'handler' as const, body: '请问堵塞的是哪一个出口？', createdAt: '2022-06-17T02:00:00.000Z' };

/** The receipt endpoints, for `CODE` only. */
function server(found = followUp({ messages: [handlerAsked] })) {
  return mockRequest((call) => {
    const body = call.data as { code?: string; body?: string };
    if (body?.code !== CODE) return apiError(404, 'NOT_FOUND', '回执码不存在，请核对后重新输入');
    if (call.url === '/api/hazard-receipts/lookup') return { statusCode: 200, data: found };
    if (call.url === '/api/hazard-receipts/messages') {
      const answered = { id: 'g2', from: 'reporter' as const, body: body.body ?? '', createdAt: '2022-06-17T03:00:00.000Z' };
      return { statusCode: 201, data: { ...found, messages: [...found.messages, answered] } };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

/** Nothing of the code anywhere but in the request bodies. */
function expectCodeKeptToBodies(calls: RequestCall[]) {
  for (const call of calls) {
    expect(call.url).not.toContain(CODE);
    expect(call.header?.Authorization).toBeUndefined();
  }
  expect(storedText()).not.toContain(CODE);
}

describe('follow-up by receipt code', () => {
  it('refuses a malformed code before asking the server', async () => {
    const calls = server();
    const { container } = render(<HazardFollowPage />);

    await click('查询');
    expect(screen.getByText(MALFORMED_CODE)).toBeTruthy();
    await typeInto(container, PLACEHOLDER, '1234 5678 9012 345');
    await click('查询');
    expect(screen.getByText(MALFORMED_CODE)).toBeTruthy();
    await typeInto(container, PLACEHOLDER, '1234 5678 9012 345x');
    await click('查询');
    expect(screen.getByText(MALFORMED_CODE)).toBeTruthy();

    expect(calls).toHaveLength(0);
  });

  it('opens the case by a code typed with spaces and dashes, without the session, and exchanges messages', async () => {
    setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
    const calls = server();
    const { container } = render(<HazardFollowPage />);

    await typeInto(container, PLACEHOLDER, ' 1234-5678 9012-3456 ');
    await click('查询');

    expect(calls[0]).toMatchObject({ url: '/api/hazard-receipts/lookup', method: 'POST', data: { code: CODE } });
    expect(await screen.findByText('已提交')).toBeTruthy();
    expect(screen.getByText('消防通道被货物堵塞')).toBeTruthy();
    expect(screen.getByText('请问堵塞的是哪一个出口？')).toBeTruthy();
    expect(screen.getByText(/^处理人 · /)).toBeTruthy();

    await click('发送');
    expect(screen.getByText('请输入要发送的内容')).toBeTruthy();
    await typeIntoTextarea(container, '补充情况或回答处理人的问题', ' 北侧二号出口 ');
    await click('发送');

    expect(calls[1]).toMatchObject({ url: '/api/hazard-receipts/messages', method: 'POST', data: { code: CODE, body: '北侧二号出口' } });
    expect(screen.getByText('北侧二号出口')).toBeTruthy();
    expect(screen.getByText(/^我 · /)).toBeTruthy();
    expectCodeKeptToBodies(calls);
  });

  it('shows the reason of a report not verified and the reward of a verified one', async () => {
    server(followUp({ status: 'unfounded', reason: '现场核查通道畅通' }));
    const { container, unmount } = render(<HazardFollowPage />);
    await typeInto(container, PLACEHOLDER, CODE);
    await click('查询');
    expect(await screen.findByText('不属实')).toBeTruthy();
    expect(screen.getByText('核查结论：不属实。原因：现场核查通道畅通')).toBeTruthy();
    unmount();

    jest.restoreAllMocks();
    server(followUp({ status: 'closed', reward: { amountYuan: 500, status: 'paid' } }));
    const again = render(<HazardFollowPage />);
    await typeInto(again.container, PLACEHOLDER, CODE);
    await click('查询');
    expect(await screen.findByText('已销号')).toBeTruthy();
    expect(screen.getByText('举报奖励：500 元（已发放）')).toBeTruthy();
  });

  it('shows the server\'s words for a code it does not know, and for a failed message', async () => {
    const calls = server();
    const { container } = render(<HazardFollowPage />);
    await typeInto(container, PLACEHOLDER, '6543 2109 8765 4321');
    await click('查询');
    expect(screen.getByText('回执码不存在，请核对后重新输入')).toBeTruthy();
    expect(calls).toHaveLength(1);

    jest.restoreAllMocks();
    mockRequest((call) =>
      call.url === '/api/hazard-receipts/lookup' ? { statusCode: 200, data: followUp() } : apiError(429, 'TOO_MANY_REQUESTS', '操作过于频繁，请稍后再试'),
    );
    await typeInto(container, PLACEHOLDER, CODE);
    await click('查询');
    await typeIntoTextarea(container, '补充情况或回答处理人的问题', '补充');
    await click('发送');
    expect(screen.getByText('操作过于频繁，请稍后再试')).toBeTruthy();
  });
});
