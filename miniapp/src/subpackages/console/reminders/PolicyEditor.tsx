import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, CHANNEL_NAMES, REMINDER_POLICY_LIMITS } from '@safemonth/shared';
import { Button, Input } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { DateInput } from '../../../components/DateInput';
import { LinkText } from '../../../components/LinkText';
import { Toggle } from '../../../components/Toggle';
import { messagesElsewhere, messagesUnder, TIME_UNIT_LABELS, type DurationDraft, type OverdueMode, type PolicyDraft, type PolicyProblems, type TimeUnit } from './policy';

const UNIT_CHOICES = (Object.keys(TIME_UNIT_LABELS) as TimeUnit[]).map((value) => ({ value, label: TIME_UNIT_LABELS[value] }));
const OVERDUE_CHOICES: { value: OverdueMode; label: string }[] = [
  { value: 'none', label: '不提醒' },
  { value: 'after', label: '截止后一段时间' },
  { value: 'nextDay', label: '次日定时' },
];
/** The fields the editor shows messages under; any other message is shown at its end. */
const FIELDS = ['offsetsBeforeMinutes', 'overdueAt', 'escalation', 'quietHours', 'channels'];

function Errors({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((message, index) => (
        <Text className='field__error' key={`${index}-${message}`}>
          {message}
        </Text>
      ))}
    </>
  );
}

function Part({ label, hint, messages, children }: { label: string; hint?: string; messages: string[]; children: ReactNode }) {
  return (
    <View className={`field${messages.length ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {hint ? <Text className='muted'>{hint}</Text> : null}
      {children}
      <Errors messages={messages} />
    </View>
  );
}

/** An amount of hours or minutes. */
function DurationInput({ value, onChange, placeholder }: { value: DurationDraft; onChange: (value: DurationDraft) => void; placeholder: string }) {
  return (
    <View className='duration'>
      <Input className='field__input duration__amount' type='digit' value={value.amount} placeholder={placeholder} onChange={(amount) => onChange({ ...value, amount: String(amount) })} maxLength={6} />
      <Choices options={UNIT_CHOICES} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} />
    </View>
  );
}

/**
 * One reminder policy: reminders before the deadline, the overdue notice, the digest to the
 * committee, quiet hours and channels, each with what is wrong with it (`problems`, by field)
 * under it.
 */
export function PolicyEditor({ label, value, onChange, problems }: { label: string; value: PolicyDraft; onChange: (value: PolicyDraft) => void; problems?: PolicyProblems }) {
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...value, ...patch });
  const setOffset = (index: number, offset: DurationDraft) => set({ offsets: value.offsets.map((o, i) => (i === index ? offset : o)) });
  const toggleChannel = (channel: (typeof CHANNEL_NAMES)[number], on: boolean) =>
    set({ channels: on ? CHANNEL_NAMES.filter((name) => name === channel || value.channels.includes(name)) : value.channels.filter((name) => name !== channel) });

  return (
    <View className='policy' role='group' aria-label={label}>
      <Part label='截止前提醒' hint='在截止前多久提醒尚未报送的单位，可设多个' messages={problems?.offsetsBeforeMinutes ?? []}>
        {value.offsets.length === 0 ? <Text className='muted'>截止前不提醒</Text> : null}
        {value.offsets.map((offset, index) => (
          <View className='policy__offset' key={index}>
            <View className='policy__line'>
              <Text className='muted'>截止前</Text>
              <DurationInput value={offset} onChange={(next) => setOffset(index, next)} placeholder='提前时长' />
              <LinkText onClick={() => set({ offsets: value.offsets.filter((_, i) => i !== index) })}>删除</LinkText>
            </View>
            <Errors messages={problems?.[`offsetsBeforeMinutes.${index}`] ?? []} />
          </View>
        ))}
        {value.offsets.length < REMINDER_POLICY_LIMITS.maxOffsets ? (
          <View className='actions'>
            <Button size='small' onClick={() => set({ offsets: [...value.offsets, { amount: '', unit: 'hours' }] })}>
              添加提前提醒
            </Button>
          </View>
        ) : null}
      </Part>

      <Part label='逾期提醒' hint='截止后仍未报送的单位再提醒一次' messages={messagesUnder(problems, 'overdueAt')}>
        <Choices options={OVERDUE_CHOICES} value={value.overdue} onChange={(overdue) => set({ overdue })} />
        {value.overdue === 'after' ? (
          <View className='policy__line'>
            <Text className='muted'>截止后</Text>
            <DurationInput value={value.overdueAfter} onChange={(overdueAfter) => set({ overdueAfter })} placeholder='逾期时长' />
          </View>
        ) : null}
        {value.overdue === 'nextDay' ? (
          <View className='policy__line'>
            <Text className='muted'>截止次日</Text>
            <DateInput mode='time' value={value.overdueNextDayAt} onChange={(overdueNextDayAt) => set({ overdueNextDayAt })} placeholder='次日提醒时刻' />
          </View>
        ) : null}
      </Part>

      <Part label='未交汇总' messages={messagesUnder(problems, 'escalation')}>
        <View className='choices'>
          <Toggle label='逾期提醒时向安委办发送未交单位汇总' checked={value.escalation} onChange={(escalation) => set({ escalation })} />
        </View>
      </Part>

      <Part label='免打扰时段' hint='此时段内不发提醒，顺延到时段结束（若截止更早，则提前到时段开始前）' messages={messagesUnder(problems, 'quietHours')}>
        <View className='choices'>
          <Toggle label='设置免打扰时段' checked={value.quiet} onChange={(quiet) => set({ quiet })} />
        </View>
        {value.quiet ? (
          <View className='policy__line'>
            <DateInput mode='time' value={value.quietFrom} onChange={(quietFrom) => set({ quietFrom })} placeholder='免打扰开始' />
            <Text className='muted'>至</Text>
            <DateInput mode='time' value={value.quietTo} onChange={(quietTo) => set({ quietTo })} placeholder='免打扰结束' />
          </View>
        ) : null}
      </Part>

      <Part label='发送渠道' hint='微信订阅消息发给已订阅的联络员；企业微信群机器人在“单位”页面设置；邮件发往联络员信息表中的邮箱' messages={messagesUnder(problems, 'channels')}>
        <View className='choices'>
          {CHANNEL_NAMES.map((channel) => (
            <Toggle key={channel} label={CHANNEL_LABELS[channel]} checked={value.channels.includes(channel)} onChange={(on) => toggleChannel(channel, on)} />
          ))}
        </View>
      </Part>
      <Errors messages={messagesElsewhere(problems, FIELDS)} />
    </View>
  );
}
