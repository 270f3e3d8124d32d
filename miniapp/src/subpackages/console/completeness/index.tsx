import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { INSTANCE_STATUS_LABELS, type DeliverableInstanceStatusDto, type InstanceStatus, type UnitSummary } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { PageStatus } from '../../../components/PageStatus';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { Tabs } from '../../../components/Tabs';
import { useCampaign, useHandInStatus } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { formatDueShort } from '../../../utils/deadlines';
import { ExportPanel } from '../statistics/ExportPanel';
import { RootChooser, useOverseenRoot } from '../statistics/RootChooser';
import { completenessColumns } from './columns';
import { HandInPanel } from './HandInPanel';
import { HazardZeroing } from './HazardZeroing';
import { Matrix, type Cell } from './Matrix';
import { MissingPanel } from './MissingPanel';
import { countsText, instanceLabel, statusClass } from './model';
import { Ranking } from './Ranking';
import './index.scss';

const instanceKey = (instance: Pick<DeliverableInstanceStatusDto, 'deliverableId' | 'periodKey'>) => `${instance.deliverableId}/${instance.periodKey}`;

/** The matrix's colours, explained. */
const LEGEND: InstanceStatus[] = ['on_time', 'late', 'missing', 'returned', 'not_yet_due', 'not_expected'];

/** Per instance: how many units were expected and how they did, with the rates. */
const columns: Column<DeliverableInstanceStatusDto, never>[] = [
  { title: '报送事项', grow: 3, cell: (i) => <Text>{i.title}</Text> },
  { title: '截止', grow: 2, cell: (i) => <Text>{formatDueShort(i.dueAt)}</Text> },
  ...completenessColumns((i: DeliverableInstanceStatusDto) => i.completeness),
];

type Shown = 'status' | 'ranking';
const VIEWS = [
  { value: 'status', label: '完成情况' },
  { value: 'ranking', label: '排名' },
] as const;

/**
 * Completeness of a campaign's deliverables over a subtree (one the viewer oversees, chosen when
 * there are several, or a unit's chosen in the matrix or the ranking): per instance the counts and
 * rates and the units missing it with their liaisons, to remind now; the units × instances matrix a
 * page of units at a time; a cell opens what the unit handed in, to accept or return. 排名 ranks the
 * units right under the subtree's unit; choosing one looks into its subtree. 隐患清零 shows the
 * subtree's verified hazards not yet closed, overdue and closed.
 */
