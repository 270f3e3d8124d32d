import { shiftDate, shiftRule, shiftTitle } from './year-shift';

describe('year shift', () => {
  it('moves dates and keeps times', () => {
    expect(shiftDate('2021-06-04 18:00', 1)).toBe('2022-06-04 18:00');
    expect(shiftDate('2020-12-31', 6)).toBe('2026-12-31');
  });

  it('turns 29 February into the 28th in a common year, and keeps it in a leap year', () => {
    expect(shiftDate('2020-02-29', 1)).toBe('2021-02-28');
    expect(shiftDate('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('moves every date of a rule, keeping weekday and day of month', () => {
    expect(shiftRule({ kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' }, 4)).toEqual({
      kind: 'weekly', weekday: 3, from: '2026-06-01', until: '2026-06-30',
    });
    expect(shiftRule({ kind: 'once', due: '2021-07-02', opens: '2021-06-01' }, 1)).toEqual({ kind: 'once', due: '2022-07-02', opens: '2022-06-01' });
  });

  it('replaces the year in a title only as a whole number', () => {
    expect(shiftTitle('2021年中卫市“安全生产月”活动', 2021, 2022)).toBe('2022年中卫市“安全生产月”活动');
    expect(shiftTitle('第120210号', 2021, 2022)).toBe('第120210号');
  });
});
