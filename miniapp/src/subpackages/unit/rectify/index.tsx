import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatChinaDate, formatChinaInstant, HAZARD_STATUS_LABELS, type RectificationCaseDto } from '@safemonth/shared';
import { LoadFailure } from '../../../components/LoadFailure';
import { MediaGrid } from '../../../components/MediaGrid';
import { Notice } from '../../../components/Notice';
import { PageStatus } from '../../../components/PageStatus';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { hazardHandlingApi } from '../../../api/endpoints';
import { useCampaign, useRectification, useRectifications } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { DoneForm } from './DoneForm';
import '../unit.scss';
import './index.scss';

/** The badge of a rectification: overdue red, closed green, the rest as they stand. */
function StatusMarks({ rectification }: { rectification: Pick<RectificationCaseDto, 'status' | 'overdue'> }) {
  return (
    <View className='rectify-marks'>
      {rectification.overdue ? <Text className='unit-status unit-status--danger'>逾期</Text> : null}
      <Text className={`unit-status${rectification.status === 'closed' ? ' unit-status--success' : ''}`}>{HAZARD_STATUS_LABELS[rectification.status]}</Text>
    </View>
  );
}

/** One hazard to rectify, as the unit sees it (never the reporter): what, where, what is asked, by when, and the form to report it done. */
function RectificationCase({ hazardId }: { hazardId: string }) {
  const loaded = useRectification(hazardId);
  const item = loaded.data;
  if (!item) return <View className='rectify-case'>{loaded.failure ? <LoadFailure resource={loaded} /> : <Text className='muted'>加载中…</Text>}</View>;
  const { rectification } = item;
  return (
    <View className='rectify-case'>
      <Text className='row__meta'>{`类别：${item.category}`}</Text>
      <Text className='row__meta'>{`地点：${item.place}`}</Text>
      <Text className='rectify-text' userSelect>
        {item.description}
      </Text>
      <MediaGrid media={item.media} fileUrl={hazardHandlingApi.mediaUrl} />
      <Text className='row__meta'>{`整改要求：${rectification.requirement ?? '无'}`}</Text>
      <Text className={item.overdue ? 'field__error' : 'row__meta'}>{`整改期限：${formatChinaDate(rectification.dueDate)}${item.overdue ? '（已逾期）' : ''}`}</Text>
      {item.comment && item.status === 'rectifying' ? <Notice kind='error'>{`重新整改意见：${item.comment}`}</Notice> : null}
      {item.status === 'rectifying' ? <DoneForm hazardId={item.id} /> : null}
      {item.status !== 'rectifying' && rectification.doneAt ? (
        <View className='rectify-form'>
          <Text className='field__label'>{`已于 ${formatChinaInstant(rectification.doneAt)} 报告整改完成`}</Text>
          {rectification.description ? <Text className='rectify-text'>{rectification.description}</Text> : null}
          <MediaGrid media={rectification.media} fileUrl={hazardHandlingApi.mediaUrl} />
          {item.status === 'rectified' ? <Notice>等待安委办核实销号</Notice> : null}
          {item.status === 'closed' ? <Notice kind='success'>已销号</Notice> : null}
        </View>
      ) : null}
    </View>
  );
}

/** 隐患整改: the hazards assigned to the unit (overdue first, as the API lists them); one opens with its form to report it done. */
export default function RectifyPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const unitId = params.unitId ?? '';
  const signedIn = useSession(withQuery(Routes.unitRectify, { campaignId, unitId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  const list = useRectifications(signedIn && campaignId ? campaignId : undefined, unitId || undefined);
  const [openId, setOpenId] = useState<string>();

  if (!campaignId || !unitId) return <PageStatus failure='没有指定活动和单位' />;
  if (!campaign.data) return <PageStatus failure={campaign.failure} onRetry={campaign.reload} />;
  const unitName = campaign.data.liaisonUnits.find((u) => u.id === unitId)?.name ?? list.data?.items[0]?.rectification.unit.name;
  const rows = list.data?.items ?? [];

  return (
    <View className='page'>
      <Section title='隐患整改'>
        {unitName ? <Text className='row__title'>{unitName}</Text> : null}
        <Text className='muted'>{campaign.data.title}</Text>
        <Text className='row__meta'>安委办交办本单位整改的隐患：请在期限前整改到位，并上传整改后的照片报告整改完成。</Text>
      </Section>
      <Section title='整改任务'>
        <LoadFailure resource={list} />
        {list.loading ? <Text className='muted'>加载中…</Text> : null}
        {list.data?.total === 0 ? <Text className='muted'>没有交办本单位整改的隐患</Text> : null}
        {rows.map((row) => (
          <View key={row.id}>
            <View className='row rectify-row' onClick={() => setOpenId(row.id === openId ? undefined : row.id)}>
              <View className='row__main'>
                <Text className='row__title'>{`${row.category} · ${row.place}`}</Text>
                <Text className='row__meta'>{`整改期限：${formatChinaDate(row.rectification.dueDate)}`}</Text>
              </View>
              <StatusMarks rectification={row} />
            </View>
            {row.id === openId ? <RectificationCase hazardId={row.id} /> : null}
          </View>
        ))}
        <Pager page={list.data} onPage={list.setPage} />
      </Section>
    </View>
  );
}
