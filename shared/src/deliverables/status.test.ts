import { completenessFromTally, instanceCompleteness, instanceStatus, type InstanceStatus } from './status';

// The weekly materials due Wednesday 2022-06-08 24:00 China time, i.e. 2022-06-08T16:00:00Z.
const DUE = '2022-06-08T16:00:00.000Z';
const at = (iso: string) => Date.parse(iso);
const SECOND_BEFORE = '2022-06-08T15:59:59.000Z';
const SECOND_AFTER = '2022-06-08T16:00:01.000Z';

describe('instanceStatus', () => {
  it('counts a hand-in one second before the due instant as on time, at or after it as late', () => {
    expect(instanceStatus(DUE, { arrivedAt: SECOND_BEFORE, state: 'submitted' }, at(SECOND_AFTER))).toBe('on_time');
    expect(instanceStatus(DUE, { arrivedAt: DUE, state: 'submitted' }, at(SECOND_AFTER))).toBe('late');
    expect(instanceStatus(DUE, { arrivedAt: SECOND_AFTER, state: 'accepted' }, at(SECOND_AFTER))).toBe('late');
  });

  it('is not yet due until the due instant and missing from it on, when nothing was handed in', () => {
    expect(instanceStatus(DUE, undefined, at(SECOND_BEFORE))).toBe('not_yet_due');
    expect(instanceStatus(DUE, undefined, at(DUE))).toBe('missing');
    expect(instanceStatus(DUE, undefined, at(SECOND_AFTER))).toBe('missing');
  });

  it('shows a returned hand-in as returned, and its resubmission by its own arrival', () => {
    expect(instanceStatus(DUE, { arrivedAt: SECOND_BEFORE, state: 'returned' }, at(SECOND_AFTER))).toBe('returned');
    // Handed in on time, returned, handed in again after the due instant: late.
    expect(instanceStatus(DUE, { arrivedAt: '2022-06-09T02:00:00.000Z', state: 'submitted' }, at('2022-06-09T03:00:00.000Z'))).toBe('late');
  });

  it('does not ask a unit that joined after the instance fell due', () => {
    expect(instanceStatus(DUE, undefined, at(SECOND_AFTER), SECOND_AFTER)).toBe('not_expected');
    expect(instanceStatus(DUE, undefined, at(SECOND_AFTER), DUE)).toBe('not_expected');
    expect(instanceStatus(DUE, undefined, at(SECOND_AFTER), SECOND_BEFORE)).toBe('missing');
  });
});

describe('instanceCompleteness', () => {
  it('counts each status and gives the rates over the expected units only', () => {
    const statuses: InstanceStatus[] = ['on_time', 'on_time', 'late', 'missing', 'returned', 'not_expected'];
    expect(instanceCompleteness(statuses)).toEqual({
      expected: 5,
      onTime: 2,
      late: 1,
      missing: 1,
      returned: 1,
      notYetDue: 0,
      reportingRate: 3 / 5,
      onTimeRate: 2 / 5,
    });
  });

  it('gives rates of 0 when no unit is expected', () => {
    expect(instanceCompleteness(['not_expected'])).toMatchObject({ expected: 0, reportingRate: 0, onTimeRate: 0 });
    expect(instanceCompleteness([])).toMatchObject({ expected: 0, reportingRate: 0, onTimeRate: 0 });
  });
});

describe('completenessFromTally', () => {
  it('counts the expected units with nothing handed in as not yet due before the due instant, missing from it on', () => {
    const tally = { onTime: 2, late: 0, returned: 1 };
    expect(completenessFromTally(DUE, 5, tally, at(SECOND_BEFORE))).toEqual(instanceCompleteness(['on_time', 'on_time', 'returned', 'not_yet_due', 'not_yet_due']));
    expect(completenessFromTally(DUE, 5, { ...tally, late: 1 }, at(DUE))).toEqual(instanceCompleteness(['on_time', 'on_time', 'late', 'returned', 'missing']));
    expect(completenessFromTally(DUE, 0, { onTime: 0, late: 0, returned: 0 }, at(DUE))).toMatchObject({ expected: 0, missing: 0, reportingRate: 0 });
  });
});
