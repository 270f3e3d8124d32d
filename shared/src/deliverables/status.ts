/**
 * Whether a unit met one instance of a deliverable (e.g. the weekly materials due 2022-06-08 24:00),
 * and how a campaign's units did on it together (DHIS2's reporting rate and timeliness). Shared so
 * that the API's matrix, its exports and the app's colours say the same thing.
 */

/** Where a unit's latest hand-in for an instance stands. A resubmission replaces the one returned. */
export type HandInState = 'submitted' | 'accepted' | 'returned';

export interface HandIn {
  /** When this hand-in reached the server (ISO instant): it alone decides on time or late. */
  arrivedAt: string;
  state: HandInState;
}

/**
 * - `not_expected`: the instance fell due before the unit joined the campaign;
 * - `not_yet_due`: nothing handed in and the due instant has not come;
 * - `on_time` / `late`: handed in (waiting for review or accepted) strictly before / at or after the due instant;
 * - `missing`: nothing handed in and the due instant has passed;
 * - `returned`: handed in, returned with a comment, not handed in again yet.
 */
export type InstanceStatus = 'not_expected' | 'not_yet_due' | 'on_time' | 'late' | 'missing' | 'returned';

export const INSTANCE_STATUS_LABELS: Record<InstanceStatus, string> = {
  not_expected: '无需报送',
  not_yet_due: '未到期',
  on_time: '按时',
  late: '逾期',
  missing: '缺报',
  returned: '已退回',
};

/**
 * The status of one unit for one instance at `now`. `expectedSince` is when the unit joined the
 * campaign (undefined: from the start); instances falling due before it are not asked of the unit.
 */
export function instanceStatus(dueAt: string, latest: HandIn | undefined, now: number, expectedSince?: string): InstanceStatus {
  const due = Date.parse(dueAt);
  if (expectedSince !== undefined && Date.parse(expectedSince) >= due) return 'not_expected';
  if (latest) {
    if (latest.state === 'returned') return 'returned';
    return Date.parse(latest.arrivedAt) < due ? 'on_time' : 'late';
  }
  return now < due ? 'not_yet_due' : 'missing';
}

/** How the expected units did on one instance; rates are fractions of the expected units (0 when none is). */
export interface InstanceCompleteness {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  returned: number;
  notYetDue: number;
  /** Handed in at all (on time or late) per expected unit. */
  reportingRate: number;
  /** Handed in on time per expected unit. */
  onTimeRate: number;
}

export function instanceCompleteness(statuses: readonly InstanceStatus[]): InstanceCompleteness {
  const count = (status: InstanceStatus) => statuses.filter((s) => s === status).length;
  return completenessOf({
    expected: statuses.length - count('not_expected'),
    onTime: count('on_time'),
    late: count('late'),
    missing: count('missing'),
    returned: count('returned'),
    notYetDue: count('not_yet_due'),
  });
}

/** The counts of an instance with their rates. */
export function completenessOf(counts: Omit<InstanceCompleteness, 'reportingRate' | 'onTimeRate'>): InstanceCompleteness {
  const rate = (part: number) => (counts.expected === 0 ? 0 : part / counts.expected);
  return { ...counts, reportingRate: rate(counts.onTime + counts.late), onTimeRate: rate(counts.onTime) };
}

/**
 * An instance's completeness from how many units are expected and how those handed in stand (e.g.
 * tallies kept per subtree), at `now`: the expected units with nothing handed in are missing from
 * the due instant on, not yet due before it (as `instanceStatus` says of each).
 */
export function completenessFromTally(dueAt: string, expected: number, tally: { onTime: number; late: number; returned: number }, now: number): InstanceCompleteness {
  const waiting = expected - tally.onTime - tally.late - tally.returned;
  const due = now >= Date.parse(dueAt);
  return completenessOf({ expected, ...tally, missing: due ? waiting : 0, notYetDue: due ? 0 : waiting });
}
