import { dateParts, joinDateParts, yearChoices } from './dateParts';

describe('date parts of the h5 date input', () => {
  it('splits and joins dates and 24-hour times', () => {
    expect(dateParts('date', '2027-06-05')).toEqual(['2027', '6', '5']);
    expect(dateParts('date', '')).toEqual(['', '', '']);
    expect(dateParts('time', '21:05')).toEqual(['21', '5']);
    expect(joinDateParts('date', ['2027', '6', '5'])).toBe('2027-06-05');
    expect(joinDateParts('time', ['21', '5'])).toBe('21:05');
    expect(joinDateParts('time', ['0', '0'])).toBe('00:00');
  });

  it('reports a half-chosen or impossible date as not chosen', () => {
    expect(joinDateParts('date', ['2027', '6', ''])).toBe('');
    expect(joinDateParts('date', ['2027', '2', '29'])).toBe('');
    expect(joinDateParts('date', ['2028', '2', '29'])).toBe('2028-02-29');
    expect(joinDateParts('time', ['24', '0'])).toBe('');
  });

  it('offers the years around this one in China, and the chosen year', () => {
    // 31 Dec 2026 20:00 UTC is already 2027 in China.
    const now = Date.parse('2026-12-31T20:00:00.000Z');
    expect(yearChoices(undefined, now)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032]);
    expect(yearChoices(2015, now)[0]).toBe(2015);
  });
});
