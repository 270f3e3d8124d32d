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

  it("offers as move targets only units outside the unit's subtree, not its parent, and shows the server's refusal", async () => {
    const sibling = unit('u5', '中宁县', 'u1', 1, 'district');
    const calls = serve((url) => {
      // The server leaves out the unit and its subtree (沙坡头区 and 某某中学).
      if (url === '/api/units?under=u1&page=1&outside=u2') return { statusCode: 200, data: page([UNITS[0], sibling]) };
      if (url === '/api/units/u2/move') return apiError(409, 'CONFLICT', '目标上级下已有同名单位“沙坡头区”');
      return undefined;
    });
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    await click('沙坡头区');
    await screen.findByText('赵六');

    await click('选择新的上级单位');
    const panel = container.querySelector('.unit-panel') as HTMLElement;
    await within(panel).findByText('中宁县');
    expect(rowNames(panel)).toEqual(['中卫市安委办', '中宁县']);
    const disabled = Array.from(panel.querySelectorAll('.unit-row--disabled .unit-row__name')).map((node) => node.textContent);
    expect(disabled).toEqual(['中卫市安委办']);
    await act(async () => {
      fireEvent.click(within(panel).getByText('中卫市安委办'));
      await flush();
    });
    expect(screen.queryByText('移动到“中卫市安委办”下')).toBeNull();

    await act(async () => {
      fireEvent.click(within(panel).getByText('中宁县'));
      await flush();
    });
    await click('移动到“中宁县”下');

    expect(calls.find((call) => call.url === '/api/units/u2/move')?.data).toEqual({ parentId: 'u5' });
    expect(await screen.findByText('目标上级下已有同名单位“沙坡头区”')).toBeTruthy();
  });

  it('removes a unit once confirmed, shows the server\'s refusal, and goes back to the top unit', async () => {
    let removed = false;
    let refuse = true;
    const calls = serve((url, method) => {
      if (url === '/api/units/u3' && method === 'DELETE') {
        if (refuse) return apiError(409, 'CONFLICT', '“某某中学”还有成员，请先移除成员');
        removed = true;
        return { statusCode: 204, data: '' };
      }
      if (url === '/api/units?under=u1&page=1') return { statusCode: 200, data: page(removed ? UNITS.slice(0, 2) : UNITS) };
      return undefined;
    });
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    // The top unit cannot be removed here.
    expect(screen.queryAllByText('删除单位')).toEqual([]);
    await click('某某中学');
    await screen.findByText('赵六');
    const deletes = () => calls.filter((call) => call.method === 'DELETE').map((call) => call.url);

    const removeButton = () => within(container.querySelector('.unit-panel') as HTMLElement).getAllByText('删除单位').at(-1) as HTMLElement;
    await act(async () => {
      fireEvent.click(removeButton());
      await flush();
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除单位', content: expect.stringContaining('某某中学') }));
    expect(deletes()).toEqual([]);

    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await act(async () => {
      fireEvent.click(removeButton());
      await flush();
    });
    expect(await screen.findByText('“某某中学”还有成员，请先移除成员')).toBeTruthy();

    refuse = false;
    await act(async () => {
      fireEvent.click(removeButton());
      await flush();
    });
    expect(deletes()).toEqual(['/api/units/u3', '/api/units/u3']);
    await act(flush);
    const tree = container.querySelector('.units__tree') as HTMLElement;
    expect(rowNames(tree)).toEqual(['中卫市安委办', '沙坡头区']);
    // The panel shows the top unit again.
    expect(container.querySelector('.unit-row--selected .unit-row__name')?.textContent).toBe('中卫市安委办');
  });

  it('removes a member once confirmed and loads the members again', async () => {
    let left = false;
    const calls = serve((url, method) => {
      if (url === '/api/memberships/m1' && method === 'DELETE') {
        left = true;
        return { statusCode: 204, data: '' };
      }
      if (url === '/api/units/u2/members?page=1' && left) return { statusCode: 200, data: page([]) };
      return undefined;
    });
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    const { container } = render(<UnitsConsolePage />);
    await within(container).findByText('某某中学');
    await click('沙坡头区');
    await screen.findByText('赵六');

    await click('移除');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '移除成员', content: expect.stringContaining('赵六') }));
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual(['/api/memberships/m1']);
    expect(await screen.findByText('暂无成员')).toBeTruthy();
    expect(screen.queryByText('赵六')).toBeNull();
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
