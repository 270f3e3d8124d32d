/**
 * What the liaison's 本单位 pages make of the API's answers: which fields of the table are still
 * blank, whether the table may be changed, which deadlines are next and which are behind.
 */
import {
  chinaDay,
  type DeliverableInstanceStatusDto,
  type DeliverableKind,
  type DeliverableStatusDto,
  type InstanceStatus,
  type StatisticsTableField,
  type TableSubmissionDto,
} from '@safemonth/shared';

/** A field nobody has filled yet: a count still at 0 (no accepted report, no manual entry), a yes/no or text not answered. */
export function isBlank(field: StatisticsTableField): boolean {
  return field.kind === 'count' ? field.value === 0 : field.value === null;
}

/** Why the table cannot be changed now (handed in and waiting, or accepted), or undefined while it can. */
export function tableLockedReason(submission: TableSubmissionDto | null): string | undefined {
  if (submission?.state === 'submitted') return '统计表已提交，正在等待审核：审核前不能修改。如需修改，请联系安委办退回。';
  if (submission?.state === 'accepted') return '统计表已通过审核，不能再修改。';
  return undefined;
}

export const TABLE_STATE_LABELS: Record<TableSubmissionDto['state'], string> = {
  submitted: '已提交',
  accepted: '已通过',
  returned: '已退回',
};

/** One instance of a deliverable with the unit's status on it. */
export interface UnitInstance {
  instance: DeliverableInstanceStatusDto;
  status: InstanceStatus;
}

/** The unit's statuses across the campaign's instances, or undefined when the unit does not take part (no row of its own). */
export function unitInstances(status: DeliverableStatusDto, unitId: string): UnitInstance[] | undefined {
  const row = status.units.items.find((r) => r.unit.id === unitId);
  if (!row) return undefined;
  return status.instances.map((instance, i) => ({ instance, status: row.statuses[i] }));
}

/** The instance falling due next after `now` that is asked of the unit (the earliest due; the first listed on a tie). */
export function nextDue(instances: UnitInstance[], now: number): UnitInstance | undefined {
  return instances
    .filter((i) => i.status !== 'not_expected' && Date.parse(i.instance.dueAt) > now)
    .reduce<UnitInstance | undefined>((next, i) => (!next || Date.parse(i.instance.dueAt) < Date.parse(next.instance.dueAt) ? i : next), undefined);
}

/** The instances the unit is behind on: past due with nothing handed in, or returned and not handed in again; oldest first. */
export function behind(instances: UnitInstance[]): UnitInstance[] {
  return instances
    .filter((i) => i.status === 'missing' || i.status === 'returned')
    .sort((a, b) => Date.parse(a.instance.dueAt) - Date.parse(b.instance.dueAt));
}

/** The colour class of a status: red when behind, green when handed in, neutral otherwise. */
export function statusTone(status: InstanceStatus): 'danger' | 'success' | 'muted' {
  if (status === 'missing' || status === 'returned' || status === 'late') return 'danger';
  return status === 'on_time' ? 'success' : 'muted';
}

/** Has the unit handed something in for the instance (waiting for review, accepted, or returned)? */
export const handedIn = (status: InstanceStatus) => status === 'on_time' || status === 'late' || status === 'returned';

/** Deliverables whose hand-in may pick the period's accepted reports (as the API allows). */
export const takesReports = (kind: DeliverableKind) => kind === 'weekly_materials' || kind === 'monthly_report';

/**
 * The China days (inclusive) whose reports may belong to an instance: its period runs from `opensAt`
 * (inclusive) to `dueAt` (exclusive), so the last day is the one before a midnight deadline.
 */
export function periodDays(instance: Pick<DeliverableInstanceStatusDto, 'opensAt' | 'dueAt'>): { from: string; to: string } {
  return { from: chinaDay(new Date(instance.opensAt)), to: chinaDay(new Date(Date.parse(instance.dueAt) - 1)) };
}

/** Does an activity starting at `startAt` fall within the instance's period? */
export function withinPeriod(startAt: string, instance: Pick<DeliverableInstanceStatusDto, 'opensAt' | 'dueAt'>): boolean {
  const start = Date.parse(startAt);
  return start >= Date.parse(instance.opensAt) && start < Date.parse(instance.dueAt);
}
