import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import NewCampaignPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, inputsWithPlaceholder, mockRequest, render, typeInto, typeIntoInput } from '../../../../test/helpers';
import { campaignDto, person } from '../../../../test/campaigns';

const TEMPLATES = [
  { id: 't1', title: '安全生产月活动（中卫市 2021）', issuedBy: '中卫市安委办', year: 2021, name: '“安全生产月”活动', itemCount: 5, deliverableCount: 3 },
  {
    id: 't2',
    title: '安全生产月活动（常州市工信局 2022）',
    issuedBy: '常州市工信局',
    year: 2022,
    name: '“安全生产月”和“安全生产专题行”活动',
    itemCount: 5,
    deliverableCount: 4,
  },
];

let redirectTo: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation((() => Promise.resolve()) as never);
  // 2026-03-01 China time.
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-03-01T02:00:00.000Z'));
});

afterEach(() => {
  jest.restoreAllMocks();
});

function serve() {
  return mockRequest((call) => {
    if (call.url === '/api/me') {
      return {
        statusCode: 200,
        data: {
          person,
          memberships: [
            { id: 'm1', role: 'committee', unit: { id: 'u1', name: '中卫市安委办', kind: 'committee' } },
            { id: 'm2', role: 'committee', unit: { id: 'u9', name: '沙坡头区安委办', kind: 'committee' } },
            { id: 'm3', role: 'liaison', unit: { id: 'u5', name: '市交通运输局', kind: 'department' } },
          ],
        },
      };
    }
    if (call.url === '/api/campaign-templates') return { statusCode: 200, data: TEMPLATES };
    if (call.url === '/api/campaigns/from-template') return { statusCode: 201, data: campaignDto({ id: 'c7' }) };
    if (call.url === '/api/campaigns') return { statusCode: 201, data: campaignDto({ id: 'c8' }) };
    return { statusCode: 404 };
  });
}

describe('new campaign', () => {
  it('creates a draft from a template for the chosen committee unit and year, then opens the editor', async () => {
    const calls = serve();
    const { container } = render(<NewCampaignPage />);

    expect(await screen.findByText('安全生产月活动（常州市工信局 2022）')).toBeTruthy();
    expect(screen.getByText('常州市工信局 · 2022 年 · 5 个活动项目 · 4 项截止要求')).toBeTruthy();
    const select = container.querySelector('select') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['请选择主办单位', '中卫市安委办', '沙坡头区安委办']);

    await click('从模板创建');
    expect(screen.getByText('请选择一个模板')).toBeTruthy();

    await act(async () => {
      fireEvent.change(select, { target: { value: 'u9' } });
    });
    await click('安全生产月活动（常州市工信局 2022）');
    // In March the year defaults to this June's; the title to the template's name without its place.
    const years = container.querySelectorAll('taro-input-core[placeholder="年份，如 2026"]');
    expect(years[0].getAttribute('value')).toBe('2026');
    expect(inputsWithPlaceholder(container, '活动名称')[0].getAttribute('value')).toBe('2026年“安全生产月”和“安全生产专题行”活动');
    await click('从模板创建');

    expect(calls.find((call) => call.url === '/api/campaigns/from-template')?.data).toEqual({
      templateId: 't2',
      organizingUnitId: 'u9',
      year: 2026,
      title: '2026年“安全生产月”和“安全生产专题行”活动',
    });
    expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/console/campaign-editor/index?id=c7' });
  });

  it('defaults to next year after June, the title following the year until the committee types its own', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-02T04:00:00.000Z'));
    const calls = serve();
    const { container } = render(<NewCampaignPage />);
    await screen.findByText('安全生产月活动（中卫市 2021）');
    await click('安全生产月活动（中卫市 2021）');

    const [year] = inputsWithPlaceholder(container, '年份，如 2026');
    const title = () => inputsWithPlaceholder(container, '活动名称')[0];
    expect(year.getAttribute('value')).toBe('2027');
    expect(title().getAttribute('value')).toBe('2027年“安全生产月”活动');
    await typeIntoInput(year, '2028');
    expect(title().getAttribute('value')).toBe('2028年“安全生产月”活动');

    await typeIntoInput(title(), '');
    await click('从模板创建');
    expect(screen.getByText('请填写活动名称')).toBeTruthy();
    expect(calls.some((call) => call.url === '/api/campaigns/from-template')).toBe(false);

    await typeIntoInput(title(), '2028年沙坡头区安全生产月');
    await typeIntoInput(year, '2029');
    expect(title().getAttribute('value')).toBe('2028年沙坡头区安全生产月');
    await click('从模板创建');
    expect(calls.find((call) => call.url === '/api/campaigns/from-template')?.data).toEqual({
      templateId: 't1',
      organizingUnitId: 'u1',
      year: 2029,
      title: '2028年沙坡头区安全生产月',
    });
  });

  it('creates an empty draft', async () => {
    const calls = serve();
    const { container } = render(<NewCampaignPage />);
    await screen.findByText('安全生产月活动（常州市工信局 2022）');

    await click('新建空白活动');
    expect(screen.getByText('请填写活动名称')).toBeTruthy();

    await typeInto(container, '如：2026年安全生产月活动', '2026年安全生产月活动');
    await click('新建空白活动');

    expect(calls.find((call) => call.url === '/api/campaigns')?.data).toEqual({
      organizingUnitId: 'u1',
      title: '2026年安全生产月活动',
      year: 2026,
    });
    expect(redirectTo).toHaveBeenCalledWith({ url: '/subpackages/console/campaign-editor/index?id=c8' });
  });
});
