import type { InstanceStatus, UnitStatusRowDto } from '@safemonth/shared';
import { instanceCompleteness } from '@safemonth/shared';
import { completionTree, ratesChart, unitCompletion } from './model';

const row = (id: string, statuses: InstanceStatus[]): UnitStatusRowDto => ({
  unit: { id, name: `单位${id}`, kind: 'department' },
  expectedSince: '2022-06-01T00:00:00.000Z',
  statuses,
});

describe('completeness model', () => {
  it('counts what was asked of a unit so far and what came on time', () => {
    expect(unitCompletion(row('a', ['on_time', 'late', 'missing', 'returned', 'not_yet_due', 'not_expected']))).toEqual({ expected: 4, onTime: 1 });
  });

  it('nests the units under the nearest unit above them that has a row, a group holding its own hand-ins (本级)', () => {
    // r (no row: the organizing unit) › d (district) › x (no row: does not take part) › e (enterprise); s beside d.
    const units = [
      { id: 'r', parentId: null },
      { id: 'd', parentId: 'r' },
      { id: 'x', parentId: 'd' },
      { id: 'e', parentId: 'x' },
      { id: 's', parentId: 'r' },
    ];
    const rows = [row('d', ['on_time', 'missing']), row('e', ['on_time', 'on_time']), row('s', ['not_yet_due', 'not_expected'])];
    expect(completionTree(rows, units)).toEqual([
      {
        name: '单位d',
        value: 4,
        rate: 0.75,
        children: [
          { name: '单位d·本级', value: 2, rate: 0.5 },
          { name: '单位e', value: 2, rate: 1 },
        ],
      },
      // Nothing due yet: still shown, with no rate.
      { name: '单位s', value: 1, rate: null },
    ]);
  });

  it('puts a unit whose parents are not known at the top', () => {
    expect(completionTree([row('a', ['late'])], [])).toEqual([{ name: '单位a', value: 1, rate: 0 }]);
  });

  it('draws the rates of the instances due by the time of the answer, in due order', () => {
    const instance = (periodKey: string, dueAt: string, statuses: InstanceStatus[]) => ({
      deliverableId: 'd1',
      title: '每周材料',
      kind: 'weekly_materials' as never,
      periodKey,
      opensAt: '2022-06-01T00:00:00.000Z',
      dueAt,
      completeness: instanceCompleteness(statuses),
    });
    const spec = ratesChart({
      campaignId: 'c1',
      unit: { id: 'r', name: '市安委办', kind: 'committee' },
      asOf: '2022-06-15T16:00:00.000Z',
      instances: [
        instance('2022-W24', '2022-06-15T16:00:00.000Z', ['late', 'on_time']),
        instance('2022-W23', '2022-06-08T16:00:00.000Z', ['on_time', 'missing']),
        instance('2022-W25', '2022-06-22T16:00:00.000Z', ['not_yet_due', 'not_yet_due']),
      ],
      units: { items: [], total: 2, page: 1, size: 50 },
    });
    expect(spec).toEqual({
      kind: 'line',
      categories: ['每周材料（6月8日 24:00）', '每周材料（6月15日 24:00）'],
      series: [
        { name: '按时率', values: [0.5, 0.5] },
        { name: '报送率', values: [0.5, 1] },
      ],
    });
  });
});
