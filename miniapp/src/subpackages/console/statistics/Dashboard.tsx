import { Text, View } from '@tarojs/components';
import { PAGE_LIMITS } from '@safemonth/shared';
import { Chart } from '../../../components/Chart';
import { LoadFailure } from '../../../components/LoadFailure';
import { Section } from '../../../components/Section';
import { useFirstUnits, useHandInStatus, useStatisticsTable } from '../../../api/resources';
import { completionTree, dueInstances, ratesChart } from '../completeness/model';
import { totalsChart } from './model';

/** How many count fields the main totals show. */
const TOP_TOTALS = 10;

/**
 * The campaign at a glance, for the subtree of `rootId`: the on-time and reporting rates of each
 * instance due so far, the largest sums of its count fields, and its units (the first page of them,
 * as many as one page holds) coloured by how many of their hand-ins came on time.
 */
export function Dashboard({ campaignId, rootId }: { campaignId: string; rootId: string }) {
  const completeness = useHandInStatus(campaignId, rootId, PAGE_LIMITS.maxSize);
  const sums = useStatisticsTable(campaignId, rootId, 'subtree');
  // The units' parents, to nest the map.
  const tree = useFirstUnits(rootId);
  const status = completeness.status;
  const rows = completeness.data?.items ?? [];
  const totals = sums.data ? totalsChart(sums.data, TOP_TOTALS) : undefined;

  return (
    <View className='dashboard'>
      <Section title='按时率'>
        <LoadFailure resource={completeness} />
        {status && dueInstances(status).length === 0 ? <Text className='muted'>暂无已到期的报送</Text> : null}
        {status && dueInstances(status).length > 0 ? <Chart spec={ratesChart(status)} label='各期报送的按时率和报送率' /> : null}
        {completeness.loading ? <Text className='muted'>加载中…</Text> : null}
      </Section>
      <Section title='主要统计'>
        <LoadFailure resource={sums} />
        {sums.data ? <Text className='row__meta'>{`${sums.data.unit.name}及下级 ${sums.data.units} 个单位合计`}</Text> : null}
        {totals && totals.values.length === 0 ? <Text className='muted'>暂无统计数据</Text> : null}
        {totals && totals.values.length > 0 ? (
          <Chart spec={totals} label={`数量最多的 ${TOP_TOTALS} 个统计项`} height={Math.max(160, totals.values.length * 36)} />
        ) : null}
        {sums.loading ? <Text className='muted'>加载中…</Text> : null}
      </Section>
      <Section title='各单位完成情况'>
        <LoadFailure resource={tree} />
        {status && rows.length === 0 ? <Text className='muted'>暂无参加单位</Text> : null}
        {rows.length > 0 && tree.data ? (
          <>
            <Text className='row__meta'>面积为应报次数，颜色为按时报送的比例：绿色 ≥ 80%，橙色 ≥ 50%，红色 &lt; 50%，灰色为尚无到期报送</Text>
            {completeness.data && completeness.data.total > rows.length ? (
              <Text className='muted'>{`共 ${completeness.data.total} 个单位，图中为前 ${rows.length} 个`}</Text>
            ) : null}
            <Chart spec={{ kind: 'treemap', nodes: completionTree(rows, tree.data.items) }} label='各单位按时报送比例' height={420} />
          </>
        ) : null}
      </Section>
    </View>
  );
}
