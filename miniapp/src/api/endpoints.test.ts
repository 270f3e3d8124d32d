import Taro from '@tarojs/taro';
import type { UnitDto } from '@safemonth/shared';
import { setTokens } from '../session/tokens';
import { resetClientState } from './client';
import { campaignsApi, unitsApi } from './endpoints';
import { mockRequest } from '../../test/helpers';

const unit = (n: number) => ({ id: `u${n}`, name: `单位${n}`, code: null, kind: 'enterprise', parentId: 'u0', depth: 1 }) as UnitDto;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => jest.restoreAllMocks());

describe('lists read whole', () => {
  it('reads every page of a subtree, the largest pages the server gives', async () => {
    const all = Array.from({ length: 450 }, (_, i) => unit(i));
    const calls = mockRequest((call) => {
      const page = Number(/page=(\d+)/.exec(call.url)?.[1]);
      return { statusCode: 200, data: { items: all.slice((page - 1) * 200, page * 200), total: 450, page, size: 200 } };
    });

    expect(await unitsApi.all('u0')).toEqual(all);
    expect(calls.map((call) => call.url)).toEqual([1, 2, 3].map((page) => `/api/units?under=u0&page=${page}&size=200`));
  });

  it('asks for my own liaison forms only, and stops after a page that is not full', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } }));
    expect(await campaignsApi.myLiaisons('c1')).toEqual([]);
    expect(calls.map((call) => call.url)).toEqual(['/api/campaigns/c1/liaisons?page=1&size=200&mine=true']);
  });
});
