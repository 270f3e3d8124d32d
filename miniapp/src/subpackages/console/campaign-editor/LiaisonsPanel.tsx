import { Text, View } from '@tarojs/components';
import { formatChinaInstant, LIAISON_FIELDS, LIAISON_FIELD_LABELS, type CampaignDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { useLiaisons } from '../../../api/resources';

/** The liaisons the units registered, as a table a page at a time, and their export (all of them) as an Excel file. */
export function LiaisonsPanel({ campaign }: { campaign: CampaignDto }) {
  const loaded = useLiaisons(campaign.id);
  const registrations = loaded.data?.items;
  // A download changes nothing cached: it has a key of its own.
  const exportExcel = useAction(
    ['liaisons-export', campaign.id],
    () => campaignsApi.exportLiaisons(campaign.id, `${campaign.title}-联络员信息表.xlsx`, { toast: false }),
    { fallback: '导出失败，请稍后重试' },
  );

  // The columns: what the form asks, plus anything a registration of the page holds from an earlier form.
  const columns = LIAISON_FIELDS.filter(
    (key) =>
      campaign.liaisonForm.fields.some((field) => field.key === key && (field.asked || field.required)) ||
      (registrations ?? []).some((r) => (r.values[key] ?? '') !== ''),
  ).filter((key) => key !== 'unitName');

  return (
    <Section
      title='联络员'
      extra={
        <Button size='small' loading={exportExcel.busy} disabled={exportExcel.busy} onClick={() => void exportExcel.run()}>
          导出 Excel
        </Button>
      }
    >
      {exportExcel.failure ? <Notice kind='error'>{exportExcel.failure}</Notice> : null}
      <LoadFailure resource={loaded} />
      {loaded.data?.total === 0 ? <Text className='muted'>还没有单位登记联络员。</Text> : null}
      {registrations && registrations.length > 0 ? (
        <View className='table-scroll'>
          <View className='table'>
            <View className='table__row table__row--head'>
              <Text className='table__cell table__cell--wide'>单位</Text>
              {columns.map((key) => (
                <Text className='table__cell' key={key}>
                  {LIAISON_FIELD_LABELS[key]}
                </Text>
              ))}
              <Text className='table__cell'>更新时间</Text>
            </View>
            {registrations.map((registration) => (
              <View className='table__row' key={registration.id}>
                <Text className='table__cell table__cell--wide'>{registration.values.unitName || registration.unit.name}</Text>
                {columns.map((key) => (
                  <Text className='table__cell' key={key}>
                    {registration.values[key] ?? ''}
                  </Text>
                ))}
                <Text className='table__cell'>{formatChinaInstant(registration.updatedAt)}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {loaded.data?.total ? <Pager page={loaded.data} onPage={loaded.setPage} /> : null}
    </Section>
  );
}
