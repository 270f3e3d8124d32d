import type { UnitDto } from '@safemonth/shared';

export interface TreeRow {
  unit: UnitDto;
  /** Indentation level within the list: 0 for the list's top units. */
  level: number;
}

/**
 * Orders a flat list of units as a tree (each parent directly followed by its subtree, siblings
 * in the order given), whatever order the list came in. Units whose parent is not in the list
 * are tops.
 */
export function treeRows(units: readonly UnitDto[]): TreeRow[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string, UnitDto[]>();
  const tops: UnitDto[] = [];
  for (const unit of units) {
    if (unit.parentId && ids.has(unit.parentId)) {
      const siblings = children.get(unit.parentId) ?? [];
      siblings.push(unit);
      children.set(unit.parentId, siblings);
    } else {
      tops.push(unit);
    }
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (unit: UnitDto, level: number) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    rows.push({ unit, level });
    for (const child of children.get(unit.id) ?? []) visit(child, level + 1);
  };
  for (const top of tops) visit(top, 0);
  return rows;
}
