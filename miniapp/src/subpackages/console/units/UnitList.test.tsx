import Taro from '@tarojs/taro';
import { screen, within } from '@testing-library/react';
import type { UnitDto } from '@safemonth/shared';
import { UnitList } from './UnitList';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, mockRequest, render, setWindowWidth } from '../../../../test/helpers';

const unit = (id: string, name: string, parentId: string | null, depth: number, kind = 'department'): UnitDto =>
  ({ id, name, code: `C-${id}`, kind, parentId, depth }) as UnitDto;
const TREE = [unit('u1', '中卫市安委办', null, 0, 'committee'), unit('u2', '沙坡头区', 'u1', 1, 'district'), unit('u3', '某某中学', 'u2', 2, 'school')];
const page = (items: UnitDto[]) => ({ items, total: items.length, page: 1, size: 50 });

let restore: () => void;
beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  restore = setWindowWidth(1366);
});

afterEach(() => {
  restore();
  jest.restoreAllMocks();
});

function serve() {
  return mockRequest((call) => {
    if (call.url === '/api/units?under=u1&page=1') return { statusCode: 200, data: page(TREE) };
    if (call.url === '/api/units?under=u1&page=1&sort=name&order=asc') return { statusCode: 200, data: page([TREE[0], TREE[2], TREE[1]]) };
    if (call.url === '/api/units?under=u1&page=1&sort=name&order=desc') return { statusCode: 200, data: page([TREE[1], TREE[2], TREE[0]]) };
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('[role="cell"]')?.textContent);
const nameHeader = () => screen.getByText('名称').closest('[role="columnheader"]') as HTMLElement;

describe('the unit list on a desktop-wide window', () => {
  it('is a table in tree order, sorted by name on the server when its header is clicked, then in tree order again', async () => {
    const calls = serve();
    const chosen: string[] = [];
    render(<UnitList rootId='u1' rootDepth={0} selectedId='u2' onSelect={(u) => chosen.push(u.id)} disabled={(u) => u.id === 'u3'} />);
    const table = await screen.findByRole('table', { name: '单位' });
    expect(names(table)).toEqual(['中卫市安委办', '沙坡头区', '某某中学']);
    expect(within(table).getByText('C-u3')).toBeTruthy();
    expect(nameHeader().getAttribute('aria-sort')).toBe('none');
    // Indented by depth in tree order.
    expect((within(table).getByText('某某中学') as HTMLElement).style.paddingLeft).toBe('32px');

    await click('名称');
    expect(await within(table).findByText('某某中学')).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain('/api/units?under=u1&page=1&sort=name&order=asc');
    expect(names(screen.getByRole('table'))).toEqual(['中卫市安委办', '某某中学', '沙坡头区']);
    expect(nameHeader().getAttribute('aria-sort')).toBe('ascending');
    expect((screen.getByText('某某中学') as HTMLElement).style.paddingLeft).toBe('0px');

    await click('名称');
    expect(calls.map((c) => c.url)).toContain('/api/units?under=u1&page=1&sort=name&order=desc');
    expect(nameHeader().getAttribute('aria-sort')).toBe('descending');
    expect(names(screen.getByRole('table'))).toEqual(['沙坡头区', '某某中学', '中卫市安委办']);

    await click('名称');
    expect(nameHeader().getAttribute('aria-sort')).toBe('none');
    expect(names(screen.getByRole('table'))).toEqual(['中卫市安委办', '沙坡头区', '某某中学']);

    // The chosen unit is marked; a disabled one cannot be chosen.
    expect(screen.getByText('沙坡头区').closest('[role="row"]')?.getAttribute('aria-selected')).toBe('true');
    await click('某某中学');
    await click('中卫市安委办');
    expect(chosen).toEqual(['u1']);
  });
});
