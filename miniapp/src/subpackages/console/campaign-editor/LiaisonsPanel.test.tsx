import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import type { LiaisonRegistrationDto } from '@safemonth/shared';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, mockRequest, render } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';
import { LiaisonsPanel } from './LiaisonsPanel';

const registration = (n: number): LiaisonRegistrationDto => ({
  id: `l${n}`,
  unit: { id: `u${n}`, name: `单位${n}`, kind: 'enterprise' },
  personId: `p${n}`,
  values: { name: `联络员${n}`, mobile: '13800000000' },
  updatedAt: '2022-06-01T02:00:00.000Z',
});

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => jest.restoreAllMocks());

describe('liaisons panel', () => {
  it('shows the liaison forms a page at a time, with how many there are', async () => {
    const first = Array.from({ length: 50 }, (_, i) => registration(i + 1));
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1/liaisons?page=1') return { statusCode: 200, data: { items: first, total: 51, page: 1, size: 50 } };
      if (call.url === '/api/campaigns/c1/liaisons?page=2') return { statusCode: 200, data: { items: [registration(51)], total: 51, page: 2, size: 50 } };
      return { statusCode: 404 };
    });
    render(<LiaisonsPanel campaign={campaignDto({ status: 'published' })} />);

    expect(await screen.findByText('联络员50')).toBeTruthy();
    expect(screen.getByText('第 1 / 2 页，共 51 条')).toBeTruthy();
    await click('下一页');
    expect(await screen.findByText('联络员51')).toBeTruthy();
    expect(screen.queryByText('联络员1')).toBeNull();
    expect(calls.map((call) => call.url)).toEqual(['/api/campaigns/c1/liaisons?page=1', '/api/campaigns/c1/liaisons?page=2']);
  });

  it('says when no unit has registered', async () => {
    mockRequest(() => ({ statusCode: 200, data: { items: [], total: 0, page: 1, size: 50 } }));
    render(<LiaisonsPanel campaign={campaignDto({ status: 'published' })} />);
    expect(await screen.findByText('还没有单位登记联络员。')).toBeTruthy();
    expect(screen.queryByText('共 0 条')).toBeNull();
  });
});