export default function CompletenessPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const signedIn = useSession(withQuery(Routes.consoleCompleteness, { campaignId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  const overseen = useOverseenRoot(campaign.data);
  /** The subtrees looked into, from the overseen one's down (the last one is shown). */
  const [trail, setTrail] = useState<UnitSummary[]>([]);
  const subtree = trail[trail.length - 1] ?? overseen.root;
  const [view, setView] = useState<Shown>('status');
  const status = useHandInStatus(signedIn ? campaignId : undefined, subtree?.id);
  const wide = useWideTables();
  const [chosenKey, setChosenKey] = useState<string>();
  const [opened, setOpened] = useState<Cell>();
  const [message, setMessage] = useState<string>();

  const framed = (page: ReactNode, title?: string) => (
    <ConsoleFrame
      current='completeness'
      campaignId={campaignId || undefined}
      crumbs={[
        { label: '活动', url: Routes.home },
        ...(title ? [{ label: title, url: withQuery(campaign.data?.editable ? Routes.consoleCampaignEditor : Routes.campaign, { id: campaignId }) }] : []),
        { label: '完成情况' },
      ]}
    >
      {page}
    </ConsoleFrame>
  );
  if (!campaignId) return framed(<PageStatus failure='没有指定活动' />);
  if (!campaign.data) return framed(<PageStatus failure={campaign.failure} onRetry={campaign.reload} />);
  if (!overseen.root || !subtree) return framed(<PageStatus failure='本活动中没有您负责的参与单位，无法查看完成情况' />, campaign.data.title);

  const instances = status.status?.instances ?? [];
  const chosen = instances.find((i) => instanceKey(i) === chosenKey);
  const lookInto = (units: UnitSummary[]) => {
    setTrail(units);
    setOpened(undefined);
    setChosenKey(undefined);
    setMessage(undefined);
  };
  const missingPanel = (instance: DeliverableInstanceStatusDto) => {
    const { missing, returned, notYetDue } = instance.completeness;
    return <MissingPanel campaignId={campaignId} subtree={subtree} instance={instance} title={instanceLabel(instance)} owing={missing + returned + notYetDue} />;
  };
  const chooseRoot = (unitId: string) => {
    overseen.choose(unitId);
    lookInto([]);
  };

  return framed(
    <View className='page completeness'>
      <Section title='完成情况'>
        <Text className='muted'>{campaign.data.title}</Text>
        <RootChooser campaign={campaign.data} value={overseen.root} onChange={chooseRoot} />
        <View className='actions'>
          <Text className='row__meta'>{`范围：${subtree.name}及下级`}</Text>
          {trail.length > 0 ? (
            <Button size='small' onClick={() => lookInto(trail.slice(0, -1))}>
              返回上级
            </Button>
          ) : null}
        </View>
        {campaign.data.deliverables.length === 0 ? <Notice>本活动没有需要报送的材料</Notice> : null}
      </Section>
      <Tabs tabs={VIEWS} value={view} onChange={setView} label='完成情况' />
      {view === 'ranking' ? (
        <Section title='下级单位排名'>
          <Ranking
            campaignId={campaignId}
            unitId={subtree.id}
            onUnit={(unit) => {
              lookInto([...trail, unit]);
              setView('status');
            }}
          />
        </Section>
      ) : null}
      {view === 'status' ? <LoadFailure resource={status} /> : null}
      {view === 'status' && status.loading ? <Text className='muted'>加载中…</Text> : null}
      {view === 'status' && instances.length > 0 ? (
        <Section title='各期报送'>
          <Text className='row__meta'>选择一期，查看缺报和被退回的单位及其联络员，提醒未报送的单位</Text>
          {wide ? (
            <DataTable
              label='各期报送'
              columns={columns}
              rows={instances}
              rowKey={instanceKey}
              order={undefined}
              onSort={() => undefined}
              onRow={(instance) => setChosenKey(instanceKey(instance) === chosenKey ? undefined : instanceKey(instance))}
              selectedKey={chosenKey ?? ''}
              detail={(instance) => (instance === chosen ? missingPanel(instance) : null)}
            />
          ) : (
            instances.map((instance) => (
              <View key={instanceKey(instance)}>
                {/* Only the heading toggles: taps in the panel (its reminders, its pages) stay in it. */}
                <View className='row' onClick={() => setChosenKey(instanceKey(instance) === chosenKey ? undefined : instanceKey(instance))}>
                  <View className='row__main'>
                    <Text className='row__title'>{instanceLabel(instance)}</Text>
                    <Text className='row__meta'>{countsText(instance.completeness)}</Text>
                  </View>
                </View>
                {instance === chosen ? missingPanel(instance) : null}
              </View>
            ))
          )}
        </Section>
      ) : null}
      {view === 'status' && status.data && instances.length > 0 ? (
        <Section title='各单位完成情况'>
          <View className='legend'>
            {LEGEND.map((s) => (
              <Text key={s} className={statusClass(s)}>
                {INSTANCE_STATUS_LABELS[s]}
              </Text>
            ))}
          </View>
          <Text className='row__meta'>点击按时、逾期或已退回的格子查看报送的材料；点击单位名称只看该单位及下级</Text>
          {message ? <Notice kind='success'>{message}</Notice> : null}
          {status.data.total === 0 ? <Text className='muted'>没有参加本活动的单位</Text> : null}
          <Matrix
            instances={instances}
            rows={status.data.items}
            wide={wide}
            opened={opened}
            detail={
              opened ? (
                <HandInPanel
                  key={`${opened.unit.id}/${instanceKey(opened.instance)}`}
                  place={{ campaignId, unitId: opened.unit.id, deliverableId: opened.instance.deliverableId, periodKey: opened.instance.periodKey }}
                  title={instanceLabel(opened.instance)}
                  kind={opened.instance.kind}
                  onReviewed={setMessage}
                />
              ) : null
            }
            onCell={(cell) => {
              setMessage(undefined);
              setOpened(opened && opened.unit.id === cell.unit.id && instanceKey(opened.instance) === instanceKey(cell.instance) ? undefined : cell);
            }}
            onUnit={(unit) => {
              if (unit.id !== subtree.id) lookInto([...trail, unit]);
            }}
          />
          <Pager page={status.data} onPage={status.setPage} />
        </Section>
      ) : null}
      {view === 'status' ? (
        <Section title='隐患清零'>
          <HazardZeroing campaignId={campaignId} unit={subtree} />
        </Section>
      ) : null}
      <Section title='导出'>
        <ExportPanel campaignId={campaignId} unitId={subtree.id} kinds={['completeness']} />
      </Section>
    </View>,
    campaign.data.title,
  );
}
