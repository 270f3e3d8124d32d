import Taro from '@tarojs/taro';
import { screen, within } from '@testing-library/react';
import type { UnitDto, UnitMemberDto } from '@safemonth/shared';
import { UnitPanel } from './UnitPanel';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, mockRequest, render, setWindowWidth } from '../../../../test/helpers';

const UNIT: UnitDto = { id: 'u2', name: '沙坡头区', code: null, kind: 'district', parentId: 'u1', depth: 1 };

const member = (id: string, displayName: string, username?: string): UnitMemberDto => ({
  membershipId: `m-${id}`,
  role: 'staff',
  person: { id, displayName, ...(username ? { username, phone: null, hasWechat: false } : {}) },
});

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('unit panel members', () => {
  it('pages through the members, showing logins only where the server gives them', async () => {
    const calls = mockRequest((call) => {
      if (call.url === '/api/units/u2/members?page=1') {
        return { statusCode: 200, data: { items: [member('p1', '赵六', 'zhaoliu'), member('p2', '钱七')], total: 3, page: 1, size: 2 } };
      }
      if (call.url === '/api/units/u2/members?page=2') {
        return { statusCode: 200, data: { items: [member('p3', '孙八')], total: 3, page: 2, size: 2 } };
      }
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    const { container } = render(<UnitPanel unit={UNIT} root={UNIT} onRemoved={() => undefined} />);

    expect(await screen.findByText('赵六')).toBeTruthy();
    expect(screen.getByText('zhaoliu')).toBeTruthy();
    // 钱七's row has the name alone.
    const rows = Array.from(container.querySelectorAll('.row__main')).map((row) => row.textContent);
    expect(rows).toEqual(['赵六zhaoliu', '钱七']);
    expect(screen.getByText('第 1 / 2 页，共 3 条')).toBeTruthy();

    await click('下一页');
    expect(await screen.findByText('孙八')).toBeTruthy();
    expect(screen.queryByText('赵六')).toBeNull();
    expect(calls.map((call) => call.url)).toContain('/api/units/u2/members?page=2');
  });

  it('is a table on a desktop-wide window, sorted by name or role on the server', async () => {
    const restore = setWindowWidth(1366);
    const calls = mockRequest((call) => {
      if (call.url.startsWith('/api/units/u2/members?page=1')) {
        return { statusCode: 200, data: { items: [member('p1', '赵六', 'zhaoliu'), member('p2', '钱七')], total: 2, page: 1, size: 50 } };
      }
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    render(<UnitPanel unit={UNIT} root={UNIT} onRemoved={() => undefined} />);
    expect(within(await screen.findByRole('table', { name: '成员' })).getByText('zhaoliu')).toBeTruthy();
    const header = (title: string) => within(screen.getByRole('table', { name: '成员' })).getByText(title).closest('[role="columnheader"]') as HTMLElement;
    expect(header('角色').getAttribute('aria-sort')).toBe('ascending');

    await click('姓名');
    await screen.findByRole('table', { name: '成员' });
    expect(calls.map((call) => call.url)).toContain('/api/units/u2/members?page=1&sort=name&order=asc');
    expect(header('姓名').getAttribute('aria-sort')).toBe('ascending');
    expect(header('角色').getAttribute('aria-sort')).toBe('none');
    restore();
  });
});
