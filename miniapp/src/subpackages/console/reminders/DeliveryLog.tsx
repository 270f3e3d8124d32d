import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  formatChinaInstant,
  CHANNEL_LABELS,
  DELIVERY_OUTCOME_LABELS,
  NOTICE_KINDS,
  NOTICE_KIND_LABELS,
  OUTBOX_STATUSES,
  OUTBOX_STATUS_LABELS,
  type CampaignDto,
  type DeliveryLogEntryDto,
  type NoticeKind,
  type OutboxStatus,
} from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { OptionPicker } from '../../../components/OptionPicker';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { Button } from '../../../components/ui';
import { useDeliveryLog, useUnit } from '../../../api/resources';
import { UnitList } from '../units/UnitList';

interface Filter {
  kind?: NoticeKind;
  status?: OutboxStatus;
  unitId?: string;
}

const ALL = 'all';
const KIND_OPTIONS = [{ value: ALL, label: '全部类型' }, ...NOTICE_KINDS.map((value) => ({ value, label: NOTICE_KIND_LABELS[value] }))];
const STATUS_OPTIONS = [{ value: ALL, label: '全部状态' }, ...OUTBOX_STATUSES.map((value) => ({ value, label: OUTBOX_STATUS_LABELS[value] }))];

const STATUS_TONES: Record<OutboxStatus, 'primary' | 'muted' | 'success'> = { queued: 'muted', sending: 'muted', sent: 'success', failed: 'primary', skipped: 'muted' };

/** Who a notice was for: a person, or the group of a unit's robot. */
export const recipientText = (entry: DeliveryLogEntryDto) => entry.person?.displayName ?? (entry.channel === 'wecom' ? `${entry.unit?.name ?? ''}群机器人` : '—');

/** How sending went: the tries and the last error, or when the next try is. */
export function attemptsText(entry: DeliveryLogEntryDto): string {
  const next = entry.nextAttemptAt ? `下次发送 ${formatChinaInstant(entry.nextAttemptAt)}` : '';
  if (entry.attempts.length === 0) return next || '尚未发送';
  const tries = [`已尝试 ${entry.attempts.length} 次`, entry.lastError && `最近错误：${entry.lastError}`, next].filter(Boolean);
  return tries.join('，');
}

/** What was sent and each try, under its row or card. */
function EntryDetail({ entry }: { entry: DeliveryLogEntryDto }) {
  return (
    <View className='log-entry'>
      <Text className='row__title'>{entry.title}</Text>
      <Text className='log-entry__body' userSelect>
        {entry.body}
      </Text>
      {entry.sentAt ? <Text className='row__meta'>{`送达时间：${formatChinaInstant(entry.sentAt)}`}</Text> : null}
      {entry.attempts.map((attempt, index) => (
        <Text className='row__meta' key={`${index}-${attempt.at}`}>
          {`第 ${index + 1} 次 ${formatChinaInstant(attempt.at)} ${DELIVERY_OUTCOME_LABELS[attempt.outcome]}${attempt.error ? `：${attempt.error}` : ''}`}
        </Text>
      ))}
    </View>
  );
}

/**
 * 提醒记录: the campaign's notices (reminders and notices of reviews), newest first, filtered by
 * kind, status and unit, a page at a time: a table on the desktop, cards on phones; a row opens
 * what was sent and each try.
 */
