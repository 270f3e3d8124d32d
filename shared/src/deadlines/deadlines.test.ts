import fc from 'fast-check';
import { deadlineInstances, nextDeadline, ONCE_DEFAULT_OPEN_DAYS, type DeadlineRule } from '.';

const instance = (periodKey: string, opensAt: string, dueAt: string) => ({ periodKey, opensAt, dueAt });

describe('deadlineInstances for the seed plans', () => {
  it.each<[string, DeadlineRule, string, string]>([
    // [wording and plan, rule, opensAt, dueAt]
    ['zhongwei 2021 liaison and plan: 6月4日18时前', { kind: 'once', due: '2021-06-04 18:00' }, '2021-05-04T16:00:00.000Z', '2021-06-04T10:00:00.000Z'],
    ['zhongwei 2021 summary and statistics table: 7月2日前', { kind: 'once', due: '2021-07-02' }, '2021-06-01T16:00:00.000Z', '2021-07-02T16:00:00.000Z'],
    ['changzhou 2022 liaison form: 5月30日前 (plan of 5月24日)', { kind: 'once', due: '2022-05-30', opens: '2022-05-24' }, '2022-05-23T16:00:00.000Z', '2022-05-30T16:00:00.000Z'],
    ['changzhou 2022 summary and statistics table: 6月28日前', { kind: 'once', due: '2022-06-28', opens: '2022-06-01' }, '2022-05-31T16:00:00.000Z', '2022-06-28T16:00:00.000Z'],
    ['changzhou 2022 study of the fifteen measures: 6月底前', { kind: 'once', due: '2022-06-30', opens: '2022-06-01' }, '2022-05-31T16:00:00.000Z', '2022-06-30T16:00:00.000Z'],
    ['changzhou 2022 百团进百万企业 lectures: 8月底前', { kind: 'once', due: '2022-08-31', opens: '2022-06-01' }, '2022-05-31T16:00:00.000Z', '2022-08-31T16:00:00.000Z'],
    ['jiexi 2020 plan and liaison: 6月5日前', { kind: 'once', due: '2020-06-05' }, '2020-05-05T16:00:00.000Z', '2020-06-05T16:00:00.000Z'],
    ['jiexi 2020 summary: 7月10日前', { kind: 'once', due: '2020-07-10' }, '2020-06-09T16:00:00.000Z', '2020-07-10T16:00:00.000Z'],
    ['jinghai 2021 hazards cleared: 从6月5日…确保7月1日前', { kind: 'once', due: '2021-07-01', opens: '2021-06-05' }, '2021-06-04T16:00:00.000Z', '2021-07-01T16:00:00.000Z'],
  ])('%s', (_wording, rule, opensAt, dueAt) => {
    expect(deadlineInstances(rule)).toEqual([instance('once', opensAt, dueAt)]);
  });

  it('changzhou 2022: materials every Wednesday (每周三) during the month, 6月1日至6月30日', () => {
    expect(deadlineInstances({ kind: 'weekly', weekday: 3, from: '2022-06-01', until: '2022-06-30' })).toEqual([
      instance('2022-W22', '2022-05-31T16:00:00.000Z', '2022-06-01T16:00:00.000Z'),
      instance('2022-W23', '2022-06-01T16:00:00.000Z', '2022-06-08T16:00:00.000Z'),
      instance('2022-W24', '2022-06-08T16:00:00.000Z', '2022-06-15T16:00:00.000Z'),
      instance('2022-W25', '2022-06-15T16:00:00.000Z', '2022-06-22T16:00:00.000Z'),
      instance('2022-W26', '2022-06-22T16:00:00.000Z', '2022-06-29T16:00:00.000Z'),
    ]);
  });

  it('jiexi 2020: every Thursday from June to July (6月至7月，每周四)', () => {
    expect(deadlineInstances({ kind: 'weekly', weekday: 4, from: '2020-06-01', until: '2020-07-31' })).toEqual([
      instance('2020-W23', '2020-05-31T16:00:00.000Z', '2020-06-04T16:00:00.000Z'),
      instance('2020-W24', '2020-06-04T16:00:00.000Z', '2020-06-11T16:00:00.000Z'),
      instance('2020-W25', '2020-06-11T16:00:00.000Z', '2020-06-18T16:00:00.000Z'),
      instance('2020-W26', '2020-06-18T16:00:00.000Z', '2020-06-25T16:00:00.000Z'),
      instance('2020-W27', '2020-06-25T16:00:00.000Z', '2020-07-02T16:00:00.000Z'),
      instance('2020-W28', '2020-07-02T16:00:00.000Z', '2020-07-09T16:00:00.000Z'),
      instance('2020-W29', '2020-07-09T16:00:00.000Z', '2020-07-16T16:00:00.000Z'),
      instance('2020-W30', '2020-07-16T16:00:00.000Z', '2020-07-23T16:00:00.000Z'),
      instance('2020-W31', '2020-07-23T16:00:00.000Z', '2020-07-30T16:00:00.000Z'),
    ]);
  });

  it('jiexi 2020: by the 28th of every month from July to December (7月至12月，每月28号前)', () => {
    expect(deadlineInstances({ kind: 'monthly', day: 28, from: '2020-07-01', until: '2020-12-31' })).toEqual([
      instance('2020-07', '2020-06-30T16:00:00.000Z', '2020-07-28T16:00:00.000Z'),
      instance('2020-08', '2020-07-28T16:00:00.000Z', '2020-08-28T16:00:00.000Z'),
      instance('2020-09', '2020-08-28T16:00:00.000Z', '2020-09-28T16:00:00.000Z'),
      instance('2020-10', '2020-09-28T16:00:00.000Z', '2020-10-28T16:00:00.000Z'),
      instance('2020-11', '2020-10-28T16:00:00.000Z', '2020-11-28T16:00:00.000Z'),
      instance('2020-12', '2020-11-28T16:00:00.000Z', '2020-12-28T16:00:00.000Z'),
    ]);
  });
});

