import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { HazardCounts, HazardCountsDto, UnitSummary } from '@safemonth/shared';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { Button } from '../../../components/ui';
import { useHazardCounts } from '../../../api/resources';
import { Routes, withQuery } from '../../../routes';
import { hazardCountsText, zeroingText } from '../../../utils/hazardCounts';

type Child = HazardCountsDto['children'][number];

const overdueClass = (counts: HazardCounts) => (counts.overdue > 0 ? 'field__error' : 'row__meta');

const columns: Column<Child, never>[] = [
  { title: '下级单位（含其下级）', grow: 3, cell: (child) => <Text>{child.unit.name}</Text> },
  { title: '未销号', cell: (child) => <Text>{child.subtree.open}</Text> },
  { title: '逾期', cell: (child) => <Text className={child.subtree.overdue > 0 ? 'field__error' : undefined}>{child.subtree.overdue}</Text> },
  { title: '已销号', cell: (child) => <Text>{child.subtree.closed}</Text> },
];

/**
 * 隐患清零 of a subtree, next to the deliverables: the verified hazards not yet closed, overdue and
 * closed, of its unit, its whole subtree and each child's subtree (a page at a time), with the
 * campaign's date; the overdue cases of the subtree open in the handlers' queue.
 */
export function HazardZeroing({ campaignId, unit }: { campaignId: string; unit: UnitSummary }) {
  const loaded = useHazardCounts(campaignId, unit.id);
  const wide = useWideTables();
  const { counts } = loaded;
  const children = counts?.children ?? [];
  return (
    <View className='hazard-zeroing'>
      <LoadFailure resource={loaded} />
      {loaded.loading ? <Text className='muted'>加载中…</Text> : null}
      {counts ? (
        <View>
          <Text className='row__meta'>{zeroingText(counts.zeroingDate)}</Text>
          <Text className={overdueClass(counts.unit)}>{`${unit.name}本单位：${hazardCountsText(counts.unit)}`}</Text>
          <Text className={overdueClass(counts.subtree)}>{`${unit.name}及下级：${hazardCountsText(counts.subtree)}`}</Text>
          {counts.subtree.overdue > 0 ? (
            <View className='actions'>
              <Button
                size='small'
                onClick={() => void Taro.navigateTo({ url: withQuery(Routes.consoleHazards, { campaignId, overdue: '1', unitId: unit.id, unitName: unit.name }) })}
              >
                查看逾期隐患
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {children.length > 0 && wide ? (
        <DataTable label='各下级单位隐患清零' columns={columns} rows={children} rowKey={(child) => child.unit.id} order={undefined} onSort={() => undefined} />
      ) : null}
      {children.length > 0 && !wide
        ? children.map((child) => (
            <View className='row' key={child.unit.id}>
              <View className='row__main'>
                <Text className='row__title'>{child.unit.name}</Text>
                <Text className={overdueClass(child.subtree)}>{hazardCountsText(child.subtree)}</Text>
              </View>
            </View>
          ))
        : null}
      {children.length > 0 ? <Pager page={loaded.data} onPage={loaded.setPage} /> : null}
    </View>
  );
}
