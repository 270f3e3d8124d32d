/** How the committee's statistics screen reads a statistics table (GET …/statistics). */
import type { StatisticsTableDto, StatisticsTableField } from '@safemonth/shared';
import type { BarSpec } from '../../../components/Chart';

/** The main totals: the count fields with the largest sums, at most `top`, largest first. */
export function totalsChart(table: StatisticsTableDto, top: number): BarSpec {
  const counts = table.items
    .flatMap((item) => item.fields)
    .filter((field): field is Extract<StatisticsTableField, { kind: 'count' }> => field.kind === 'count' && field.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, top);
  return { kind: 'bar', categories: counts.map((f) => `${f.label}${f.unit ? `（${f.unit}）` : ''}`), values: counts.map((f) => f.value) };
}

/**
 * A field's value as the table shows it: a count with its unit, 是/否 (in a subtree: "n/m 个单位是"),
 * a text answer (in a subtree: how many units answered); "未填" where the unit has not answered.
 */
export function fieldText(field: StatisticsTableField, scope: StatisticsTableDto['scope'], units: number): string {
  if (field.kind === 'count') return `${field.value}${field.unit ? ` ${field.unit}` : ''}`;
  if (field.kind === 'boolean') {
    if (scope === 'subtree') return `${field.yesUnits}/${units} 个单位是`;
    return field.value === null ? '未填' : field.value ? '是' : '否';
  }
  if (scope === 'subtree') return `${field.answeredUnits}/${units} 个单位已填`;
  return field.value ?? '未填';
}

/** A count field's parts, when both reports and manual entries added to it. */
export function countParts(field: StatisticsTableField): string | undefined {
  if (field.kind !== 'count' || field.fromManualEntries === 0) return undefined;
  return `报告 ${field.fromReports}，手工录入 ${field.fromManualEntries}`;
}
