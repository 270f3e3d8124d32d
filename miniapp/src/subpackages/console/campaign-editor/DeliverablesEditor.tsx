import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DELIVERABLE_KINDS, DELIVERABLE_KIND_LABELS, type CampaignDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { formatDueLong, safeInstances, WEEKDAY_LABELS } from '../../../utils/deadlines';
import {
  defaultRule,
  deliverablesChanged,
  deliverablesFromCampaign,
  deliverablesRequest,
  newKey,
  placeDeliverableDetails,
  ruleOf,
  ruleProblems,
  type DraftDeliverable,
  type Problems,
  type RuleDraft,
  type RuleKind,
} from './model';

const KIND_CHOICES = DELIVERABLE_KINDS.map((value) => ({ value, label: DELIVERABLE_KIND_LABELS[value] }));
const RULE_KIND_CHOICES: { value: RuleKind; label: string }[] = [
  { value: 'once', label: '一次' },
  { value: 'weekly', label: '每周' },
  { value: 'monthly', label: '每月' },
];
const WEEKDAY_CHOICES = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: WEEKDAY_LABELS[day] }));

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      {children}
    </View>
  );
}

/** An optional time of day: empty means the end of the day (24:00). */
function TimeInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <Labelled label='截止时间（可不填）'>
      <DateInput mode='time' value={value} onChange={onChange} placeholder='截止时间' />
      <View className='rule__time-hint'>
        <Text className='muted'>{value ? `当天 ${value} 前` : '不填表示当天 24:00 前'}</Text>
        {value ? <LinkText onClick={() => onChange('')}>不限时间</LinkText> : null}
      </View>
    </Labelled>
  );
}

/** The first two due instants of a valid rule, in China time. */
function RulePreview({ draft }: { draft: RuleDraft }) {
  const instances = safeInstances(ruleOf(draft));
  if (instances.length === 0) return null;
  return (
    <View className='rule__preview'>
      <Text className='muted'>{instances.length > 1 ? `共 ${instances.length} 次截止，最早两次：` : '截止：'}</Text>
      {instances.slice(0, 2).map((instance) => (
        <Text className='rule__instant' key={instance.periodKey}>
          {formatDueLong(instance.dueAt)}
        </Text>
      ))}
    </View>
  );
}

/** Edits one deadline rule; shows what is wrong with it (validateDeadlineRule) or when it falls due. */
export function RuleEditor({ value, onChange }: { value: RuleDraft; onChange: (value: RuleDraft) => void }) {
  const set = (patch: Partial<RuleDraft>) => onChange({ ...value, ...patch });
  const problems = ruleProblems(value);
  return (
    <View className='rule'>
      <Labelled label='截止方式'>
        <Choices options={RULE_KIND_CHOICES} value={value.kind} onChange={(kind) => set({ kind })} />
      </Labelled>
      {value.kind === 'once' ? (
        <Labelled label='截止日期'>
          <DateInput mode='date' value={value.date} onChange={(date) => set({ date, opens: undefined })} placeholder='截止日期' />
        </Labelled>
      ) : null}
      {value.kind === 'weekly' ? (
        <Labelled label='每周'>
          <Choices options={WEEKDAY_CHOICES} value={value.weekday} onChange={(weekday) => set({ weekday })} />
        </Labelled>
      ) : null}
      {value.kind === 'monthly' ? (
        <Field label='每月几日' placeholder='1–31' type='number' value={value.day} onChange={(day) => set({ day })} maxLength={2} />
      ) : null}
      <TimeInput value={value.time} onChange={(time) => set(value.kind === 'once' ? { time, opens: undefined } : { time })} />
      {value.kind !== 'once' ? (
        <View className='rule__range'>
          <Labelled label='开始日期'>
            <DateInput mode='date' value={value.from} onChange={(from) => set({ from })} placeholder='开始日期' />
          </Labelled>
          <Labelled label='结束日期'>
            <DateInput mode='date' value={value.until} onChange={(until) => set({ until })} placeholder='结束日期' />
          </Labelled>
        </View>
      ) : null}
      {problems.length > 0 ? (
        <View className='messages'>
          {problems.map((problem) => (
            <Text className='field__error' key={problem}>
              {problem}
            </Text>
          ))}
        </View>
      ) : (
        <RulePreview draft={value} />
      )}
    </View>
  );
}

