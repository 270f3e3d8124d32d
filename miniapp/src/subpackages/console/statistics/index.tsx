import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { StatisticsScope, UnitDto } from '@safemonth/shared';
import { Choices } from '../../../components/Choices';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { PageStatus } from '../../../components/PageStatus';
import { Section } from '../../../components/Section';
import { Tabs } from '../../../components/Tabs';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { useCampaign, useStatisticsTable, useUnit } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { UnitList } from '../units/UnitList';
import { Dashboard } from './Dashboard';
import { ExportPanel } from './ExportPanel';
import { RootChooser, useOverseenRoot } from './RootChooser';
import { SubmissionReview } from './SubmissionReview';
import { TableItems } from './TableItems';
// UnitList's search box and rows are styled by the units page's stylesheet.
import '../units/index.scss';
import './index.scss';

type Shown = 'dashboard' | 'table';
const VIEWS = [
  { value: 'dashboard', label: '概览' },
  { value: 'table', label: '单位统计表' },
] as const;
const SCOPES = [
  { value: 'subtree', label: '含下级合计' },
  { value: 'unit', label: '本单位' },
] as const;

/** One unit's exports, its table summed over its subtree or its own, and the table it handed in with its review. */
function UnitTable({ campaignId, unit }: { campaignId: string; unit: Pick<UnitDto, 'id' | 'name'> }) {
  const [scope, setScope] = useState<StatisticsScope>('subtree');
  const [message, setMessage] = useState<string>();
  const table = useStatisticsTable(campaignId, unit.id, scope);
  // The unit's own table carries what it handed in; in subtree scope it is asked for too, for the review.
  const own = useStatisticsTable(campaignId, unit.id, 'unit');
  const submission = own.data?.submission;
  return (
    <View className='unit-table'>
      <Section title={`导出：${unit.name}`}>
        <ExportPanel campaignId={campaignId} unitId={unit.id} kinds={['unit_table', 'subtree_tables', 'completeness', 'reports']} />
      </Section>
      <Section title={unit.name}>
        <Choices options={SCOPES} value={scope} onChange={setScope} />
        <LoadFailure resource={table} />
        {table.loading ? <Text className='muted'>加载中…</Text> : null}
        {table.data ? (
          <>
            <Text className='row__meta'>
              {table.data.scope === 'subtree' ? `${table.data.unit.name}及下级 ${table.data.units} 个参加单位合计` : table.data.units === 0 ? '本单位未参加本活动' : '本单位数据'}
            </Text>
            <TableItems items={table.data.items} scope={table.data.scope} units={table.data.units} />
          </>
        ) : null}
      </Section>
      <Section title='统计表审核'>
        {message ? <Notice kind='success'>{message}</Notice> : null}
        <LoadFailure resource={own} />
        {own.data && !submission ? <Text className='muted'>{own.data.units === 0 ? '本单位未参加本活动，无需报送统计表' : '本单位尚未报送统计表'}</Text> : null}
        {submission ? <SubmissionReview submission={submission} onReviewed={setMessage} /> : null}
      </Section>
    </View>
  );
}

/**
 * The committee's statistics of a campaign over a subtree it oversees (chosen when there are
 * several): at a glance (rates over the instances, main totals, the tree coloured by completion),
 * and any unit's table (found in the tree or by name), with the review of the table it handed in
 * and the exports.
 */
export default function StatisticsPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const signedIn = useSession(withQuery(Routes.consoleStatistics, { campaignId, unitId: router.params.unitId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  const overseen = useOverseenRoot(campaign.data);
  const rootId = overseen.root?.id;
  const root = useUnit(rootId);
  const [view, setView] = useState<Shown>(router.params.unitId ? 'table' : 'dashboard');
  const [chosen, setChosen] = useState<Pick<UnitDto, 'id' | 'name'>>();
  const linked = useUnit(chosen ? undefined : router.params.unitId);
  const unit = chosen ?? linked.data ?? root.data;
  // Another subtree shows its own top unit's table.
  const chooseRoot = (unitId: string) => {
    overseen.choose(unitId);
    setChosen(overseen.roots.find((u) => u.id === unitId));
  };

  const framed = (page: ReactNode, title?: string) => (
    <ConsoleFrame
      current='statistics'
      campaignId={campaignId || undefined}
      crumbs={[
        { label: '活动', url: Routes.home },
        ...(title ? [{ label: title, url: withQuery(campaign.data?.editable ? Routes.consoleCampaignEditor : Routes.campaign, { id: campaignId }) }] : []),
        { label: '统计' },
      ]}
    >
      {page}
    </ConsoleFrame>
  );
  if (!campaignId) return framed(<PageStatus failure='没有指定活动' />);
  if (!campaign.data) return framed(<PageStatus failure={campaign.failure} onRetry={campaign.reload} />);
  if (!overseen.root) return framed(<PageStatus failure='本活动中没有您负责的参与单位，无法查看统计' />, campaign.data.title);

  return framed(
    <View className='page statistics'>
      <Section title='统计'>
        <Text className='muted'>{campaign.data.title}</Text>
        <RootChooser campaign={campaign.data} value={overseen.root} onChange={chooseRoot} />
      </Section>
      <Tabs tabs={VIEWS} value={view} onChange={setView} label='统计' />
      {view === 'dashboard' ? (
        <Dashboard campaignId={campaignId} rootId={overseen.root.id} />
      ) : (
        <View className='statistics__layout'>
          <View className='statistics__tree'>
            <Section title='选择单位'>
              <LoadFailure resource={root} />
              {root.loading ? <Text className='muted'>加载中…</Text> : null}
              {root.data?.id === rootId ? <UnitList key={rootId} rootId={root.data.id} rootDepth={root.data.depth} selectedId={unit?.id} onSelect={setChosen} /> : null}
            </Section>
          </View>
          <View className='statistics__detail'>{unit ? <UnitTable key={unit.id} campaignId={campaignId} unit={unit} /> : null}</View>
        </View>
      )}
    </View>,
    campaign.data.title,
  );
}
