import { validateDeadlineRule } from '.';

describe('validateDeadlineRule', () => {
  it('accepts the rules of the seed plans', () => {
    expect(validateDeadlineRule({ kind: 'once', due: '2021-06-04 18:00' })).toEqual([]);
    expect(validateDeadlineRule({ kind: 'once', due: '2022-05-30', opens: '2022-05-24' })).toEqual([]);
    expect(validateDeadlineRule({ kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' })).toEqual([]);
    expect(validateDeadlineRule({ kind: 'monthly', day: 28, time: '17:30', from: '2020-07-01', until: '2020-12-31' })).toEqual([]);
  });

  it('rejects dates that are malformed or do not exist', () => {
    expect(validateDeadlineRule({ kind: 'once', due: '2021-02-30' })).toEqual(['截止时间（due）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm，收到：2021-02-30']);
    expect(validateDeadlineRule({ kind: 'once', due: '2021/6/4' })).toEqual(['截止时间（due）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm，收到：2021/6/4']);
    expect(validateDeadlineRule({ kind: 'once', due: '2021-06-04 24:00' })).toEqual(['截止时间（due）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm，收到：2021-06-04 24:00']);
    expect(validateDeadlineRule({ kind: 'once' })).toEqual(['截止时间（due）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm，但未填写']);
    expect(validateDeadlineRule({ kind: 'monthly', day: 28, from: '2020-13-01', until: '2021-02-29' })).toEqual([
      '开始日期（from）应为存在的日期 YYYY-MM-DD，收到：2020-13-01',
      '结束日期（until）应为存在的日期 YYYY-MM-DD，收到：2021-02-29',
    ]);
  });

  it('rejects opens that is not before due', () => {
    expect(validateDeadlineRule({ kind: 'once', due: '2021-06-04 18:00', opens: '2021-06-04 18:00' })).toEqual(['开始时间（opens）应早于截止时间（due）']);
    expect(validateDeadlineRule({ kind: 'once', due: '2021-06-04', opens: 'soon' })).toEqual(['开始时间（opens）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm，收到：soon']);
  });

  it('rejects until before from', () => {
    expect(validateDeadlineRule({ kind: 'weekly', weekday: 3, from: '2022-06-30', until: '2022-06-01' })).toEqual(['结束日期（until）不能早于开始日期（from）']);
  });

  it('rejects a weekday out of range and a time that is not on the clock', () => {
    const weekday = '星期（weekday）应为 1 到 7 的整数（1 为星期一，7 为星期日）';
    for (const value of [0, 8, 2.5, '3']) {
      expect(validateDeadlineRule({ kind: 'weekly', weekday: value, from: '2022-06-01', until: '2022-06-30' })).toEqual([weekday]);
    }
    expect(validateDeadlineRule({ kind: 'weekly', weekday: 9, time: '25:00', from: '2022-06-01', until: '2022-06-30' })).toEqual([
      weekday,
      '时间（time）应为 00:00 到 23:59 之间的 HH:mm，收到：25:00',
    ]);
    expect(validateDeadlineRule({ kind: 'monthly', day: 28, time: '9:00', from: '2020-07-01', until: '2020-12-31' })).toEqual(['时间（time）应为 00:00 到 23:59 之间的 HH:mm，收到：9:00']);
  });

  it('rejects a day of the month out of range', () => {
    for (const day of [0, 32, 15.5]) {
      expect(validateDeadlineRule({ kind: 'monthly', day, from: '2020-07-01', until: '2020-12-31' })).toEqual(['日期（day）应为 1 到 31 的整数']);
    }
  });

  it('rejects a range without any due day', () => {
    expect(validateDeadlineRule({ kind: 'weekly', weekday: 7, from: '2022-06-01', until: '2022-06-03' })).toEqual(['开始日期与结束日期之间没有符合规则的截止日']);
    expect(validateDeadlineRule({ kind: 'monthly', day: 28, from: '2020-07-01', until: '2020-07-27' })).toEqual(['开始日期与结束日期之间没有符合规则的截止日']);
  });

  it('rejects what is not a rule', () => {
    expect(validateDeadlineRule(null)).toEqual(['截止规则应为对象']);
    expect(validateDeadlineRule('每周三')).toEqual(['截止规则应为对象']);
    expect(validateDeadlineRule({ kind: 'daily' })).toEqual(['截止规则类型（kind）应为 once（一次）、weekly（每周）或 monthly（每月）']);
  });
});
