import { Text, View } from '@tarojs/components';
import { formatChinaDate, formatChinaInstant, HAZARD_ACTION_LABELS, HAZARD_STATUS_LABELS, isHazardVerified, type HazardCaseDto } from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { LoadFailure } from '../../../components/LoadFailure';
import { MediaGrid } from '../../../components/MediaGrid';
import { Notice } from '../../../components/Notice';
import { hazardHandlingApi } from '../../../api/endpoints';
import { useHazard } from '../../../api/resources';
import { statusTone } from './model';
import { Messages } from './Messages';
import { Recognition } from './Recognition';
import { Reporter } from './Reporter';
import { Workflow } from './Workflow';

/** Where the hazard is: the unit concerned and the place as written, and the phone's location. */
export function placeText(hazard: Pick<HazardCaseDto, 'unit' | 'place'>): string {
  return [hazard.unit?.name, hazard.place].filter(Boolean).join(' · ');
}

/** What the responsible unit was asked, and what it reported done. */
function Rectification({ hazard }: { hazard: HazardCaseDto }) {
  const { rectification } = hazard;
  if (!rectification) return null;
  return (
    <View className='hazard-part'>
      <Text className='field__label'>整改</Text>
      <Text className='row__meta'>{`整改单位：${rectification.unit.name} · 期限：${formatChinaDate(rectification.dueDate)}`}</Text>
      {rectification.requirement ? <Text className='row__meta'>{`整改要求：${rectification.requirement}`}</Text> : null}
      {rectification.doneAt ? (
        <View>
          <Text className='row__meta'>{`整改完成：${formatChinaInstant(rectification.doneAt)}`}</Text>
          {rectification.description ? <Text className='hazard-text'>{rectification.description}</Text> : null}
          <MediaGrid media={rectification.media} fileUrl={hazardHandlingApi.mediaUrl} />
        </View>
      ) : (
        <Text className='muted'>整改单位尚未报告整改完成</Text>
      )}
    </View>
  );
}

/**
 * One hazard report as its handlers see it: what was reported, its photos and location, the
 * rectification, the workflow's next steps, the reward and exposure of a verified case, the reporter
 * (asked for, and logged), the messages with the reporter, and the course of the case.
 */
export function CasePanel({ hazardId, campaignId, organizerId }: { hazardId: string; campaignId: string; organizerId: string }) {
  const loaded = useHazard(hazardId);
  const hazard = loaded.data;
  if (!hazard) {
    return <View className='hazard-case'>{loaded.failure ? <LoadFailure resource={loaded} /> : <Text className='muted'>加载中…</Text>}</View>;
  }
  return (
    <View className='hazard-case'>
      <View className='actions'>
        <Badge tone={statusTone(hazard.status)}>{HAZARD_STATUS_LABELS[hazard.status]}</Badge>
        {hazard.overdue ? <Badge>逾期</Badge> : null}
        {hazard.typical ? <Badge tone='muted'>典型案例</Badge> : null}
        <Text className='row__meta'>{`${hazard.category} · ${hazard.anonymous ? '匿名' : '实名'}举报 · ${formatChinaInstant(hazard.createdAt)}`}</Text>
      </View>
      <Text className='row__meta'>{`地点：${placeText(hazard)}`}</Text>
      {hazard.location ? (
        <Text className='row__meta'>
          {`位置：${hazard.location.address ? `${hazard.location.address}（` : ''}${hazard.location.latitude.toFixed(5)}，${hazard.location.longitude.toFixed(5)}${hazard.location.address ? '）' : ''}`}
        </Text>
      ) : null}
      <Text className='hazard-text' userSelect>
        {hazard.description}
      </Text>
      {hazard.reason ? <Notice>{`不属实理由：${hazard.reason}`}</Notice> : null}
      <MediaGrid media={hazard.media} fileUrl={hazardHandlingApi.mediaUrl} />
      <Rectification hazard={hazard} />
      {/* Keyed by what they show: a step taken, or a reward saved, starts their forms afresh. */}
      <Workflow key={hazard.status} hazard={hazard} organizerId={organizerId} />
      {isHazardVerified(hazard.status) ? <Recognition key={JSON.stringify([hazard.reward, hazard.typical])} hazard={hazard} /> : null}
      <Reporter hazard={hazard} campaignId={campaignId} />
      <Messages hazard={hazard} />
      <View className='hazard-part'>
        <Text className='field__label'>处理经过</Text>
        {hazard.history.map((entry, index) => (
          <Text className='row__meta' key={`${index}-${entry.at}`}>
            {`${formatChinaInstant(entry.at)} ${entry.byName ?? '举报人'} ${HAZARD_ACTION_LABELS[entry.action]}${entry.comment ? `：${entry.comment}` : ''}`}
          </Text>
        ))}
      </View>
    </View>
  );
}
