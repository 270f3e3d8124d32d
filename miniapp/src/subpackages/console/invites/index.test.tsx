import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import InviteConsolePage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, flush, mockRequest, render, typeInto, type FakeResponse } from '../../../../test/helpers';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const person = { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false };
const unitDto = (id: string, name: string, parentId: string | null, depth: number) => ({ id, name, code: null, kind: 'other', parentId, depth });
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const invite = (id: string, code: string, unitId: string, extra: Record<string, unknown> = {}) => ({
  id,
  code,
  role: 'staff',
  unit: { id: unitId, name: '单位', kind: 'other' },
  expiresAt: '2099-01-01T00:00:00.000Z',
  maxUses: 1,
  uses: 0,
  link: `http://127.0.0.1:3000/#/pages/invite/index?code=${code}`,
  ...extra,
});

/** The server's answer for one page of a list. */
const page = <T,>(items: T[], total = items.length, number = 1, size = 50) => ({ items, total, page: number, size });

let clipboard: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({});
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  clipboard = jest.spyOn(Taro, 'setClipboardData').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('invite console', () => {
  it('lets a liaison invite staff only, to their own unit', async () => {
    mockRequest((call) =>
      call.url === '/api/me'
        ? { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } }
        : { statusCode: 200, data: page([]) },
    );
    const { container } = render(<InviteConsolePage />);

    expect(await screen.findByText('生成邀请')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('option')).map((o) => o.textContent)).toEqual(['请选择单位', '东城区']);
    const roles = Array.from(container.querySelectorAll('.choice')).map((c) => c.textContent);
    expect(roles).toEqual(['填报人员']);
  });

  it('creates an invite for a unit of the subtree and shows its code, link, QR code and the list', async () => {
    let created = false;
    const calls = mockRequest((call) => {
      if (call.url === '/api/me') {
        return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'committee', unit: { id: 'c', name: '市安委办', kind: 'committee' } }] } };
      }
      if (call.url === '/api/units?under=c&page=1&size=200') return { statusCode: 200, data: page([unitDto('c', '市安委办', null, 0), unitDto('d', '东城区', 'c', 1)], 2, 1, 200) };
      if (call.url === '/api/invites') {
        created = true;
        return { statusCode: 201, data: invite('i2', 'NEWCODE1', 'd', { role: 'liaison', maxUses: 3 }) };
      }
      if (call.url === '/api/units/d/invites/i2/qr') return { statusCode: 200, data: { dataUrl: QR } };
      if (call.url === '/api/units/d/invites?page=1') {
        return {
          statusCode: 200,
          data: page([
            invite('i1', 'OLDCODE1', 'd', { expiresAt: '2020-01-01T00:00:00.000Z' }),
            ...(created ? [invite('i2', 'NEWCODE1', 'd', { role: 'liaison', maxUses: 3 })] : []),
          ]),
        };
      }
      if (call.url === '/api/units/c/invites?page=1') return { statusCode: 200, data: page([]) };
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    const { container } = render(<InviteConsolePage />);
    await screen.findByText('生成邀请');

    const select = container.querySelector('select') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['请选择单位', '市安委办', '\u3000东城区']);
    await act(async () => {
      fireEvent.change(select, { target: { value: 'd' } });
      await flush();
    });
    expect(await screen.findByText('已过期')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.choice')).map((c) => c.textContent)).toEqual(['安委办', '联络员', '填报人员']);

    await typeInto(container, '1', '3');
    await click('生成邀请');

    expect(calls.find((call) => call.url === '/api/invites')?.data).toEqual({
      unitId: 'd',
      role: 'liaison',
      expiresInHours: 72,
      maxUses: 3,
    });
    const result = container.querySelector('.created') as HTMLElement;
    expect(within(result).getByText('NEWCODE1')).toBeTruthy();
    expect(within(result).getByText('http://127.0.0.1:3000/#/pages/invite/index?code=NEWCODE1')).toBeTruthy();
    // The created invite is shown, so its QR code is fetched (the list carries none).
    expect(result.querySelector('taro-image-core')?.getAttribute('src')).toBe(QR);
    expect(calls.filter((call) => call.url.endsWith('/qr')).map((call) => call.url)).toEqual(['/api/units/d/invites/i2/qr']);

    await act(async () => {
      fireEvent.click(within(result).getByText('复制链接'));
      await flush();
    });
    expect(clipboard).toHaveBeenCalledWith({ data: 'http://127.0.0.1:3000/#/pages/invite/index?code=NEWCODE1' });
    expect(await screen.findByText('NEWCODE1 · 联络员')).toBeTruthy();
  });

  it('fetches a listed invite\'s QR code only when it is opened, shows it loading and a failure with a retry', async () => {
    let answer: (response: FakeResponse) => void = () => undefined;
    const calls = mockRequest((call) => {
      if (call.url === '/api/me') {
        return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } };
      }
      if (call.url === '/api/units/x/invites?page=1') {
        return { statusCode: 200, data: page([invite('i1', 'OPENCODE', 'x'), invite('i0', 'USEDCODE', 'x', { uses: 1 })]) };
      }
      if (call.url === '/api/units/x/invites/i1/qr') return new Promise<FakeResponse>((resolve) => (answer = resolve));
      return { statusCode: 200, data: [] };
    });
    const { container } = render(<InviteConsolePage />);
    expect(await screen.findByText('OPENCODE · 填报人员')).toBeTruthy();
    const qrCalls = () => calls.filter((call) => call.url.endsWith('/qr')).length;
    expect(qrCalls()).toBe(0);
    // Only an invite that can still be used offers its QR code.
    expect(screen.getAllByText('二维码')).toHaveLength(1);

    await click('二维码');
    expect(screen.getByText('二维码生成中…')).toBeTruthy();
    expect(calls[calls.length - 1].header?.Authorization).toBe('Bearer a1');
    await act(async () => {
      answer(apiError(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用，请稍后重试'));
      await flush();
    });
    expect(screen.getByText('服务暂时不可用，请稍后重试')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalled();

    await click('重新加载二维码');
    expect(screen.getByText('二维码生成中…')).toBeTruthy();
    await act(async () => {
      answer({ statusCode: 200, data: { dataUrl: QR } });
      await flush();
    });
    expect(container.querySelector('.invite-qr taro-image-core')?.getAttribute('src')).toBe(QR);
    expect(qrCalls()).toBe(2);

    // Closed and opened again: shown from what was fetched.
    await click('收起二维码');
    expect(container.querySelector('.invite-qr')).toBeNull();
    await click('二维码');
    expect(container.querySelector('.invite-qr taro-image-core')?.getAttribute('src')).toBe(QR);
    expect(qrCalls()).toBe(2);
  });

  it('offers no retry when the invite can no longer be used', async () => {
    mockRequest((call) => {
      if (call.url === '/api/me') {
        return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } };
      }
      if (call.url === '/api/units/x/invites?page=1') return { statusCode: 200, data: page([invite('i1', 'OPENCODE', 'x')]) };
      if (call.url === '/api/units/x/invites/i1/qr') return apiError(410, 'INVITE_USED_UP', '该邀请的使用次数已用完，请重新生成');
      return { statusCode: 200, data: [] };
    });
    render(<InviteConsolePage />);
    await screen.findByText('OPENCODE · 填报人员');
    await click('二维码');
    expect(screen.getByText('该邀请的使用次数已用完，请重新生成')).toBeTruthy();
    expect(screen.queryByText('重新加载二维码')).toBeNull();
  });

  it('pages through the unit\'s invites', async () => {
    const calls = mockRequest((call) => {
      if (call.url === '/api/me') {
        return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } };
      }
      if (call.url === '/api/units/x/invites?page=1') {
        return { statusCode: 200, data: page([invite('i3', 'CODETHREE', 'x'), invite('i2', 'CODETWO', 'x')], 3, 1, 2) };
      }
      if (call.url === '/api/units/x/invites?page=2') return { statusCode: 200, data: page([invite('i1', 'CODEONE', 'x')], 3, 2, 2) };
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    render(<InviteConsolePage />);
    expect(await screen.findByText('CODETHREE · 填报人员')).toBeTruthy();
    expect(screen.getByText('第 1 / 2 页，共 3 条')).toBeTruthy();

    await click('下一页');
    expect(await screen.findByText('CODEONE · 填报人员')).toBeTruthy();
    expect(screen.queryByText('CODETHREE · 填报人员')).toBeNull();
    expect(screen.getByText('第 2 / 2 页，共 3 条')).toBeTruthy();
    expect(calls.map((call) => call.url)).toContain('/api/units/x/invites?page=2');
  });

  it('checks the numbers before sending', async () => {
    const calls = mockRequest((call) =>
      call.url === '/api/me'
        ? { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } }
        : { statusCode: 200, data: page([]) },
    );
    const { container } = render(<InviteConsolePage />);
    await screen.findByText('生成邀请');

    await typeInto(container, '72', '0');
    await click('生成邀请');

    expect(screen.getByText('请输入大于 0 的整数（小时）')).toBeTruthy();
    expect(calls.some((call) => call.url === '/api/invites')).toBe(false);
  });

  it('revokes an invite once confirmed, then lists the unit\'s invites again', async () => {
    let revoked = false;
    const calls = mockRequest((call) => {
      if (call.url === '/api/me') {
        return { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } };
      }
      if (call.url === '/api/units/x/invites/i1' && call.method === 'DELETE') {
        revoked = true;
        return { statusCode: 204, data: '' };
      }
      if (call.url === '/api/units/x/invites?page=1') {
        const liaisonInvite = invite('i3', 'LIAISONC', 'x', { role: 'liaison' });
        return { statusCode: 200, data: page(revoked ? [invite('i2', 'KEEPCODE', 'x'), liaisonInvite] : [invite('i1', 'OPENCODE', 'x'), invite('i2', 'KEEPCODE', 'x'), liaisonInvite]) };
      }
      return apiError(404, 'NOT_FOUND', '未找到');
    });
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    const { container } = render(<InviteConsolePage />);
    expect(await screen.findByText('OPENCODE · 填报人员')).toBeTruthy();
    // A liaison hands out staff invites only, and takes back only those.
    expect(within(screen.getByText('LIAISONC · 联络员').closest('.row') as HTMLElement).queryByText('撤销')).toBeNull();
    const revokeOf = (code: string) => {
      const row = screen.getByText(`${code} · 填报人员`).closest('.row') as HTMLElement;
      return within(row).getByText('撤销');
    };

    // Cancelled: nothing sent.
    await act(async () => {
      fireEvent.click(revokeOf('OPENCODE'));
      await flush();
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销邀请', content: expect.stringContaining('OPENCODE') }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);

    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await act(async () => {
      fireEvent.click(revokeOf('OPENCODE'));
      await flush();
    });
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual(['/api/units/x/invites/i1']);
    await act(flush);
    expect(screen.queryByText('OPENCODE · 填报人员')).toBeNull();
    expect(screen.getByText('KEEPCODE · 填报人员')).toBeTruthy();
    expect(container.querySelectorAll('.row')).toHaveLength(2);
  });
});