describe('deadlineInstances rules', () => {
  it('opens a once-deadline at the given minute, or 30 days before the due day', () => {
    expect(ONCE_DEFAULT_OPEN_DAYS).toBe(30);
    expect(deadlineInstances({ kind: 'once', due: '2021-03-01 09:30', opens: '2021-02-27 08:00' })).toEqual([
      instance('once', '2021-02-27T00:00:00.000Z', '2021-03-01T01:30:00.000Z'),
    ]);
    expect(deadlineInstances({ kind: 'once', due: '2021-03-01 00:00' })).toEqual([
      instance('once', '2021-01-29T16:00:00.000Z', '2021-02-28T16:00:00.000Z'),
    ]);
  });

  it('puts a weekly time on each due day', () => {
    expect(deadlineInstances({ kind: 'weekly', weekday: 5, time: '18:00', from: '2022-06-01', until: '2022-06-12' })).toEqual([
      instance('2022-W22', '2022-05-31T16:00:00.000Z', '2022-06-03T10:00:00.000Z'),
      instance('2022-W23', '2022-06-03T10:00:00.000Z', '2022-06-10T10:00:00.000Z'),
    ]);
  });

  it('counts from and until as included days', () => {
    const keys = (rule: DeadlineRule) => deadlineInstances(rule).map((each) => each.dueAt);
    expect(keys({ kind: 'weekly', weekday: 1, from: '2022-06-06', until: '2022-06-13' })).toEqual(['2022-06-06T16:00:00.000Z', '2022-06-13T16:00:00.000Z']);
    expect(keys({ kind: 'monthly', day: 15, from: '2022-06-15', until: '2022-07-15' })).toEqual(['2022-06-15T16:00:00.000Z', '2022-07-15T16:00:00.000Z']);
  });

  it('names weeks by ISO year across a year boundary', () => {
    const keys = (rule: DeadlineRule) => deadlineInstances(rule).map((each) => each.periodKey);
    expect(keys({ kind: 'weekly', weekday: 5, from: '2020-12-25', until: '2021-01-15' })).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
    expect(keys({ kind: 'weekly', weekday: 1, from: '2024-12-23', until: '2025-01-06' })).toEqual(['2024-W52', '2025-W01', '2025-W02']);
    expect(keys({ kind: 'weekly', weekday: 7, from: '2026-12-27', until: '2027-01-10' })).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('moves day 31 to the last day of shorter months, February of leap and common years included', () => {
    const dueDays = (rule: DeadlineRule) => deadlineInstances(rule).map((each) => [each.periodKey, each.dueAt]);
    expect(dueDays({ kind: 'monthly', day: 31, from: '2024-01-01', until: '2024-06-30' })).toEqual([
      ['2024-01', '2024-01-31T16:00:00.000Z'],
      ['2024-02', '2024-02-29T16:00:00.000Z'],
      ['2024-03', '2024-03-31T16:00:00.000Z'],
      ['2024-04', '2024-04-30T16:00:00.000Z'],
      ['2024-05', '2024-05-31T16:00:00.000Z'],
      ['2024-06', '2024-06-30T16:00:00.000Z'],
    ]);
    expect(dueDays({ kind: 'monthly', day: 30, from: '2023-01-01', until: '2023-03-31' })).toEqual([
      ['2023-01', '2023-01-30T16:00:00.000Z'],
      ['2023-02', '2023-02-28T16:00:00.000Z'],
      ['2023-03', '2023-03-30T16:00:00.000Z'],
    ]);
  });

  it('leaves out a monthly day outside the range, even after clamping', () => {
    expect(deadlineInstances({ kind: 'monthly', day: 31, time: '12:00', from: '2024-02-10', until: '2024-04-15' })).toEqual([
      instance('2024-02', '2024-02-09T16:00:00.000Z', '2024-02-29T04:00:00.000Z'),
      instance('2024-03', '2024-02-29T04:00:00.000Z', '2024-03-31T04:00:00.000Z'),
    ]);
  });

  it('throws on an invalid rule with the validation messages', () => {
    expect(() => deadlineInstances({ kind: 'weekly', weekday: 3, from: '2022-06-30', until: '2022-06-01' })).toThrow('结束日期（until）不能早于开始日期（from）');
  });

  it('chains periodic instances on the right days: each opens when the one before falls due', () => {
    const DAY_MS = 86_400_000;
    // Ranges of at least 31 days hold every weekday and every (clamped) day of the month.
    const range = fc
      .tuple(fc.integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2099, 0, 1) / DAY_MS }), fc.integer({ min: 30, max: 800 }))
      .map(([from, length]) => ({ from: new Date(from * DAY_MS).toISOString().slice(0, 10), until: new Date((from + length) * DAY_MS).toISOString().slice(0, 10) }));
    const rule: fc.Arbitrary<Exclude<DeadlineRule, { kind: 'once' }>> = fc.oneof(
      fc.tuple(fc.constantFrom(1, 2, 3, 4, 5, 6, 7) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6 | 7>, range).map(([weekday, dates]) => ({ kind: 'weekly' as const, weekday, ...dates })),
      fc.tuple(fc.integer({ min: 1, max: 31 }), range).map(([day, dates]) => ({ kind: 'monthly' as const, day, ...dates })),
    );
    fc.assert(
      fc.property(rule, (rule) => {
        const instances = deadlineInstances(rule);
        expect(instances.length).toBeGreaterThan(0);
        expect(instances[0].opensAt).toBe(new Date(`${rule.from}T00:00:00+08:00`).toISOString());
        instances.forEach((each, index) => {
          if (index > 0) expect(each.opensAt).toBe(instances[index - 1].dueAt);
          // Without a time, dueAt is 24:00 China time: the last millisecond before it is on the due day.
          const dueDay = new Date(Date.parse(each.dueAt) + 8 * 3_600_000 - 1);
          if (rule.kind === 'weekly') expect(dueDay.getUTCDay() || 7).toBe(rule.weekday);
          if (rule.kind === 'monthly') {
            const lastOfMonth = new Date(Date.UTC(dueDay.getUTCFullYear(), dueDay.getUTCMonth() + 1, 0)).getUTCDate();
            expect(dueDay.getUTCDate()).toBe(Math.min(rule.day, lastOfMonth));
            expect(each.periodKey).toBe(dueDay.toISOString().slice(0, 7));
          }
        });
        expect(new Set(instances.map((each) => each.periodKey)).size).toBe(instances.length);
      }),
    );
  });
});

