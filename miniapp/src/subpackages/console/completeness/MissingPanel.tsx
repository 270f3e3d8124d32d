import { Text, View } from '@tarojs/components';
import { INSTANCE_STATUS_LABELS } from '@safemonth/shared';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { useMissingUnits } from '../../../api/resources';
import { statusClass } from './model';

/** The units of the subtree behind on one instance, with their liaisons' names and phones to call. */
export function MissingPanel({ campaignId, unitId, instance }: { campaignId: string; unitId: string; instance: { deliverableId: string; periodKey: string } }) {
  const missing = useMissingUnits(campaignId, unitId, instance);
  return (
    <View className='missing'>
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
          </View>
          <Text className={statusClass(row.status)}>{INSTANCE_STATUS_LABELS[row.status]}</Text>
        </View>
      ))}
      <Pager page={missing.data} onPage={missing.setPage} />
    </View>
  );
}