export function DeliveryLog({ campaign }: { campaign: CampaignDto }) {
  const [filter, setFilter] = useState<Filter>({});
  const log = useDeliveryLog(campaign.id, filter);
  // The unit filter's units are found by name or paged through, not loaded whole: the tree may be large.
  const organizer = useUnit(campaign.organizingUnit.id);
  const [picking, setPicking] = useState(false);
  const [unitName, setUnitName] = useState('');
  const wide = useWideTables();
  const [openId, setOpenId] = useState<string>();
  const entries = log.data?.items ?? [];
  const filtered = filter.kind || filter.status || filter.unitId;
  const change = (next: Filter) => {
    setFilter({ ...filter, ...next });
    setOpenId(undefined);
  };
  const choose = <T extends string>(value: string): T | undefined => (value === ALL ? undefined : (value as T));
  const toggle = (entry: DeliveryLogEntryDto) => setOpenId(entry.id === openId ? undefined : entry.id);

  const columns: Column<DeliveryLogEntryDto, never>[] = [
    { title: '时间', grow: 2, cell: (e) => <Text>{formatChinaInstant(e.createdAt)}</Text> },
    { title: '类型', cell: (e) => <Text>{NOTICE_KIND_LABELS[e.kind]}</Text> },
    { title: '单位', grow: 2, cell: (e) => <Text>{e.unit?.name ?? '—'}</Text> },
    { title: '接收人', grow: 2, cell: (e) => <Text>{recipientText(e)}</Text> },
    { title: '渠道', grow: 2, cell: (e) => <Text>{CHANNEL_LABELS[e.channel]}</Text> },
    { title: '状态', cell: (e) => <Badge tone={STATUS_TONES[e.status]}>{OUTBOX_STATUS_LABELS[e.status]}</Badge> },
    { title: '发送情况', grow: 3, cell: (e) => <Text>{attemptsText(e)}</Text> },
  ];

  return (
    <View>
      <Section title='筛选'>
        <View className='log-filter'>
          <View className='log-filter__field'>
            <Text className='row__meta'>类型</Text>
            <OptionPicker options={KIND_OPTIONS} value={filter.kind ?? ALL} onChange={(v) => change({ kind: choose<NoticeKind>(v) })} placeholder='请选择类型' />
          </View>
          <View className='log-filter__field'>
            <Text className='row__meta'>状态</Text>
            <OptionPicker options={STATUS_OPTIONS} value={filter.status ?? ALL} onChange={(v) => change({ status: choose<OutboxStatus>(v) })} placeholder='请选择状态' />
          </View>
          <View className='log-filter__field'>
            <Text className='row__meta'>单位</Text>
            <View className='actions'>
              <Text>{filter.unitId ? unitName : '全部单位'}</Text>
              <Button size='small' onClick={() => setPicking(!picking)}>
                {picking ? '收起' : '选择单位'}
              </Button>
            </View>
          </View>
        </View>
        {picking && organizer.data ? (
          <UnitList
            rootId={organizer.data.id}
            rootDepth={organizer.data.depth}
            selectedId={filter.unitId}
            onSelect={(unit) => {
              setUnitName(unit.name);
              setPicking(false);
              change({ unitId: unit.id });
            }}
          />
        ) : null}
        <LoadFailure resource={organizer} />
        {filtered ? (
          <View className='actions'>
            <Button size='small' onClick={() => change({ kind: undefined, status: undefined, unitId: undefined })}>
              清除条件
            </Button>
          </View>
        ) : null}
      </Section>
      <Section title='提醒记录'>
        <LoadFailure resource={log} />
        {log.loading ? <Text className='muted'>加载中…</Text> : null}
        {log.data?.total === 0 ? <Text className='muted'>{filtered ? '没有符合条件的记录' : '还没有发出提醒或通知'}</Text> : null}
        {entries.length > 0 && wide ? (
          <DataTable
            label='提醒记录'
            columns={columns}
            rows={entries}
            rowKey={(e) => e.id}
            order={undefined}
            onSort={() => undefined}
            onRow={toggle}
            selectedKey={openId ?? ''}
            detail={(e) => (e.id === openId ? <EntryDetail entry={e} /> : null)}
          />
        ) : null}
        {entries.length > 0 && !wide
          ? entries.map((e) => (
              <View key={e.id}>
                <View className='row log-row' onClick={() => toggle(e)}>
                  <View className='row__main'>
                    <Text className='row__title'>{`${NOTICE_KIND_LABELS[e.kind]} · ${CHANNEL_LABELS[e.channel]}`}</Text>
                    <Text className='row__meta'>{[formatChinaInstant(e.createdAt), e.unit?.name, recipientText(e)].filter(Boolean).join(' · ')}</Text>
                    <Text className='row__meta'>{attemptsText(e)}</Text>
                  </View>
                  <Badge tone={STATUS_TONES[e.status]}>{OUTBOX_STATUS_LABELS[e.status]}</Badge>
                </View>
                {e.id === openId ? <EntryDetail entry={e} /> : null}
              </View>
            ))
          : null}
        <Pager page={log.data} onPage={log.setPage} />
      </Section>
    </View>
  );
}
