import type { CountFieldValue, StatisticsTableDto, StatisticsTableField } from '@safemonth/shared';
import { countParts, fieldText, totalsChart } from './model';

const count = (id: string, label: string, value: number, unit = '次'): CountFieldValue => ({
  id,
  kind: 'count',
  label,
  unit,
  value,
  fromReports: value,
  fromManualEntries: 0,
});

describe('statistics model', () => {
  it('charts the largest sums of count fields across items, at most `top`, leaving out zeros and other kinds', () => {
    const table = {
      items: [
        { fields: [count('a', '咨询活动', 5, '场'), { id: 'b', kind: 'boolean', label: '专题片', unit: '', value: null, yesUnits: 3 }] },
        { fields: [count('c', '参与人次', 450, ''), count('d', '培训', 0), count('e', '演练', 12)] },
      ],
    } as unknown as StatisticsTableDto;
    expect(totalsChart(table, 2)).toEqual({ kind: 'bar', categories: ['参与人次', '演练（次）'], values: [450, 12] });
  });

  it('says yes/no and text answers per unit, and how many units in a subtree', () => {
    const yes: StatisticsTableField = { id: 'b', kind: 'boolean', label: '专题片', unit: '', value: true, yesUnits: 1 };
    const text: StatisticsTableField = { id: 't', kind: 'text', label: '典型案例', unit: '', value: null, answeredUnits: 2 };
    expect(fieldText(yes, 'unit', 1)).toBe('是');
    expect(fieldText({ ...yes, value: false }, 'unit', 1)).toBe('否');
    expect(fieldText({ ...yes, value: null }, 'unit', 1)).toBe('未填');
    expect(fieldText({ ...yes, value: null, yesUnits: 4 }, 'subtree', 7)).toBe('4/7 个单位是');
    expect(fieldText(text, 'unit', 1)).toBe('未填');
    expect(fieldText(text, 'subtree', 7)).toBe('2/7 个单位已填');
    expect(fieldText(count('a', '咨询活动', 5, '场'), 'unit', 1)).toBe('5 场');
  });

  it('tells a count\'s parts only when manual entries added to it', () => {
    expect(countParts(count('a', '咨询活动', 5))).toBeUndefined();
    expect(countParts({ ...count('a', '咨询活动', 5), fromReports: 3, fromManualEntries: 2 })).toBe('报告 3，手工录入 2');
  });
});
