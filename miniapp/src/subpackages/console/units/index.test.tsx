import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UnitDto } from '@safemonth/shared';
import UnitsConsolePage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, flush, mockRequest, render, typeInto } from '../../../../test/helpers';

const unit = (id: string, name: string, parentId: string | null, depth: number, kind = 'department'): UnitDto =>
  ({ id, name, code: null, kind, parentId, depth }) as UnitDto;
const ME = {
  person: { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false },
  memberships: [{ id: 'm1', role: 'committee', unit: { id: 'u1', name: '中卫市安委办', kind: 'committee' } }],
};
// The server's first page, in tree order.
const UNITS = [unit('u1', '中卫市安委办', null, 0, 'committee'), unit('u2', '沙坡头区', 'u1', 1, 'district'), unit('u3', '某某中学', 'u2', 2, 'school')];
const page = (items: UnitDto[], total = items.length, number = 1, size = 50) => ({ items, total, page: number, size });

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

function serve(extra: (url: string, method?: string) => { statusCode: number; data?: unknown } | undefined = () => undefined) {
  return mockRequest((call) => {
    const answer = extra(call.url, call.method);
    if (answer) return answer;
    if (call.url === '/api/me') return { statusCode: 200, data: ME };
    if (call.url.startsWith('/api/units?under=u1&q=')) return { statusCode: 200, data: page([UNITS[2]]) };
    if (call.url === '/api/units?under=u1&page=1') return { statusCode: 200, data: page(UNITS) };
    const one = UNITS.find((u) => call.url === `/api/units/${u.id}`);
    if (one && (call.method ?? 'GET') === 'GET') return { statusCode: 200, data: one };
    if (call.url.includes('/members')) {
      return { statusCode: 200, data: page([{ membershipId: 'm1', role: 'liaison', person: { ...ME.person, displayName: '赵六' } }] as never) };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

const rowNames = (root: ParentNode) => Array.from(root.querySelectorAll('.unit-row__name')).map((node) => node.textContent);

describe('units console', () => {
  it('draws a page of the subtree indented by depth and shows the members of a unit with role labels', async () => {
    serve();
    const { container } = render(<UnitsConsolePage />);

    await within(container).findByText('某某中学');
    expect(rowNames(container)).toEqual(['中卫市安委办', '沙坡头区', '某某中学']);
    const pads = Array.from(container.querySelectorAll<HTMLElement>('.unit-row')).map((row) => row.style.paddingLeft);
    expect(new Set(pads).size).toBe(3);
    expect(screen.getByText('共 3 条')).toBeTruthy();

    await click('沙坡头区');
    expect(await screen.findByText('赵六')).toBeTruthy();
    expect(screen.getByText('联络员')).toBeTruthy();
  });

  it('pages through a subtree larger than a page', async () => {
    const second = [unit('u9', '第五十一个单位', 'u1', 1)];
    const calls = serve((url) => {
      if (url === '/api/units?under=u1&page=1') return { statusCode: 200, data: page(UNITS, 51) };
      if (url === '/api/units?under=u1&page=2') return { statusCode: 200, data: page(second, 51, 2) };
      return undefined;
    });
    const { container } = render(<UnitsConsolePage />);
    expect(await screen.findByText('第 1 / 2 页，共 51 条')).toBeTruthy();

    await click('下一页');
    expect(await screen.findByText('第五十一个单位')).toBeTruthy();
    expect(rowNames(container)).toEqual(['第五十一个单位']);
    expect(screen.getByText('第 2 / 2 页，共 51 条')).toBeTruthy();
    expect(calls.some((call) => call.url === '/api/units?under=u1&page=2')).toBe(true);
  });

  it("offers the subtree as move targets, not the unit itself nor its parent, and shows the server's message for a cycle", async () => {
    const calls = serve((url) =>
      url === '/api/units/u2/move' ? apiError(400, 'UNIT_CYCLE', '不能把单位移动到它自己或它的下级单位之下') : undefined,
    );
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    await click('沙坡头区');
    await screen.findByText('赵六');

    await click('选择新的上级单位');
    const panel = container.querySelector('.unit-panel') as HTMLElement;
    await within(panel).findByText('某某中学');
    const disabled = Array.from(panel.querySelectorAll('.unit-row--disabled .unit-row__name')).map((node) => node.textContent);
    expect(disabled).toEqual(['中卫市安委办', '沙坡头区']);
    await act(async () => {
      fireEvent.click(within(panel).getByText('中卫市安委办'));
      await flush();
    });
    expect(screen.queryByText('移动到“中卫市安委办”下')).toBeNull();

    await act(async () => {
      fireEvent.click(within(panel).getByText('某某中学'));
      await flush();
    });
    await click('移动到“某某中学”下');

    expect(calls.find((call) => call.url === '/api/units/u2/move')?.data).toEqual({ parentId: 'u3' });
    expect(await screen.findByText('不能把单位移动到它自己或它的下级单位之下')).toBeTruthy();
  });

  it('creates a child unit under the selected one, loads the list again, and searches by name', async () => {
    const calls = serve((url, method) =>
      url === '/api/units' && method === 'POST' ? { statusCode: 201, data: unit('u4', '新单位', 'u1', 1) } : undefined,
    );
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    const listLoads = () => calls.filter((call) => call.url === '/api/units?under=u1&page=1').length;
    const before = listLoads();

    await typeInto(container, '下级单位名称', '新单位');
    await click('医院');
    await click('创建下级单位');
    expect(calls.find((call) => call.url === '/api/units' && call.method === 'POST')?.data).toEqual({
      name: '新单位',
      kind: 'hospital',
      parentId: 'u1',
    });
    await act(flush);
    expect(listLoads()).toBeGreaterThan(before);

    await typeInto(container, '输入单位名称', '中学');
    await click('搜索');
    expect(await screen.findByText('“中学”的搜索结果：1 个')).toBeTruthy();
    expect(calls.some((call) => call.url === `/api/units?under=u1&q=${encodeURIComponent('中学')}&page=1`)).toBe(true);
    expect(rowNames(container)).toEqual(['某某中学']);
  });
});
