import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatChinaInstant, INSTANCE_STATUS_LABELS, chinaDay, type CampaignDto, type StatisticsTableDto, type SubmitTableRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { PageStatus } from '../../../components/PageStatus';
import { Section } from '../../../components/Section';
import { SubscribePrompt } from '../../../components/SubscribePrompt';
import { useAction } from '../../../api/data';
import { statisticsApi } from '../../../api/endpoints';
import { keys, useCampaign, useHandInStatus, useHazardCounts, useManualEntries, useMyLiaisons, useStatisticsTable } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { countdownText, formatDueShort, urgencyClass } from '../../../utils/deadlines';
import { useNow } from '../../../utils/useNow';
import { Routes, withQuery } from '../../../routes';
import { hazardCountsText, zeroingText } from '../../../utils/hazardCounts';
import { TABLE_STATE_LABELS, behind, handedIn, isBlank, nextDue, statusTone, tableLockedReason, unitInstances, type UnitInstance } from '../unit';
import { EvidenceLinks, TableField, type TablePlace } from './TableFields';
import '../unit.scss';
import './index.scss';

/**
 * Where an instance is handed in: the liaison form on its own page, the statistics table below on
 * this page (its submission counts as the hand-in), everything else on the hand-in page.
 */
function openInstance(campaignId: string, unitId: string, { instance }: UnitInstance) {
  if (instance.kind === 'statistics_table') {
    void Taro.pageScrollTo({ selector: '#table-submission', duration: 300 });
    return;
  }
  const url =
    instance.kind === 'liaison_form'
      ? withQuery(Routes.liaisonForm, { id: campaignId })
      : withQuery(Routes.unitHandIn, { campaignId, unitId, deliverableId: instance.deliverableId, periodKey: instance.periodKey });
  void Taro.navigateTo({ url });
}

function StatusBadge({ status }: { status: UnitInstance['status'] }) {
  return <Text className={`unit-status unit-status--${statusTone(status)}`}>{INSTANCE_STATUS_LABELS[status]}</Text>;
}

