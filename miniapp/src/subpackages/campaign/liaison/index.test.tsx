import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import type { CampaignDto, LiaisonRegistrationDto } from '@safemonth/shared';
import LiaisonFormPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, type FakeResponse, mockRequest, render, typeInto } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const u2 = { id: 'u2', name: '武进区工信局', kind: 'district' as const };
const u3 = { id: 'u3', name: '新北区工信局', kind: 'district' as const };

/** Asks name, title, mobile, e-mail and unit name; e-mail is optional. I am liaison of u2 and u3. */
const CAMPAIGN = campaignDto({
  status: 'published',
  liaisonUnits: [u2, u3],
  liaisonForm: {
    maxLiaisonsPerUnit: 1,
    fields: campaignDto().liaisonForm.fields.map((field) => ({
      ...field,
      asked: ['name', 'title', 'mobile', 'email', 'unitName'].includes(field.key),
      required: ['name', 'title', 'mobile', 'unitName'].includes(field.key),
    })),
  },
});

const MINE: LiaisonRegistrationDto = {
  id: 'l1',
  unit: u3,
  personId: 'p1',
  values: { name: '王五', title: '科长', mobile: '13800000000', unitName: '新北区工业和信息化局' },
  updatedAt: '2022-06-01T02:00:00.000Z',
};

let navigateBack: jest.SpyInstance;
let toast: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ id: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** `mine`: my registrations, which the server answers when asked for mine only. */
function serve(campaign: CampaignDto, mine: LiaisonRegistrationDto[], answer: () => FakeResponse = () => ({ statusCode: 200, data: MINE })) {
  return mockRequest((call) => {
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: campaign };
    if (call.url === '/api/campaigns/c1/liaisons?page=1&size=200&mine=true') {
      return { statusCode: 200, data: { items: mine, total: mine.length, page: 1, size: 200 } };
    }
    if (call.url === '/api/campaigns/c1/liaisons/mine') return answer();
    return { statusCode: 404 };
  });
}

const inputValue = (container: HTMLElement, placeholder: string) =>
  container.querySelector(`taro-input-core[placeholder="${placeholder}"]`)?.getAttribute('value');

describe('liaison form', () => {
  it('asks what the campaign asks, marks required fields, and checks each field before sending', async () => {
    const calls = serve(CAMPAIGN, []);
    const { container } = render(<LiaisonFormPage />);

    expect(await screen.findByText('姓名 *')).toBeTruthy();
    expect(screen.getByText('电子邮箱')).toBeTruthy();
    expect(screen.queryByText('性别')).toBeNull();
    // Not registered for the first unit yet: only the unit's name is filled in.
    expect(inputValue(container, '单位名称')).toBe('武进区工信局');
    expect(inputValue(container, '姓名')).toBe('');

    await typeInto(container, '职务', '科长');
    await typeInto(container, '手机', '1380000');
    await typeInto(container, '电子邮箱', 'wang@');
    await click('提交');

    expect(screen.getByText('请填写姓名')).toBeTruthy();
    expect(screen.getByText('手机号应为 11 位数字，以 1 开头')).toBeTruthy();
    expect(screen.getByText('电子邮箱格式不正确')).toBeTruthy();
    expect(screen.getByText('请按提示修改后再提交')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    await typeInto(container, '姓名', ' 王五 ');
    await typeInto(container, '手机', '13800000000');
    await typeInto(container, '电子邮箱', '');
    await click('提交');

    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.url).toBe('/api/campaigns/c1/liaisons/mine');
    expect(put?.data).toEqual({
      unitId: 'u2',
      values: { name: '王五', title: '科长', mobile: '13800000000', email: '', unitName: '武进区工信局' },
    });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交' }));
    expect(navigateBack).toHaveBeenCalled();
  });

  it('prefills my registration for the unit I choose', async () => {
    serve(CAMPAIGN, [MINE]);
    const { container } = render(<LiaisonFormPage />);
    await screen.findByText('姓名 *');

    // I registered for 新北区 (u3): it is chosen first, with my answers.
    const select = container.querySelector('select') as HTMLSelectElement;
    expect(select.value).toBe('u3');
    expect(inputValue(container, '姓名')).toBe('王五');
    expect(inputValue(container, '单位名称')).toBe('新北区工业和信息化局');

    await act(async () => {
      fireEvent.change(select, { target: { value: 'u2' } });
    });
    expect(inputValue(container, '姓名')).toBe('');
    expect(inputValue(container, '单位名称')).toBe('武进区工信局');
  });

  it('shows the server’s per-field messages', async () => {
    serve(CAMPAIGN, [MINE], () =>
      apiError(400, 'VALIDATION_FAILED', '联络员信息有误', [{ field: 'values.mobile', message: '该手机号已登记为其他单位的联络员' }]),
    );
    render(<LiaisonFormPage />);
    await screen.findByText('姓名 *');

    await click('提交');

    expect(screen.getByText('联络员信息有误')).toBeTruthy();
    expect(screen.getByText('该手机号已登记为其他单位的联络员')).toBeTruthy();
    expect(navigateBack).not.toHaveBeenCalled();
  });
});
