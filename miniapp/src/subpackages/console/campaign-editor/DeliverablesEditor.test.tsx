import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { ReplaceDeliverablesRequest } from '@safemonth/shared';
import { DeliverablesEditor } from './DeliverablesEditor';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, mockRequest, render, setNativeInput, typeInto } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';

const WEEKLY = campaignDto({
  deliverables: [
    { id: 'd1', kind: 'weekly_materials', title: '每周活动材料', rule: { kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-07-31' } },
  ],
});

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('deliverables editor', () => {
  it('previews the first two due instants of a weekly rule in China time', () => {
    render(<DeliverablesEditor campaign={WEEKLY} />);

    expect(screen.getByText('共 9 次截止，最早两次：')).toBeTruthy();
    // 2022-06-01 was a Wednesday; without a time the whole day counts.
    expect(screen.getByText('2022年6月1日 周三 24:00')).toBeTruthy();
    expect(screen.getByText('2022年6月8日 周三 24:00')).toBeTruthy();
  });

  it('validates the rule with the shared rules, refuses to save it, and saves it once fixed', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: WEEKLY }));
    const { container } = render(<DeliverablesEditor campaign={WEEKLY} />);

    await setNativeInput(container, '结束日期', '2022-05-01');
    expect(screen.getByText('结束日期（until）不能早于开始日期（from）')).toBeTruthy();
    expect(screen.queryByText('2022年6月1日 周三 24:00')).toBeNull();
    await click('保存截止要求');
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy();
    expect(calls).toHaveLength(0);

    await setNativeInput(container, '结束日期', '2022-06-30');
    await setNativeInput(container, '截止时间', '18:00');
    await click('周四');
    expect(screen.getByText('共 5 次截止，最早两次：')).toBeTruthy();
    expect(screen.getByText('2022年6月2日 周四 18:00')).toBeTruthy();
    expect(screen.getByText('2022年6月9日 周四 18:00')).toBeTruthy();

    await click('保存截止要求');

    expect(calls[0].method).toBe('PUT');
    expect(calls[0].url).toBe('/api/campaigns/c1/deliverables');
    expect(calls[0].data as ReplaceDeliverablesRequest).toEqual({
      deliverables: [
        {
          id: 'd1',
          kind: 'weekly_materials',
          title: '每周活动材料',
          rule: { kind: 'weekly', weekday: 4, time: '18:00', from: '2022-06-01', until: '2022-06-30' },
        },
      ],
    });
  });

  it('adds a monthly deliverable and shows the server details under it', async () => {
    mockRequest(() =>
      apiError(400, 'VALIDATION_FAILED', '截止要求有误', [{ field: 'deliverables.1.rule', message: '日期（day）应为 1 到 31 的整数' }]),
    );
    const { container } = render(<DeliverablesEditor campaign={WEEKLY} />);

    await click('添加截止要求');
    const card = container.querySelectorAll('.deliverable-card')[1] as HTMLElement;
    await typeInto(card, '如：每周活动材料', '月度报告');
    await act(async () => {
      fireEvent.click(within(card).getByText('每月'));
    });
    // Monthly by the 28th from the campaign's phase: 2022-06-01 to 2022-06-30.
    expect(within(card).getByText('2022年6月28日 周二 24:00')).toBeTruthy();
    await click('保存截止要求');

    expect(screen.getByText('截止要求有误')).toBeTruthy();
    expect(within(card).getByText('日期（day）应为 1 到 31 的整数')).toBeTruthy();
  });
});
