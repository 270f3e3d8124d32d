import { formatDueAt, formatPeriod } from './format';
import { defaultReminderPolicy, normalizeReminderPolicy, validateReminderPolicy, type ReminderPolicy } from './policy';

const withChanges = (changes: Record<string, unknown>) => ({ ...defaultReminderPolicy(), ...changes });
const fields = (policy: unknown) => validateReminderPolicy(policy).map((p) => p.field);

describe('validateReminderPolicy', () => {
  it('accepts the default and other sound policies', () => {
    expect(validateReminderPolicy(defaultReminderPolicy())).toEqual([]);
    const quietlessLate = { offsetsBeforeMinutes: [], overdueAt: { afterMinutes: 43200 }, escalation: false, quietHours: null, channels: ['email', 'inbox', 'wecom', 'wechat'] };
    expect(validateReminderPolicy(quietlessLate)).toEqual([]);
    expect(validateReminderPolicy(withChanges({ overdueAt: null, escalation: false, offsetsBeforeMinutes: [1, 43200, 60, 120, 7] }))).toEqual([]);
  });

  it('refuses what is not a policy', () => {
    expect(validateReminderPolicy(null)).toEqual([{ message: '提醒规则应为对象' }]);
    expect(validateReminderPolicy([])).toEqual([{ message: '提醒规则应为对象' }]);
  });

  it('asks for at most five distinct whole minutes up to 30 days before', () => {
    expect(validateReminderPolicy(withChanges({ offsetsBeforeMinutes: 60 }))).toEqual([{ field: 'offsetsBeforeMinutes', message: '提前提醒应为分钟数的列表（可为空）' }]);
    expect(validateReminderPolicy(withChanges({ offsetsBeforeMinutes: [1, 2, 3, 4, 5, 6] }))).toEqual([{ field: 'offsetsBeforeMinutes', message: '提前提醒最多 5 个' }]);
    expect(fields(withChanges({ offsetsBeforeMinutes: [0, -5, 1.5, '60', 43201] }))).toEqual([0, 1, 2, 3, 4].map((i) => `offsetsBeforeMinutes.${i}`));
    expect(validateReminderPolicy(withChanges({ offsetsBeforeMinutes: [120, 60, 120] }))).toEqual([{ field: 'offsetsBeforeMinutes.2', message: '提前提醒时间不能重复' }]);
    expect(validateReminderPolicy(withChanges({ offsetsBeforeMinutes: [43201] }))[0].message).toBe('提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）');
  });

  it('takes the overdue notice as minutes after the deadline or a time on the next day, one of the two, or none', () => {
    expect(validateReminderPolicy(withChanges({ overdueAt: { afterMinutes: 0 } }))).toEqual([{ field: 'overdueAt.afterMinutes', message: '逾期提醒应在截止后 1 到 43200 分钟（30 天）之内' }]);
    expect(validateReminderPolicy(withChanges({ overdueAt: { nextDayAt: '24:00' } }))).toEqual([{ field: 'overdueAt.nextDayAt', message: '次日提醒时刻应为 00:00 到 23:59 之间的 HH:mm' }]);
    expect(fields(withChanges({ overdueAt: { nextDayAt: '9:00' } }))).toEqual(['overdueAt.nextDayAt']);
    for (const wrong of [{}, { afterMinutes: 60, nextDayAt: '09:00' }, { at: '09:00' }, 'tomorrow', undefined]) {
      expect(fields(withChanges({ overdueAt: wrong, escalation: false }))).toEqual(['overdueAt']);
    }
  });

  it('sends the digest with the overdue notice only', () => {
    expect(validateReminderPolicy(withChanges({ overdueAt: null }))).toEqual([{ field: 'escalation', message: '未交汇总与逾期提醒同时发送，请先设置逾期提醒' }]);
    expect(validateReminderPolicy(withChanges({ escalation: 'yes' }))).toEqual([{ field: 'escalation', message: '未交汇总应为是或否' }]);
  });

  it('takes quiet hours as two different times of day, or none', () => {
    expect(validateReminderPolicy(withChanges({ quietHours: { from: '22:00', to: '22:00' } }))).toEqual([{ field: 'quietHours', message: '免打扰开始与结束时刻不能相同' }]);
    expect(fields(withChanges({ quietHours: { from: '25:00', to: '8:00' } }))).toEqual(['quietHours.from', 'quietHours.to']);
    expect(fields(withChanges({ quietHours: '22:00-08:00' }))).toEqual(['quietHours']);
    expect(validateReminderPolicy(withChanges({ quietHours: { from: '00:00', to: '23:59' } }))).toEqual([]);
  });

  it('takes one or more distinct known channels', () => {
    expect(validateReminderPolicy(withChanges({ channels: [] }))).toEqual([{ field: 'channels', message: '请至少选择一个发送渠道' }]);
    expect(validateReminderPolicy(withChanges({ channels: ['inbox', 'sms'] }))).toEqual([
      { field: 'channels.1', message: '发送渠道只能是站内消息、微信订阅消息、企业微信群机器人、电子邮件' },
    ]);
    expect(validateReminderPolicy(withChanges({ channels: ['inbox', 'inbox'] }))).toEqual([{ field: 'channels.1', message: '发送渠道不能重复' }]);
    expect(fields(withChanges({ channels: 'inbox' }))).toEqual(['channels']);
  });

  it('refuses keys a policy does not have', () => {
    expect(validateReminderPolicy(withChanges({ note: 'x', quietHours: { from: '22:00', to: '08:00', days: [1] } }))).toEqual([
      { field: 'note', message: '不允许的字段' },
      { field: 'quietHours.days', message: '不允许的字段' },
    ]);
  });

  it('reports every field that is wrong at once', () => {
    expect(fields({ offsetsBeforeMinutes: [0], overdueAt: { afterMinutes: -1 }, escalation: 1, quietHours: { from: 'x', to: '08:00' }, channels: [] })).toEqual([
      'offsetsBeforeMinutes.0',
      'overdueAt.afterMinutes',
      'escalation',
      'quietHours.from',
      'channels',
    ]);
  });
});

describe('normalizeReminderPolicy', () => {
  it('keeps only the policy’s own keys, offsets from the earliest reminder on and channels in their usual order', () => {
    const sent = { ...defaultReminderPolicy(), offsetsBeforeMinutes: [60, 1440, 120], channels: ['email', 'inbox'], quietHours: { from: '22:00', to: '07:00', extra: 1 }, note: 'x' };
    expect(normalizeReminderPolicy(sent as unknown as ReminderPolicy)).toEqual({
      offsetsBeforeMinutes: [1440, 120, 60],
      overdueAt: { nextDayAt: '09:00' },
      escalation: true,
      quietHours: { from: '22:00', to: '07:00' },
      channels: ['inbox', 'email'],
    });
  });
});

describe('formatDueAt and formatPeriod', () => {
  it('writes a due instant in China time, midnight as 24:00 of the day before', () => {
    expect(formatDueAt('2027-06-09T16:00:00.000Z')).toBe('2027年6月9日 24:00');
    expect(formatDueAt('2027-06-09T10:00:00.000Z')).toBe('2027年6月9日 18:00');
    expect(formatDueAt('2027-06-30T16:30:00.000Z')).toBe('2027年7月1日 00:30');
  });

  it('names weeks and months, and nothing for a one-off deadline', () => {
    expect(formatPeriod('2027-W23')).toBe('2027年第23周');
    expect(formatPeriod('2027-07')).toBe('2027年7月');
    expect(formatPeriod('once')).toBe('');
  });
});
