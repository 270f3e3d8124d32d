import { Text, View } from '@tarojs/components';
import { INSTANCE_STATUS_LABELS, type UnitSummary } from '@safemonth/shared';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { useMissingUnits } from '../../../api/resources';
import { statusClass } from './model';
import { RemindButton } from './RemindButton';

export interface MissingPanelProps {
  campaignId: string;
  /** The subtree looked into. */
  subtree: UnitSummary;
  instance: { deliverableId: string; periodKey: string };
  /** The instance as the page names it, for the reminders' questions. */
  title: string;
  /** Units of the subtree that have not handed it in (missing, returned, or not yet due): whether there is anyone to remind. */
  owing: number;
}

/**
 * The units of the subtree behind on one instance, with their liaisons' names and phones to call,
 * and reminders to send now: to all units of the subtree that have not handed it in, or to one
 * unit (with the units under it).
 */
export function MissingPanel({ campaignId, subtree, instance, title, owing }: MissingPanelProps) {
  const missing = useMissingUnits(campaignId, subtree.id, instance);
  const request = { deliverableId: instance.deliverableId, periodKey: instance.periodKey };
  return (
    <View className='missing'>
      {owing > 0 ? (
        <RemindButton
          campaignId={campaignId}
          request={{ ...request, unitId: subtree.id }}
          label='提醒全部未报单位'
          question={`现在提醒“${subtree.name}”及下级中尚未报送“${title}”的全部单位的联络员？`}
          primary
        />
      ) : null}
      <LoadFailure resource={missing} />
      {missing.loading ? <Text className='muted'>加载中…</Text> : null}
      {missing.data?.total === 0 ? <Text className='muted'>没有缺报或被退回的单位</Text> : null}
      {missing.data?.items.map((row) => (
        <View className='row' key={row.unit.id}>
          <View className='row__main'>
            <Text className='row__title'>{row.unit.name}</Text>
            {row.liaisons.length === 0 ? <Text className='muted'>尚无联络员登记</Text> : null}
            {row.liaisons.map((liaison, index) => (
              <Text className='row__meta' key={`${index}-${liaison.name}`} userSelect>
                {[`联络员：${liaison.name}`, liaison.mobile && `手机 ${liaison.mobile}`, liaison.officePhone && `办公电话 ${liaison.officePhone}`].filter(Boolean).join('，')}
              </Text>
            ))}
            <RemindButton
              campaignId={campaignId}
              request={{ ...request, unitId: row.unit.id }}
              label='提醒'
              question={`现在提醒“${row.unit.name}”（含其下级单位中尚未报送的）的联络员报送“${title}”？`}
            />
          </View>
          <Text className={statusClass(row.status)}>{INSTANCE_STATUS_LABELS[row.status]}</Text>
        </View>
      ))}
      <Pager page={missing.data} onPage={missing.setPage} />
    </View>
  );
}
