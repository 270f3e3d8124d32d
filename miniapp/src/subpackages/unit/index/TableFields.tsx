import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  formatChinaInstant,
  STATISTICS_LIMITS,
  type BooleanFieldValue,
  type CountFieldValue,
  type EvidenceLinkDto,
  type ManualEntryDto,
  type ProposalDto,
  type StatisticsTableField,
  type TextFieldValue,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices, YES_NO, yesNoChoice } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { useAction } from '../../../api/data';
import { statisticsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { confirmDanger } from '../../../utils/confirm';
import { answerText } from '../../../utils/reports';
import { isBlank } from '../unit';

/** Where a field's changes go, and whether they may be made now. */
export interface TablePlace {
  campaignId: string;
  unitId: string;
  /** Set while the table is handed in or accepted: nothing may change. */
  locked: boolean;
}

const quiet = { toast: false } as const;
/** A manual entry changes the table's values, here and in any console page showing the unit's tables. */
const TABLE_CHANGED = { stale: ['statistics'] };

/** A whole number from 1 to the limit, or undefined. */
function amountOf(text: string): number | undefined {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= STATISTICS_LIMITS.manualAmountMax ? value : undefined;
}

function ManualEntryForm({ place, field, onDone }: { place: TablePlace; field: CountFieldValue; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; note?: string }>({});
  const add = useAction(
    keys.manualEntries(place.campaignId, place.unitId),
    (body: { amount: number; note: string }) => statisticsApi.addManualEntry(place.campaignId, place.unitId, { fieldId: field.id, ...body }, quiet),
    { ...TABLE_CHANGED, fallback: '添加失败，请稍后重试', onSuccess: onDone },
  );
  const save = () => {
    const value = amountOf(amount);
    const found = {
      amount: value === undefined ? `请输入 1–${STATISTICS_LIMITS.manualAmountMax} 之间的整数` : undefined,
      note: !note.trim() ? '请说明做了什么（如线下活动的名称）' : undefined,
    };
    setErrors(found);
    add.reset();
    if (value !== undefined && !found.note) void add.run({ amount: value, note: note.trim() });
  };
  return (
    <View className='unit-entry-form'>
      <Field label={`数量（${field.unit || '数'}）`} type='number' value={amount} onChange={setAmount} error={errors.amount} maxLength={String(STATISTICS_LIMITS.manualAmountMax).length} />
      <Field label='说明' placeholder='如：线下宣传活动，6月10日' value={note} onChange={setNote} error={errors.note} maxLength={STATISTICS_LIMITS.noteMaxLength} />
      {add.failure ? <Notice kind='error'>{add.failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' size='small' loading={add.busy} disabled={add.busy} onClick={save}>
          保存
        </Button>
        <Button size='small' disabled={add.busy} onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}

function ManualEntries({ place, entries }: { place: TablePlace; entries: ManualEntryDto[] }) {
  const remove = useAction(
    keys.manualEntries(place.campaignId, place.unitId),
    (entryId: string) => statisticsApi.removeManualEntry(place.campaignId, place.unitId, entryId, quiet),
    { ...TABLE_CHANGED, fallback: '删除失败，请稍后重试' },
  );
  const ask = async (entry: ManualEntryDto) => {
    if (await confirmDanger('删除手工录入', `删除“${entry.note}”（${entry.amount}）？统计数将相应减少。`, '删除')) void remove.run(entry.id);
  };
  if (entries.length === 0) return null;
  return (
    <View className='unit-entries'>
      {entries.map((entry) => (
        <View className='unit-entry' key={entry.id}>
          <View className='unit-entry__main'>
            <Text>
              +{entry.amount} {entry.note}
            </Text>
            <Text className='row__meta'>
              {entry.createdBy.displayName} · {formatChinaInstant(entry.createdAt)}
            </Text>
          </View>
          {place.locked ? null : (
            <Text className='link link--danger' onClick={() => void ask(entry)}>
              删除
            </Text>
          )}
        </View>
      ))}
      {remove.failure ? <Notice kind='error'>{remove.failure}</Notice> : null}
    </View>
  );
}

function CountField({ place, field, entries }: { place: TablePlace; field: CountFieldValue; entries: ManualEntryDto[] }) {
  const [adding, setAdding] = useState(false);
  return (
    <View>
      <Text className='unit-field__value'>
        {field.value} {field.unit}
      </Text>
      <Text className='row__meta'>
        活动报告 {field.fromReports}，手工录入 {field.fromManualEntries}
      </Text>
      <ManualEntries place={place} entries={entries} />
      {adding && !place.locked ? (
        <ManualEntryForm place={place} field={field} onDone={() => setAdding(false)} />
      ) : (
        <Button size='small' disabled={place.locked} onClick={() => setAdding(true)}>
          添加手工录入
        </Button>
      )}
    </View>
  );
}

/** Saves the unit's answer to one field; the table loads again with it. */
function useAnswer(place: TablePlace, field: StatisticsTableField) {
  return useAction(
    keys.statistics(place.campaignId, place.unitId, 'unit'),
    (value: boolean | string) => statisticsApi.answer(place.campaignId, place.unitId, field.id, value, quiet),
    { fallback: '保存失败，请稍后重试', stale: ['statistics'] },
  );
}

/**
 * What the unit's accepted reports propose for a yes/no or text field: 采用 answers the field with
 * one (not while the table is closed; not the one it already holds).
 */
function Proposals<V extends boolean | string>({
  place,
  proposals,
  current,
  busy,
  onAdopt,
}: {
  place: TablePlace;
  proposals: ProposalDto<V>[] | undefined;
  current: V | null;
  busy: boolean;
  onAdopt: (value: V) => void;
}) {
  if (!proposals?.length) return null;
  return (
    <View className='unit-proposals'>
      {proposals.map((proposal) => (
        <View className='unit-proposal' key={proposal.reportId}>
          <Text className='unit-proposal__text'>
            报告建议：{answerText(proposal.value)}（《{proposal.reportTitle}》）
          </Text>
          {proposal.value === current ? (
            <Text className='row__meta'>已采用</Text>
          ) : place.locked ? null : (
            <Button size='small' disabled={busy} onClick={() => onAdopt(proposal.value)}>
              采用
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}

function BooleanField({ place, field }: { place: TablePlace; field: BooleanFieldValue }) {
  const answer = useAnswer(place, field);
  const value = yesNoChoice(field.value);
  return (
    <View>
      {place.locked ? (
        <Text className='unit-field__value'>{field.value === null ? '未填' : answerText(field.value)}</Text>
      ) : (
        <Choices options={YES_NO} value={value} onChange={(chosen) => void answer.run(chosen === 'yes')} />
      )}
      <Proposals place={place} proposals={field.proposals} current={field.value} busy={answer.busy} onAdopt={(adopted) => void answer.run(adopted)} />
      {answer.busy ? <Text className='muted'>保存中…</Text> : null}
      {answer.failure ? <Notice kind='error'>{answer.failure}</Notice> : null}
    </View>
  );
}

function TextField({ place, field }: { place: TablePlace; field: TextFieldValue }) {
  const saved = field.value ?? '';
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string>();
  const answer = useAnswer(place, field);
  // A new answer from the server (saved here or elsewhere) replaces what is shown.
  useEffect(() => setText(saved), [saved]);
  const proposals = (
    <Proposals
      place={place}
      proposals={field.proposals}
      current={field.value}
      busy={answer.busy}
      onAdopt={(adopted) => {
        answer.reset();
        setError(undefined);
        void answer.run(adopted);
      }}
    />
  );
  if (place.locked) {
    return (
      <View>
        <Text className='unit-field__value'>{saved || '未填'}</Text>
        {proposals}
      </View>
    );
  }
  const save = () => {
    answer.reset();
    setError(text.trim() ? undefined : '请填写内容');
    if (text.trim()) void answer.run(text.trim());
  };
  return (
    <View>
      <TextArea value={text} onChange={setText} placeholder={`填写${field.label}`} error={error} maxLength={STATISTICS_LIMITS.textAnswerMaxLength} />
      {text.trim() !== saved ? (
        <Button size='small' type='primary' loading={answer.busy} disabled={answer.busy} onClick={save}>
          保存
        </Button>
      ) : null}
      {proposals}
      {answer.failure ? <Notice kind='error'>{answer.failure}</Notice> : null}
    </View>
  );
}

/** One field of the unit's table with its value, highlighted while blank, and what the liaison may do to it. */
export function TableField({ place, field, entries }: { place: TablePlace; field: StatisticsTableField; entries: ManualEntryDto[] }) {
  const blank = isBlank(field);
  return (
    <View className={`unit-field${blank ? ' unit-field--blank' : ''}`}>
      <View className='unit-field__head'>
        <Text className='unit-field__label'>{field.label}</Text>
        {blank ? <Text className='unit-field__flag'>未填</Text> : null}
      </View>
      {field.kind === 'count' ? <CountField place={place} field={field} entries={entries} /> : null}
      {field.kind === 'boolean' ? <BooleanField place={place} field={field} /> : null}
      {field.kind === 'text' ? <TextField place={place} field={field} /> : null}
    </View>
  );
}

/** h5 opens the link in a new tab; the mini program cannot open other sites, so it copies the link. */
function openLink(url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  Taro.setClipboardData({ data: url }).catch(() => undefined);
}

/** The evidence links (网址链接) accepted reports carry for an item. */
export function EvidenceLinks({ links }: { links: EvidenceLinkDto[] }) {
  if (links.length === 0) return null;
  return (
    <View className='unit-evidence'>
      <Text className='field__label unit-subhead'>佐证链接</Text>
      {links.map((link) => (
        <View className='unit-evidence__link' key={`${link.reportId}-${link.url}`}>
          <Text className='link' onClick={() => openLink(link.url)}>
            {link.url}
          </Text>
          <Text className='row__meta'>来自报告：{link.reportTitle}</Text>
        </View>
      ))}
    </View>
  );
}
