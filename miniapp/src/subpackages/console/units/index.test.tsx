import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import UnitsConsolePage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, flush, mockRequest, render, typeInto } from '../../../../test/helpers';

const unit = (id: string, name: string, parentId: string | null, depth: number, kind = 'department') => ({
  id,
  name,
  code: null,
  kind,
  parentId,
  depth,
});
const ME = {
  person: { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false },
  memberships: [{ id: 'm1', role: 'committee', unit: { id: 'u1', name: '中卫市安委办', kind: 'committee' } }],
};
// The server's list, children before parents: the page must still draw a tree.
const UNITS = [unit('u3', '某某中学', 'u2', 2, 'school'), unit('u2', '沙坡头区', 'u1', 1, 'district'), unit('u1', '中卫市安委办', null, 0, 'committee')];

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  jest.spyOn(Taro, 'reLaunch').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function serve(extra: (url: string, method?: string) => { statusCode: number; data?: unknown } | undefined) {
  return mockRequest((call) => {
    const answer = extra(call.url, call.method);
    if (answer) return answer;
    if (call.url === '/api/me') return { statusCode: 200, data: ME };
    if (call.url.startsWith('/api/units?under=u1&q=')) return { statusCode: 200, data: [UNITS[0]] };
    if (call.url === '/api/units?under=u1') return { statusCode: 200, data: UNITS };
    if (call.url.endsWith('/members')) {
      return { statusCode: 200, data: [{ membershipId: 'm1', role: 'liaison', person: { ...ME.person, displayName: '赵六' } }] };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

describe('units console', () => {
  it('draws the subtree indented in tree order and shows the members of a unit with role labels', async () => {
    serve(() => undefined);
    const { container } = render(<UnitsConsolePage />);

    await within(container).findByText('某某中学');
    const names = Array.from(container.querySelectorAll('.unit-row__name')).map((node) => node.textContent);
    expect(names).toEqual(['中卫市安委办', '沙坡头区', '某某中学']);
    const pads = Array.from(container.querySelectorAll<HTMLElement>('.unit-row')).map((row) => row.style.paddingLeft);
    expect(new Set(pads).size).toBe(3);

    await click('沙坡头区');
    expect(await screen.findByText('赵六')).toBeTruthy();
    expect(screen.getByText('联络员')).toBeTruthy();
  });

  it("shows the server's message when a move would make a cycle", async () => {
    const calls = serve((url) =>
      url === '/api/units/u2/move' ? apiError(409, 'UNIT_CYCLE', '不能把单位移动到它自己的下级单位之下') : undefined,
    );
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    await click('沙坡头区');

    // Besides itself and its parent, the choices are its own child 某某中学 only.
    const select = container.querySelector<HTMLSelectElement>('.unit-panel select');
    expect(Array.from(select?.options ?? []).map((option) => option.value)).toEqual(['', 'u3']);
    await act(async () => {
      fireEvent.change(select as HTMLSelectElement, { target: { value: 'u3' } });
      await flush();
    });
    await click('移动到“某某中学”下');

    expect(calls.find((call) => call.url === '/api/units/u2/move')?.data).toEqual({ parentId: 'u3' });
    expect(await screen.findByText('不能把单位移动到它自己的下级单位之下')).toBeTruthy();
  });

  it('creates a child unit under the selected one and searches by name', async () => {
    const calls = serve((url, method) =>
      url === '/api/units' && method === 'POST' ? { statusCode: 201, data: unit('u4', '新单位', 'u1', 1) } : undefined,
    );
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');

    await typeInto(container, '下级单位名称', '新单位');
    await click('医院');
    await click('创建下级单位');
    expect(calls.find((call) => call.url === '/api/units' && call.method === 'POST')?.data).toEqual({
      name: '新单位',
      kind: 'hospital',
      parentId: 'u1',
    });

    await typeInto(container, '输入单位名称', '中学');
    await click('搜索');
    expect(await screen.findByText('“中学”的搜索结果：1 个')).toBeTruthy();
    expect(calls.some((call) => call.url === `/api/units?under=u1&q=${encodeURIComponent('中学')}`)).toBe(true);
  });
});
