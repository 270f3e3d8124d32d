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
import { useCampaign, useHandInStatus } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { formatDueShort } from '../../../utils/deadlines';
import { ExportPanel } from '../statistics/ExportPanel';
import { HandInPanel } from './HandInPanel';
import { Matrix, type Cell } from './Matrix';
import { MissingPanel } from './MissingPanel';
import { instanceLabel, percentText, statusClass } from './model';
import './index.scss';

const instanceKey = (instance: Pick<DeliverableInstanceStatusDto, 'deliverableId' | 'periodKey'>) => `${instance.deliverableId}/${instance.periodKey}`;

/** The matrix's colours, explained. */
const LEGEND: InstanceStatus[] = ['on_time', 'late', 'missing', 'returned', 'not_yet_due', 'not_expected'];

/** Per instance: how many units were expected and how they did, with the rates. */
const columns: Column<DeliverableInstanceStatusDto, never>[] = [
  { title: '报送事项', grow: 3, cell: (i) => <Text>{i.title}</Text> },
  { title: '截止', grow: 2, cell: (i) => <Text>{formatDueShort(i.dueAt)}</Text> },
  { title: '应报', cell: (i) => <Text>{i.completeness.expected}</Text> },
  { title: '按时', cell: (i) => <Text>{i.completeness.onTime}</Text> },
  { title: '逾期', cell: (i) => <Text>{i.completeness.late}</Text> },
  { title: '缺报', cell: (i) => <Text>{i.completeness.missing}</Text> },
  { title: '已退回', cell: (i) => <Text>{i.completeness.returned}</Text> },
  { title: '报送率', cell: (i) => <Text>{percentText(i.completeness.reportingRate)}</Text> },
  { title: '按时率', cell: (i) => <Text>{percentText(i.completeness.onTimeRate)}</Text> },
];

/** One instance's counts as a line (phones). */
const countsText = ({ completeness: c }: DeliverableInstanceStatusDto) =>
  `应报 ${c.expected}，按时 ${c.onTime}，逾期 ${c.late}，缺报 ${c.missing}，已退回 ${c.returned}；报送率 ${percentText(c.reportingRate)}，按时率 ${percentText(c.onTimeRate)}`;

/**
 * Completeness of a campaign's deliverables over a subtree (the organizing unit's, or a unit's
 * chosen in the matrix): per instance the counts and rates and the units missing it with their
 * liaisons; the units × instances matrix a page of units at a time; a cell opens what the unit
 * handed in, to accept or return.
 */
export default function CompletenessPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const signedIn = useSession(withQuery(Routes.consoleCompleteness, { campaignId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  /** The subtrees looked into, from the organizing unit's down (the last one is shown). */
  const [trail, setTrail] = useState<UnitSummary[]>([]);
  const root = campaign.data?.organizingUnit;
  const subtree = trail[trail.length - 1] ?? root;
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
  if (!campaign.data || !subtree) return framed(<PageStatus failure={campaign.failure} onRetry={campaign.reload} />);

  const instances = status.status?.instances ?? [];
  const chosen = instances.find((i) => instanceKey(i) === chosenKey);
  const lookInto = (units: UnitSummary[]) => {
    setTrail(units);
    setOpened(undefined);
    setMessage(undefined);
  };

  return framed(
    <View className='page completeness'>
      <Section title='完成情况'>
        <Text className='muted'>{campaign.data.title}</Text>
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
      <LoadFailure resource={status} />
      {status.loading ? <Text className='muted'>加载中…</Text> : null}
      {instances.length > 0 ? (
        <Section title='各期报送'>
          <Text className='row__meta'>选择一期，查看缺报和被退回的单位及其联络员</Text>
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
              detail={(instance) => (instance === chosen ? <MissingPanel campaignId={campaignId} unitId={subtree.id} instance={instance} /> : null)}
            />
          ) : (
            instances.map((instance) => (
              <View className='row' key={instanceKey(instance)}>
                <View className='row__main' onClick={() => setChosenKey(instanceKey(instance) === chosenKey ? undefined : instanceKey(instance))}>
                  <Text className='row__title'>{instanceLabel(instance)}</Text>
                  <Text className='row__meta'>{countsText(instance)}</Text>
                  {instance === chosen ? <MissingPanel campaignId={campaignId} unitId={subtree.id} instance={instance} /> : null}
                </View>
              </View>
            ))
          )}
        </Section>
      ) : null}
      {status.data && instances.length > 0 ? (
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
      <Section title='导出'>
        <ExportPanel campaignId={campaignId} unitId={subtree.id} kinds={['completeness']} />
      </Section>
    </View>,
    campaign.data.title,
  );
}