describe('nextDeadline', () => {
  // The deliverables of the jiexi 2020 plan.
  const rules: { id: string; rule: DeadlineRule }[] = [
    { id: 'plan', rule: { kind: 'once', due: '2020-06-05' } },
    { id: 'weekly', rule: { kind: 'weekly', weekday: 4, from: '2020-06-01', until: '2020-07-31' } },
    { id: 'monthly', rule: { kind: 'monthly', day: 28, from: '2020-07-01', until: '2020-12-31' } },
    { id: 'summary', rule: { kind: 'once', due: '2020-07-10' } },
  ];
  const next = (now: string) => {
    const found = nextDeadline(rules, new Date(now));
    return found && [found.id, found.instance.periodKey, found.instance.dueAt];
  };

  it('finds the earliest instance still to fall due across the rules', () => {
    expect(next('2020-06-01T00:00:00.000Z')).toEqual(['weekly', '2020-W23', '2020-06-04T16:00:00.000Z']);
    expect(next('2020-06-05T15:59:59.999Z')).toEqual(['plan', 'once', '2020-06-05T16:00:00.000Z']);
    expect(next('2020-07-10T12:00:00.000Z')).toEqual(['summary', 'once', '2020-07-10T16:00:00.000Z']);
    expect(next('2020-08-01T00:00:00.000Z')).toEqual(['monthly', '2020-08', '2020-08-28T16:00:00.000Z']);
  });

  it('treats a deadline as passed at its own instant', () => {
    expect(next('2020-06-05T16:00:00.000Z')).toEqual(['weekly', '2020-W24', '2020-06-11T16:00:00.000Z']);
  });

  it('prefers the earlier rule on a tie and answers undefined when everything is past', () => {
    const tie = nextDeadline([{ id: 'a', rule: { kind: 'once', due: '2020-06-04' } }, ...rules], new Date('2020-06-01T00:00:00.000Z'));
    expect(tie?.id).toBe('a');
    expect(next('2020-12-28T16:00:00.000Z')).toBeUndefined();
    expect(nextDeadline([], new Date())).toBeUndefined();
  });
});
