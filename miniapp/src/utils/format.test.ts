import { formatChinaDate } from '@safemonth/shared';
import { chinaToIso, formatChinaTime, isoToChina } from './format';

describe('China time', () => {
  it('turns a China date and time into an instant and back', () => {
    const iso = chinaToIso('2026-06-16', '09:30');
    expect(iso).toBe('2026-06-16T01:30:00.000Z');
    expect(isoToChina(iso ?? '')).toEqual({ date: '2026-06-16', time: '09:30' });
    expect(chinaToIso('2026-06-16', '')).toBeUndefined();
    expect(formatChinaTime(iso ?? '')).toBe('2026年6月16日 09:30');
    expect(formatChinaTime('not a date')).toBe('');
  });

  it('writes dates and times in zh-CN form, on the 24-hour clock', () => {
    expect(formatChinaDate('2027-06-05')).toBe('2027年6月5日');
    expect(formatChinaDate('2027-12-31')).toBe('2027年12月31日');
    expect(formatChinaDate('')).toBe('');
    // 21:05 China time is written 21:05, never 9:05 PM.
    expect(formatChinaTime('2027-06-05T13:05:00.000Z')).toBe('2027年6月5日 21:05');
    // Midnight China time is the next day's 00:00.
    expect(formatChinaTime('2027-06-04T16:00:00.000Z')).toBe('2027年6月5日 00:00');
  });
});
