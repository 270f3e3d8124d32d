import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import InviteConsolePage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, flush, mockRequest, typeInto } from '../../../../test/helpers';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const person = { id: 'p1', displayName: '王五', username: 'wangwu', phone: null, hasWechat: false };
const unitDto = (id: string, name: string, parentId: string | null, depth: number) => ({ id, name, code: null, kind: 'other', parentId, depth });
const QR = 'data:image/svg+xml;base64,PHN2Zy8+';
const invite = (id: string, code: string, unitId: string, extra: Record<string, unknown> = {}) => ({
  id,
  code,
  role: 'staff',
  unit: { id: unitId, name: '单位', kind: 'other' },
  expiresAt: '2099-01-01T00:00:00.000Z',
  maxUses: 1,
  uses: 0,
  link: `http://127.0.0.1:3000/#/pages/invite/index?code=${code}`,
  qrCode: QR,
  ...extra,
});

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
        : { statusCode: 200, data: [] },
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
      if (call.url === '/api/units?under=c') return { statusCode: 200, data: [unitDto('c', '市安委办', null, 0), unitDto('d', '东城区', 'c', 1)] };
      if (call.url === '/api/invites') {
        created = true;
        return { statusCode: 201, data: invite('i2', 'NEWCODE1', 'd', { role: 'liaison', maxUses: 3 }) };
      }
      if (call.url === '/api/units/d/invites') {
        return {
          statusCode: 200,
          data: [
            invite('i1', 'OLDCODE1', 'd', { expiresAt: '2020-01-01T00:00:00.000Z' }),
            ...(created ? [invite('i2', 'NEWCODE1', 'd', { role: 'liaison', maxUses: 3 })] : []),
          ],
        };
      }
      return { statusCode: 200, data: [] };
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
    expect(result.querySelector('taro-image-core')?.getAttribute('src')).toBe(QR);

    await act(async () => {
      fireEvent.click(within(result).getByText('复制链接'));
      await flush();
    });
    expect(clipboard).toHaveBeenCalledWith({ data: 'http://127.0.0.1:3000/#/pages/invite/index?code=NEWCODE1' });
    expect(await screen.findByText('NEWCODE1 · 联络员')).toBeTruthy();
  });

  it('checks the numbers before sending', async () => {
    const calls = mockRequest((call) =>
      call.url === '/api/me'
        ? { statusCode: 200, data: { person, memberships: [{ id: 'm1', role: 'liaison', unit: { id: 'x', name: '东城区', kind: 'district' } }] } }
        : { statusCode: 200, data: [] },
    );
    const { container } = render(<InviteConsolePage />);
    await screen.findByText('生成邀请');

    await typeInto(container, '72', '0');
    await click('生成邀请');

    expect(screen.getByText('请输入大于 0 的整数（小时）')).toBeTruthy();
    expect(calls.some((call) => call.url === '/api/invites')).toBe(false);
  });
});
