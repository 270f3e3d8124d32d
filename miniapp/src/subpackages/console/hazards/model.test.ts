import { DEFAULT_HAZARD_CATEGORIES, type HazardSettingsDto } from '@safemonth/shared';
import { actionLabel, categoryProblem, handlerActions, rewardAmount, settingsDraftOf, settingsRequest } from './model';

describe('handlerActions', () => {
  it('offers only the steps the shared transitions allow from each status', () => {
    expect(handlerActions('submitted')).toEqual(['startVerification', 'verify', 'reject']);
    expect(handlerActions('verifying')).toEqual(['verify', 'reject']);
    expect(handlerActions('verified')).toEqual(['reject', 'assign']);
    expect(handlerActions('unfounded')).toEqual(['verify']);
    // The unit reports the rectification itself; the handler may only give it to another unit.
    expect(handlerActions('rectifying')).toEqual(['assign']);
    expect(actionLabel('assign', 'rectifying')).toBe('改派整改单位');
    expect(actionLabel('assign', 'verified')).toBe('交办整改');
    expect(handlerActions('rectified')).toEqual(['close', 'reopen']);
    expect(handlerActions('closed')).toEqual(['reopen']);
  });
});

it('rewardAmount takes yuan with at most two decimals within the limit', () => {
  expect(rewardAmount(' 200 ')).toEqual({ amountYuan: 200 });
  expect(rewardAmount('0.5')).toEqual({ amountYuan: 0.5 });
  expect(rewardAmount('12.345')).toEqual({ problem: '请填写奖励金额（元），最多两位小数' });
  expect(rewardAmount('')).toEqual({ problem: '请填写奖励金额（元），最多两位小数' });
  expect(rewardAmount('0')).toEqual({ problem: '奖励金额应在 0.01 到 1000000 元之间' });
  expect(rewardAmount('1000001')).toEqual({ problem: '奖励金额应在 0.01 到 1000000 元之间' });
});

it('categoryProblem refuses an empty, long or repeated name, and more than the limit', () => {
  expect(categoryProblem('', ['消防'])).toBe('请填写类别名称');
  expect(categoryProblem('消防', ['消防'])).toBe('已有类别「消防」');
  expect(categoryProblem('很'.repeat(21), [])).toBe('类别名称最多 20 个字');
  expect(categoryProblem('电力', Array.from({ length: 30 }, (_, i) => `类别${i}`))).toBe('最多 30 个类别');
  expect(categoryProblem('电力', [...DEFAULT_HAZARD_CATEGORIES])).toBeUndefined();
});

it('settingsRequest sends the handlers by id and no zeroing date as null', () => {
  const saved: HazardSettingsDto = {
    allowAnonymous: true,
    allowPublic: false,
    categories: ['消防'],
    zeroingDate: null,
    fields: { received: 'f1', verified: null, rewarded: null, exposed: null, closed: null },
    handlers: [{ personId: 'p1', displayName: '王五' }],
  };
  const draft = settingsDraftOf(saved);
  expect(draft.zeroingDate).toBe('');
  expect(settingsRequest(draft)).toEqual({ allowAnonymous: true, allowPublic: false, categories: ['消防'], zeroingDate: null, fields: saved.fields, handlerIds: ['p1'] });
});
