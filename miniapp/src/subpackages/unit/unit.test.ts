import type { DeliverableStatusDto } from '@safemonth/shared';
import { behind, isBlank, nextDue, periodDays, tableLockedReason, unitInstances, withinPeriod } from './unit';

const unit = { id: 'u2', name: '沙坡头区', kind: 'district' as const };
const instance = (periodKey: string, dueAt: string) => ({
  deliverableId: 'd1',
  title: '每周活动材料',
  kind: 'weekly_materials' as const,
  periodKey,
  opensAt: '2027-06-01T16:00:00.000Z',
  dueAt,
  completeness: {} as never,
});
const STATUS: DeliverableStatusDto = {
  campaignId: 'c1',
  unit,
  asOf: '',
  instances: [instance('a', '2027-06-02T16:00:00.000Z'), instance('b', '2027-06-09T16:00:00.000Z'), instance('c', '2027-06-05T16:00:00.000Z'), instance('d', '2027-06-16T16:00:00.000Z')],
  units: { items: [{ unit, expectedSince: '', statuses: ['not_expected', 'missing', 'returned', 'not_yet_due'] }], total: 1, page: 1, size: 20 },
};

describe('the 本单位 rules', () => {
  it('calls a field blank while nothing counts for it or it is unanswered', () => {
    const base = { id: 'f', label: '', unit: '' };
    expect(isBlank({ ...base, kind: 'count', value: 0, fromReports: 0, fromManualEntries: 0 })).toBe(true);
    expect(isBlank({ ...base, kind: 'count', value: 2, fromReports: 0, fromManualEntries: 2 })).toBe(false);
    expect(isBlank({ ...base, kind: 'boolean', value: null, yesUnits: 0 })).toBe(true);
    // 否 is an answer.
    expect(isBlank({ ...base, kind: 'boolean', value: false, yesUnits: 0 })).toBe(false);
    expect(isBlank({ ...base, kind: 'text', value: null, answeredUnits: 0 })).toBe(true);
    expect(isBlank({ ...base, kind: 'text', value: '宣传片', answeredUnits: 1 })).toBe(false);
  });

  it('closes the table while handed in or accepted, not before nor after a return', () => {
    const submission = (state: 'submitted' | 'accepted' | 'returned') => ({ state }) as never;
    expect(tableLockedReason(null)).toBeUndefined();
    expect(tableLockedReason(submission('returned'))).toBeUndefined();
    expect(tableLockedReason(submission('submitted'))).toContain('等待审核');
    expect(tableLockedReason(submission('accepted'))).toContain('已通过审核');
  });

  it('finds the next instance asked of the unit and those it is behind on, oldest first', () => {
    const mine = unitInstances(STATUS, 'u2');
    expect(unitInstances(STATUS, 'u9')).toBeUndefined();
    // 3 June: the first instance (2 June 24:00) is past; not asked of the unit anyway.
    expect(nextDue(mine ?? [], Date.parse('2027-06-03T00:00:00.000Z'))?.instance.periodKey).toBe('c');
    expect(nextDue(mine ?? [], Date.parse('2027-06-20T00:00:00.000Z'))).toBeUndefined();
    expect(behind(mine ?? []).map((i) => [i.instance.periodKey, i.status])).toEqual([
      ['c', 'returned'],
      ['b', 'missing'],
    ]);
  });

  it('names the China days of an instance’s period, and whether an activity starts within it', () => {
    // Opens 2 June 00:00, due 10 June 00:00 (9 June 24:00) China time.
    const week = { opensAt: '2027-06-01T16:00:00.000Z', dueAt: '2027-06-09T16:00:00.000Z' };
    expect(periodDays(week)).toEqual({ from: '2027-06-02', to: '2027-06-09' });
    expect(withinPeriod('2027-06-01T16:00:00.000Z', week)).toBe(true);
    expect(withinPeriod('2027-06-09T15:59:59.000Z', week)).toBe(true);
    expect(withinPeriod('2027-06-09T16:00:00.000Z', week)).toBe(false);
  });
});