/** The deliverables and their deadline rules. */
export function DeliverablesEditor({ campaign, onChanged }: { campaign: CampaignDto; onChanged?: (changed: boolean) => void }) {
  const [drafts, setDrafts] = useState(() => deliverablesFromCampaign(campaign));
  const changed = useMemo(() => deliverablesChanged(drafts, campaign), [drafts, campaign]);
  useEffect(() => onChanged?.(changed), [changed, onChanged]);
  const [problems, setProblems] = useState<Problems>({});
  const [other, setOther] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  // The answer is the saved campaign: it replaces the page's copy.
  const save = useAction(
    keys.campaign(campaign.id),
    (sent: DraftDeliverable[]) => campaignsApi.replaceDeliverables(campaign.id, deliverablesRequest(sent), { toast: false }),
    {
      fallback: '保存失败，请稍后重试',
      populate: true,
      onSuccess: (saved) => {
        setDrafts(deliverablesFromCampaign(saved));
        Taro.showToast({ title: '截止要求已保存', icon: 'success' });
      },
      onError: (error, sent) => {
        if (!isApiError(error) || error.details.length === 0) return;
        const placed = placeDeliverableDetails(error.details, sent);
        setProblems(placed.problems);
        setOther(placed.other);
      },
    },
  );

  const update = (key: string, patch: Partial<DraftDeliverable>) =>
    setDrafts((current) => current.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const add = () =>
    setDrafts((current) => [...current, { key: newKey(), kind: 'other', title: '', rule: defaultRule(campaign) }]);

  const submit = () => {
    save.reset();
    setOther([]);
    const local: Problems = {};
    for (const draft of drafts) {
      if (!draft.title.trim()) local[draft.key] = ['请填写名称'];
    }
    setProblems(local);
    const found = Object.keys(local).length > 0 || drafts.some((draft) => ruleProblems(draft.rule).length > 0);
    setInvalid(found);
    if (!found) void save.run(drafts);
  };

  return (
    <Section>
      {drafts.length === 0 ? <Text className='muted'>还没有截止要求。</Text> : null}
      {drafts.map((draft, index) => (
        <View className='deliverable-card' key={draft.key}>
          <View className='item-card__head'>
            <Text className='item-card__number'>截止要求 {index + 1}</Text>
            <LinkText onClick={() => setDrafts((current) => current.filter((d) => d.key !== draft.key))}>删除截止要求</LinkText>
          </View>
          <Labelled label='类别'>
            <Choices options={KIND_CHOICES} value={draft.kind} onChange={(kind) => update(draft.key, { kind })} />
          </Labelled>
          <Field
            label='名称'
            placeholder='如：每周活动材料'
            value={draft.title}
            onChange={(title) => update(draft.key, { title })}
            maxLength={100}
          />
          <RuleEditor value={draft.rule} onChange={(rule) => update(draft.key, { rule })} />
          {problems[draft.key]?.map((message) => (
            <Text className='field__error' key={message}>
              {message}
            </Text>
          ))}
        </View>
      ))}
      <View className='actions'>
        <Button size='small' onClick={add}>
          添加截止要求
        </Button>
      </View>
      {invalid ? <Notice kind='error'>请按提示修改后再保存</Notice> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      {other.map((message) => (
        <Text className='field__error' key={message}>
          {message}
        </Text>
      ))}
      <View className='actions'>
        <Button type='primary' block loading={save.busy} disabled={save.busy} onClick={submit}>
          保存截止要求
        </Button>
      </View>
    </Section>
  );
}
