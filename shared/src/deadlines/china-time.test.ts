import { formatChinaDate, formatChinaInstant } from '.';

describe('China time as people read it', () => {
  it('writes dates and times in zh-CN form, on the 24-hour clock', () => {
    expect(formatChinaDate('2027-06-05')).toBe('2027年6月5日');
    expect(formatChinaDate('2027-12-31')).toBe('2027年12月31日');
    expect(formatChinaDate('')).toBe('');
    // 21:05 China time is written 21:05, never 9:05 PM.
    expect(formatChinaInstant('2027-06-05T13:05:00.000Z')).toBe('2027年6月5日 21:05');
    // Midnight China time is the next day's 00:00.
    expect(formatChinaInstant(new Date('2027-06-04T16:00:00.000Z'))).toBe('2027年6月5日 00:00');
  });

  it('writes nothing for an invalid instant', () => {
    expect(formatChinaInstant('not a date')).toBe('');
    expect(formatChinaInstant(new Date(Number.NaN))).toBe('');
  });
});
