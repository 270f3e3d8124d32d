import { HAZARD_STATUSES, hazardOutcomes, isHazardOverdue, isHazardVerified, OPEN_HAZARD_STATUSES } from './hazards';

describe('isHazardOverdue', () => {
  it('is overdue after the due day, not on it, while the rectification is not reported done', () => {
    const rectifying = { status: 'rectifying' as const, dueDate: '2027-06-20' };
    expect(isHazardOverdue(rectifying, null, '2027-06-19')).toBe(false);
    expect(isHazardOverdue(rectifying, null, '2027-06-20')).toBe(false);
    expect(isHazardOverdue(rectifying, null, '2027-06-21')).toBe(true);
    // Reported done in time or late, it waits for the handler, not for the unit.
    expect(isHazardOverdue({ ...rectifying, status: 'rectified' }, null, '2027-06-21')).toBe(false);
  });

  it('makes every verified hazard still open overdue after the zeroing day, assigned or not', () => {
    for (const status of OPEN_HAZARD_STATUSES) {
      expect(isHazardOverdue({ status, dueDate: null }, '2027-07-01', '2027-07-01')).toBe(false);
      expect(isHazardOverdue({ status, dueDate: null }, '2027-07-01', '2027-07-02')).toBe(true);
      expect(isHazardOverdue({ status, dueDate: '2027-08-01' }, '2027-07-01', '2027-07-02')).toBe(true);
    }
  });

  it('is never overdue when closed or not (yet) verified', () => {
    for (const status of HAZARD_STATUSES.filter((s) => !OPEN_HAZARD_STATUSES.includes(s))) {
      expect(isHazardOverdue({ status, dueDate: '2027-06-01' }, '2027-06-01', '2027-12-31')).toBe(false);
    }
  });
});

describe('isHazardVerified and hazardOutcomes', () => {
  it('counts a reward and a typical case only while the case is found 属实', () => {
    expect(HAZARD_STATUSES.filter(isHazardVerified)).toEqual(['verified', 'rectifying', 'rectified', 'closed']);
    expect(hazardOutcomes({ status: 'unfounded', rewarded: true, typical: true })).toEqual({ received: 1, verified: 0, rewarded: 0, exposed: 0, closed: 0 });
    expect(hazardOutcomes({ status: 'closed', rewarded: true, typical: true })).toEqual({ received: 1, verified: 1, rewarded: 1, exposed: 1, closed: 1 });
  });
});