/** What is due next and what the unit is behind on, each opening where it is handed in. */
function Deadlines({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const loaded = useHandInStatus(campaignId, unitId);
  const now = useNow(30_000);
  if (!loaded.status) return <Section title='报送材料'>{loaded.failure ? <LoadFailure resource={loaded} /> : <Text className='muted'>加载中…</Text>}</Section>;
  const instances = unitInstances(loaded.status, unitId);
  if (!instances) {
    return (
      <Section title='报送材料'>
        <Text className='muted'>本单位无需向本活动报送材料</Text>
      </Section>
    );
  }
  const next = nextDue(instances, now);
  const late = behind(instances);
  return (
    <Section title='报送材料'>
      {next ? (
        <View className='unit-next'>
          <Text className='field__label unit-subhead'>下一截止</Text>
          <View className='unit-instance'>
            <View className='unit-instance__main'>
              <Text className='row__title'>{next.instance.title}</Text>
              <Text className={urgencyClass(next.instance.dueAt, now)}>
                {formatDueShort(next.instance.dueAt)}（还有 {countdownText(next.instance.dueAt, now)}）
              </Text>
            </View>
            <StatusBadge status={next.status} />
            <Button size='small' type='primary' onClick={() => openInstance(campaignId, unitId, next)}>
              {next.status === 'returned' ? '重新报送' : handedIn(next.status) ? '查看' : '报送'}
            </Button>
          </View>
        </View>
      ) : (
        <Text className='muted'>所有截止事项均已截止</Text>
      )}
      {next || late.length > 0 ? <SubscribePrompt purpose='reminder' label='订阅提醒' /> : null}
      <Text className='field__label unit-subhead'>待补报</Text>
      {late.length === 0 ? <Text className='muted'>没有缺报或退回的材料</Text> : null}
      {late.map((entry) => (
        <View className='unit-instance' key={`${entry.instance.deliverableId}/${entry.instance.periodKey}`}>
          <View className='unit-instance__main'>
            <Text className='row__title'>{entry.instance.title}</Text>
            <Text className='row__meta'>截止 {formatDueShort(entry.instance.dueAt)}</Text>
          </View>
          <StatusBadge status={entry.status} />
          <Button size='small' onClick={() => openInstance(campaignId, unitId, entry)}>
            {entry.status === 'returned' ? '重新报送' : '补报'}
          </Button>
        </View>
      ))}
    </Section>
  );
}

/** The unit's live table: every item's fields, blank ones highlighted, with what the liaison may fill in. */
function LiveTable({ place, table }: { place: TablePlace; table: StatisticsTableDto }) {
  const entries = useManualEntries(place.campaignId, place.unitId);
  const blanks = table.items.flatMap((item) => item.fields).filter(isBlank).length;
  return (
    <Section title='统计表'>
      {blanks > 0 ? <Notice kind='error'>还有 {blanks} 项未填（已标出）</Notice> : <Notice kind='success'>各项均已填写</Notice>}
      <LoadFailure resource={entries} />
      {table.items.length === 0 ? <Text className='muted'>本活动没有统计项</Text> : null}
      {table.items.map((item, index) => (
        <View className='unit-item' key={item.id}>
          <Text className='unit-item__title'>
            {index + 1}. {item.title}
          </Text>
          {item.requirement ? <Text className='row__meta'>{item.requirement}</Text> : null}
          {item.fields.map((field) => (
            <TableField key={field.id} place={place} field={field} entries={(entries.data ?? []).filter((e) => e.fieldId === field.id)} />
          ))}
          <EvidenceLinks links={item.evidence} />
        </View>
      ))}
    </Section>
  );
}

/** 提交统计表: the header's 联系人 / 电话 / 填报日期, prefilled from the liaison's form; then the state of what was handed in. */
function SubmitTable({ campaign, place, table }: { campaign: CampaignDto; place: TablePlace; table: StatisticsTableDto }) {
  const { submission } = table;
  const registration = useMyLiaisons(campaign.id).data?.find((r) => r.unit.id === place.unitId);
  const [form, setForm] = useState<SubmitTableRequest & { fillDate: string }>({ contactName: '', phone: '', fillDate: chinaDay(new Date()) });
  const [errors, setErrors] = useState<{ contactName?: string; phone?: string; fillDate?: string }>({});
  // Filled in once from the liaison form (or the last submission), never over what was typed.
  useEffect(() => {
    const contactName = submission?.contactName ?? registration?.values.name ?? '';
    const phone = submission?.phone ?? registration?.values.mobile ?? registration?.values.officePhone ?? '';
    setForm((f) => ({ ...f, contactName: f.contactName || contactName, phone: f.phone || phone }));
  }, [registration, submission]);
  const submit = useAction(
    keys.statistics(place.campaignId, place.unitId, 'unit'),
    (body: SubmitTableRequest) => statisticsApi.submit(place.campaignId, place.unitId, body, { toast: false }),
    { fallback: '提交失败，请稍后重试', stale: ['statistics', 'hand-in-status'] },
  );
  const blanks = table.items.flatMap((item) => item.fields).filter(isBlank).length;

  const send = async () => {
    const found = {
      contactName: form.contactName.trim() ? undefined : '请填写联系人',
      phone: form.phone.trim() ? undefined : '请填写电话',
      fillDate: form.fillDate ? undefined : '请选择填报日期',
    };
    setErrors(found);
    submit.reset();
    if (found.contactName || found.phone || found.fillDate) return;
    const content = `${blanks > 0 ? `还有 ${blanks} 项未填。` : ''}提交后，审核前不能再修改统计表。`;
    const answer = await Taro.showModal({ title: '提交统计表', content, confirmText: '提交', cancelText: '取消' }).catch(() => ({ confirm: false }));
    if (answer.confirm) void submit.run({ contactName: form.contactName.trim(), phone: form.phone.trim(), fillDate: form.fillDate });
  };

  return (
    <View id='table-submission'>
      <Section title='统计表报送'>
        {submission ? (
          <View className='unit-submission'>
            <View className='unit-submission__head'>
              <Badge tone={submission.state === 'accepted' ? 'success' : submission.state === 'returned' ? 'muted' : 'primary'}>{TABLE_STATE_LABELS[submission.state]}</Badge>
              <Text className='row__meta'>
                {submission.submittedBy.displayName} 于 {formatChinaInstant(submission.submittedAt)} 提交
              </Text>
            </View>
            <Text className='row__meta'>
              联系人：{submission.contactName} · 电话：{submission.phone} · 填报日期：{submission.fillDate}
            </Text>
            {submission.state === 'returned' ? <Notice kind='error'>退回意见：{submission.comment ?? '无'}</Notice> : null}
          </View>
        ) : null}
        {place.locked ? (
          <Notice>{tableLockedReason(submission)}</Notice>
        ) : (
          <View>
            <Field label='联系人' value={form.contactName} onChange={(contactName) => setForm({ ...form, contactName })} error={errors.contactName} maxLength={50} />
            <Field label='电话' value={form.phone} onChange={(phone) => setForm({ ...form, phone })} error={errors.phone} maxLength={30} />
            <View className={`field${errors.fillDate ? ' field--invalid' : ''}`}>
              <Text className='field__label'>填报日期</Text>
              <DateInput mode='date' value={form.fillDate} onChange={(fillDate) => setForm({ ...form, fillDate })} placeholder='填报日期' />
              {errors.fillDate ? <Text className='field__error'>{errors.fillDate}</Text> : null}
            </View>
          </View>
        )}
        {submit.failure ? <Notice kind='error'>{submit.failure}</Notice> : null}
        <Button type='primary' block loading={submit.busy} disabled={place.locked || submit.busy} onClick={() => void send()}>
          {submission?.state === 'returned' ? '重新提交统计表' : '提交统计表'}
        </Button>
        {submit.result && !submit.busy ? <SubscribePrompt purpose='reminder' label='订阅截止提醒' /> : null}
      </Section>
    </View>
  );
}

/** 隐患整改: the unit's own hazards (not yet closed, overdue, closed) and the page of what it is to rectify. */
function Hazards({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const loaded = useHazardCounts(campaignId, unitId);
  return (
    <Section title='隐患整改'>
      <LoadFailure resource={loaded} />
      {loaded.loading ? <Text className='muted'>加载中…</Text> : null}
      {loaded.counts ? <Text className={loaded.counts.unit.overdue > 0 ? 'field__error' : 'row__meta'}>{hazardCountsText(loaded.counts.unit)}</Text> : null}
      {loaded.counts ? <Text className='row__meta'>{zeroingText(loaded.counts.zeroingDate)}</Text> : null}
      <Button size='small' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.unitRectify, { campaignId, unitId }) })}>
        整改任务
      </Button>
    </Section>
  );
}

