/**
 * How the committee's screens read the deliverables' completeness (GET hand-in-status): instance
 * names, rates, status colours, and the map of the unit tree by completion.
 */
import type { DeliverableInstanceStatusDto, DeliverableStatusDto, InstanceCompleteness, InstanceStatus, UnitDto, UnitStatusRowDto } from '@safemonth/shared';
import type { ChartSpec, TreeNode } from '../../../components/Chart';
import { formatDueShort } from '../../../utils/deadlines';
import { percentText } from '../../../utils/format';

/** "每周材料（6月8日 24:00）": an instance as a column or an axis names it. */
export const instanceLabel = (instance: Pick<DeliverableInstanceStatusDto, 'title' | 'dueAt'>) => `${instance.title}（${formatDueShort(instance.dueAt)}）`;

export { percentText };

/** One of a completeness's rates; "—" when no unit was expected, which leaves nothing to rate. */
export const rateText = (completeness: InstanceCompleteness, rate: number) => (completeness.expected === 0 ? '—' : percentText(rate));

/** The counts and rates of an instance, or of a unit over the instances due, as one line (phones). */
export const countsText = (c: InstanceCompleteness) =>
  `应报 ${c.expected}，按时 ${c.onTime}，逾期 ${c.late}，缺报 ${c.missing}，已退回 ${c.returned}；报送率 ${rateText(c, c.reportingRate)}，按时率 ${rateText(c, c.onTimeRate)}`;

/** The class that colours a status in the matrix and the lists. */
export const statusClass = (status: InstanceStatus) => `status status--${status.replace(/_/g, '-')}`;

/** Statuses a unit can do something about, once due: the cells that open a hand-in. */
export const HANDED_IN: readonly InstanceStatus[] = ['on_time', 'late', 'returned'];

/** The instances that have fallen due by the time the statuses were worked out. */
export const dueInstances = (status: DeliverableStatusDto) => status.instances.filter((i) => Date.parse(i.dueAt) <= Date.parse(status.asOf));

/** On-time and reporting rates of the instances due so far, in due order (a line each). */
export function ratesChart(status: DeliverableStatusDto): ChartSpec {
  const due = [...dueInstances(status)].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return {
    kind: 'line',
    categories: due.map(instanceLabel),
    series: [
      { name: '按时率', values: due.map((i) => i.completeness.onTimeRate) },
      { name: '报送率', values: due.map((i) => i.completeness.reportingRate) },
    ],
  };
}

/** How a unit did on the instances due: how many were asked of it, and the share handed in on time (null: none). */
export function unitCompletion(row: UnitStatusRowDto): { expected: number; onTime: number } {
  const expected = row.statuses.filter((s) => s !== 'not_expected' && s !== 'not_yet_due').length;
  return { expected, onTime: row.statuses.filter((s) => s === 'on_time').length };
}

/**
 * The units' rows as a tree map: each unit under the nearest unit above it that has a row (`units`
 * gives the parents; units not found there stand at the top). A unit with units under it is a group
 * of its own hand-ins (本级) and theirs, coloured by the group's on-time share. Areas are the
 * hand-ins asked for (at least 1, so that a unit with none still shows, in grey).
 */
export function completionTree(rows: UnitStatusRowDto[], units: Pick<UnitDto, 'id' | 'parentId'>[]): TreeNode[] {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const withRow = new Set(rows.map((r) => r.unit.id));
  const children = new Map<string | null, UnitStatusRowDto[]>();
  for (const row of rows) {
    let parent = parentOf.get(row.unit.id) ?? null;
    while (parent !== null && !withRow.has(parent)) parent = parentOf.get(parent) ?? null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const build = (row: UnitStatusRowDto): { node: TreeNode; expected: number; onTime: number } => {
    const own = unitCompletion(row);
    const ownNode: TreeNode = { name: row.unit.name, value: Math.max(own.expected, 1), rate: own.expected ? own.onTime / own.expected : null };
    const under = (children.get(row.unit.id) ?? []).map(build);
    if (under.length === 0) return { node: ownNode, ...own };
    const expected = own.expected + under.reduce((sum, c) => sum + c.expected, 0);
    const onTime = own.onTime + under.reduce((sum, c) => sum + c.onTime, 0);
    const nodes = [{ ...ownNode, name: `${row.unit.name}·本级` }, ...under.map((c) => c.node)];
    return {
      node: { name: row.unit.name, value: nodes.reduce((sum, n) => sum + n.value, 0), rate: expected ? onTime / expected : null, children: nodes },
      expected,
      onTime,
    };
  };
  return (children.get(null) ?? []).map((row) => build(row).node);
}
