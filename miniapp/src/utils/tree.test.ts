import type { UnitDto } from '@safemonth/shared';
import { treeRows } from './tree';

const unit = (id: string, parentId: string | null, depth: number): UnitDto => ({
  id,
  name: id,
  code: null,
  kind: 'other',
  parentId,
  depth,
});

describe('treeRows', () => {
  it('puts every parent right before its subtree, whatever the order given', () => {
    const units = [unit('b1', 'b', 2), unit('a', 'root', 1), unit('root', null, 0), unit('b', 'root', 1), unit('a1', 'a', 2)];
    expect(treeRows(units).map((row) => `${row.level}:${row.unit.id}`)).toEqual([
      '0:root',
      '1:a',
      '2:a1',
      '1:b',
      '2:b1',
    ]);
  });

  it('makes units whose parent is missing (search results) tops', () => {
    const rows = treeRows([unit('a1', 'a', 2), unit('b1', 'b', 2)]);
    expect(rows.map((row) => row.level)).toEqual([0, 0]);
  });
});