function UnitTable({ campaign, unitId }: { campaign: CampaignDto; unitId: string }) {
  const table = useStatisticsTable(campaign.id, unitId, 'unit');
  if (!table.data) {
    return <Section title='统计表'>{table.failure ? <LoadFailure resource={table} /> : <Text className='muted'>加载中…</Text>}</Section>;
  }
  const locked = tableLockedReason(table.data.submission);
  const place: TablePlace = { campaignId: campaign.id, unitId, locked: locked !== undefined };
  return (
    <>
      {locked ? <Notice>{locked}</Notice> : null}
      <LiveTable place={place} table={table.data} />
      <SubmitTable campaign={campaign} place={place} table={table.data} />
    </>
  );
}

/** 本单位: the liaison's unit in a campaign — its deadlines and what it is behind on, its hazards to rectify, its live statistics table, and handing the table in. */
export default function UnitPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const [chosen, setChosen] = useState(router.params.unitId);
  const signedIn = useSession(withQuery(Routes.unit, { campaignId, unitId: router.params.unitId }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);

  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!campaign.data) return <PageStatus failure={campaign.failure} onRetry={campaign.reload} />;
  const units = campaign.data.liaisonUnits;
  const unit = units.find((u) => u.id === chosen) ?? units[0];
  if (!unit) return <PageStatus failure='您不是本活动参与单位的联络员' />;

  return (
    <View className='page unit-page'>
      <Section>
        <Text className='unit-page__title'>{unit.name}</Text>
        <Text className='muted'>{campaign.data.title}</Text>
        {units.length > 1 ? (
          <View className='field'>
            <Text className='field__label'>单位</Text>
            <OptionPicker options={units.map((u) => ({ value: u.id, label: u.name }))} value={unit.id} onChange={setChosen} placeholder='请选择单位' />
          </View>
        ) : null}
      </Section>
      <Deadlines key={`deadlines-${unit.id}`} campaignId={campaign.data.id} unitId={unit.id} />
      <Hazards key={`hazards-${unit.id}`} campaignId={campaign.data.id} unitId={unit.id} />
      <UnitTable key={`table-${unit.id}`} campaign={campaign.data} unitId={unit.id} />
    </View>
  );
}
