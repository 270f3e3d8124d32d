import { Text, View } from '@tarojs/components';
import type { UnitRankingDto, UnitSummary } from '@safemonth/shared';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { useHandInRanking } from '../../../api/resources';
import { completenessColumns } from './columns';
import { countsText } from './model';

const columns: Column<UnitRankingDto, never>[] = [
  { title: '排名', cell: (row) => <Text>{row.rank}</Text> },
  { title: '单位', grow: 3, cell: (row) => <Text>{row.unit.name}</Text> },
  ...completenessColumns((row: UnitRankingDto) => row.completeness),
];

/**
 * The units directly under `unitId` that take part (each with its subtree), best first by on-time
 * rate and then reporting rate over the instances due so far, in the server's order, a page at a
 * time; choosing one opens its completeness.
 */
export function Ranking({ campaignId, unitId, onUnit }: { campaignId: string; unitId: string; onUnit: (unit: UnitSummary) => void }) {
  const ranking = useHandInRanking(campaignId, unitId);
  const wide = useWideTables();
  const rows = ranking.data?.items ?? [];
  return (
    <View className='ranking'>
      <Text className='row__meta'>下级单位（含其下级）按已到期报送的按时率排名，按时率相同再比报送率；点击单位查看其完成情况</Text>
      <LoadFailure resource={ranking} />
      {ranking.loading ? <Text className='muted'>加载中…</Text> : null}
      {ranking.data?.total === 0 ? <Text className='muted'>没有参加本活动的下级单位</Text> : null}
      {rows.length > 0 && wide ? (
        <DataTable label='下级单位排名' columns={columns} rows={rows} rowKey={(row) => row.unit.id} order={undefined} onSort={() => undefined} onRow={(row) => onUnit(row.unit)} />
      ) : null}
      {rows.length > 0 && !wide
        ? rows.map((row) => (
            <View className='row ranking__row' key={row.unit.id} onClick={() => onUnit(row.unit)}>
              <Text className='ranking__rank' aria-label={`第 ${row.rank} 名`}>
                {row.rank}
              </Text>
              <View className='row__main'>
                <Text className='row__title'>{row.unit.name}</Text>
                <Text className='row__meta'>{countsText(row.completeness)}</Text>
              </View>
            </View>
          ))
        : null}
      <Pager page={ranking.data} onPage={ranking.setPage} />
    </View>
  );
}
