import { countdownText, daysLeftText, describeRule, formatDueLong, formatDueShort } from './deadlines';
import { fieldDisplay, phaseDates } from './campaigns';

describe('deadline texts (China time)', () => {
  it('writes a due instant as the notices do: a date alone is due at 24:00 of that day', () => {
    expect(formatDueShort('2022-06-04T10:00:00.000Z')).toBe('6月4日 18:00');
    expect(formatDueShort('2022-07-02T16:00:00.000Z')).toBe('7月2日 24:00');
    expect(formatDueLong('2022-06-01T16:00:00.000Z')).toBe('2022年6月1日 周三 24:00');
    expect(formatDueLong('2022-12-31T15:59:00.000Z')).toBe('2022年12月31日 周六 23:59');
  });

  it('counts whole days and the time left', () => {
    const now = Date.parse('2022-06-01T02:00:00.000Z');
    expect(daysLeftText('2022-06-04T10:00:00.000Z', now)).toBe('还剩 3 天');
    expect(daysLeftText('2022-06-01T10:00:00.000Z', now)).toBe('还剩不到 1 天');
    expect(daysLeftText('2022-06-01T01:00:00.000Z', now)).toBe('已截止');
    expect(countdownText('2022-06-03T05:30:00.000Z', now)).toBe('2 天 3 小时');
    expect(countdownText('2022-06-01T05:20:00.000Z', now)).toBe('3 小时 20 分钟');
    expect(countdownText('2022-06-01T02:20:30.000Z', now)).toBe('20 分钟');
    expect(countdownText('2022-06-01T02:00:30.000Z', now)).toBe('不到 1 分钟');
  });

  it('describes rules in words', () => {
    expect(describeRule({ kind: 'once', due: '2021-06-04 18:00' })).toBe('6月4日 18:00 前');
    expect(describeRule({ kind: 'once', due: '2021-07-02' })).toBe('7月2日前');
    expect(describeRule({ kind: 'weekly', weekday: 4, from: '2020-06-01', until: '2020-07-31' })).toBe('每周四前（2020年6月1日 至 2020年7月31日）');
    expect(describeRule({ kind: 'monthly', day: 28, time: '17:00', from: '2020-07-01', until: '2020-12-31' })).toBe(
      '每月 28 日 17:00 前（2020年7月1日 至 2020年12月31日）',
    );
  });

  it('shows statistics fields with their unit or kind, and phase dates', () => {
    expect(fieldDisplay({ kind: 'count', label: '理论学习中心组学习', unit: '次' })).toBe('理论学习中心组学习（次）');
    expect(fieldDisplay({ kind: 'count', label: '合计', unit: '' })).toBe('合计');
    expect(fieldDisplay({ kind: 'count', label: '理论学习中心组学习·参与人次', unit: '人次' })).toBe('理论学习中心组学习·参与人次');
    expect(fieldDisplay({ kind: 'boolean', label: '专题学习' })).toBe('专题学习（是/否）');
    expect(fieldDisplay({ kind: 'text', label: '典型案例具体为' })).toBe('典型案例具体为（文字）');
    expect(phaseDates('2022-06-01', '2022-12-31')).toBe('6月1日–12月31日');
  });
});
