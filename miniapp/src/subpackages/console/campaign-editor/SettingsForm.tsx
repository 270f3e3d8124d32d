import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LIAISON_FIELD_LABELS,
  type CampaignDto,
  type CampaignPhase,
  type LiaisonFormSettings,
  type MediaRequirements,
  type UpdateCampaignRequest,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { Toggle } from '../../../components/Toggle';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { PHOTO_FORMAT_LABELS, VIDEO_FORMAT_LABELS } from '../../../utils/campaigns';
import { newKey } from './model';
import { ParticipatingUnits } from './ParticipatingUnits';

type PhotoFormat = MediaRequirements['photoFormats'][number];
const PHOTO_FORMATS = Object.keys(PHOTO_FORMAT_LABELS) as PhotoFormat[];
const POLICY_CHOICES: { value: MediaRequirements['smallPhotoPolicy']; label: string }[] = [
  { value: 'warn', label: '可以上传，但提示' },
  { value: 'refuse', label: '不能上传' },
];
const LIAISON_COUNT_CHOICES = ['1', '2', '3', '4', '5'].map((value) => ({ value, label: `${value} 人` }));

interface PhaseDraft extends CampaignPhase {
  key: string;
}

interface Draft {
  title: string;
  year: string;
  theme: string;
  phases: PhaseDraft[];
  slogans: string;
  minPhotoWidth: string;
  minPhotoHeight: string;
  smallPhotoPolicy: MediaRequirements['smallPhotoPolicy'];
  photoFormats: PhotoFormat[];
  maxFileSizeMb: string;
  liaisonForm: LiaisonFormSettings;
  participatingUnitIds: string[];
  allowSelfReviewInSingleMemberUnits: boolean;
}

function draftOf(campaign: CampaignDto): Draft {
  return {
    title: campaign.title,
    year: String(campaign.year),
    theme: campaign.theme,
    phases: campaign.phases.map((phase) => ({ ...phase, key: newKey() })),
    slogans: campaign.slogans.join('\n'),
    minPhotoWidth: String(campaign.media.minPhotoWidth),
    minPhotoHeight: String(campaign.media.minPhotoHeight),
    smallPhotoPolicy: campaign.media.smallPhotoPolicy,
    photoFormats: [...campaign.media.photoFormats],
    maxFileSizeMb: String(campaign.media.maxFileSizeMb),
    liaisonForm: { ...campaign.liaisonForm, fields: campaign.liaisonForm.fields.map((field) => ({ ...field })) },
    participatingUnitIds: [...campaign.participatingUnitIds],
    allowSelfReviewInSingleMemberUnits: campaign.allowSelfReviewInSingleMemberUnits,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveInteger(text: string, max: number): number | undefined {
  const value = Number(text.trim());
  return Number.isInteger(value) && value > 0 && value <= max ? value : undefined;
}

/** Messages by form field (`title`, `phases.0.end`, `media.minPhotoWidth` …), as the server names them too. */
type Messages = Record<string, string>;

function check(draft: Draft): Messages {
  const messages: Messages = {};
  if (!draft.title.trim()) messages.title = '请填写活动名称';
  const year = Number(draft.year.trim());
  if (!Number.isInteger(year) || year < 2000 || year > 2100) messages.year = '请输入 2000–2100 之间的年份';
  draft.phases.forEach((phase, index) => {
    if (!phase.name.trim()) messages[`phases.${index}.name`] = '请填写阶段名称';
    if (!DATE.test(phase.start)) messages[`phases.${index}.start`] = '请选择开始日期';
    if (!DATE.test(phase.end)) messages[`phases.${index}.end`] = '请选择结束日期';
    else if (DATE.test(phase.start) && phase.end < phase.start) messages[`phases.${index}.end`] = '结束日期不能早于开始日期';
  });
  if (!positiveInteger(draft.minPhotoWidth, 20000)) messages['media.minPhotoWidth'] = '请输入正整数（像素）';
  if (!positiveInteger(draft.minPhotoHeight, 20000)) messages['media.minPhotoHeight'] = '请输入正整数（像素）';
  if (draft.photoFormats.length === 0) messages['media.photoFormats'] = '请至少选择一种照片格式';
  if (!positiveInteger(draft.maxFileSizeMb, 10000)) messages['media.maxFileSizeMb'] = '请输入正整数（MB）';
  return messages;
}

function requestOf(draft: Draft, campaign: CampaignDto): UpdateCampaignRequest {
  return {
    title: draft.title.trim(),
    year: Number(draft.year.trim()),
    theme: draft.theme.trim(),
    phases: draft.phases.map(({ name, start, end }) => ({ name: name.trim(), start, end })),
    slogans: draft.slogans
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    media: {
      minPhotoWidth: Number(draft.minPhotoWidth.trim()),
      minPhotoHeight: Number(draft.minPhotoHeight.trim()),
      smallPhotoPolicy: draft.smallPhotoPolicy,
      photoFormats: PHOTO_FORMATS.filter((format) => draft.photoFormats.includes(format)),
      videoFormats: campaign.media.videoFormats,
      maxFileSizeMb: Number(draft.maxFileSizeMb.trim()),
    },
    liaisonForm: draft.liaisonForm,
    participatingUnitIds: draft.participatingUnitIds,
    allowSelfReviewInSingleMemberUnits: draft.allowSelfReviewInSingleMemberUnits,
  };
}

function Labelled({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {children}
      {error ? <Text className='field__error'>{error}</Text> : null}
    </View>
  );
}

function LiaisonFormTable({ value, onChange }: { value: LiaisonFormSettings; onChange: (value: LiaisonFormSettings) => void }) {
  const setField = (key: string, patch: { asked?: boolean; required?: boolean }) =>
    onChange({
      ...value,
      fields: value.fields.map((field) => {
        if (field.key !== key) return field;
        const next = { ...field, ...patch };
        // A required field is asked; a field not asked is not required.
        if (patch.required) next.asked = true;
        if (patch.asked === false) next.required = false;
        return next;
      }),
    });
  return (
    <View className='liaison-settings'>
      {value.fields.map((field) => (
        <View className='liaison-settings__row' key={field.key}>
          <Text className='liaison-settings__label'>{LIAISON_FIELD_LABELS[field.key]}</Text>
          <View className='liaison-settings__toggles'>
            <Toggle label='收集' checked={field.asked || field.required} onChange={(asked) => setField(field.key, { asked })} />
            <Toggle label='必填' checked={field.required} onChange={(required) => setField(field.key, { required })} />
          </View>
        </View>
      ))}
      <Labelled label='每单位联络员人数'>
        <Choices
          options={LIAISON_COUNT_CHOICES}
          value={String(value.maxLiaisonsPerUnit)}
          onChange={(count) => onChange({ ...value, maxLiaisonsPerUnit: Number(count) })}
        />
      </Labelled>
    </View>
  );
}

/** The fields a server detail may name, to show its message under the field. */
function knownFields(draft: Draft): Set<string> {
  return new Set([
    'title',
    'year',
    'theme',
    'slogans',
    ...draft.phases.flatMap((_, i) => [`phases.${i}.name`, `phases.${i}.start`, `phases.${i}.end`]),
    'media.minPhotoWidth',
    'media.minPhotoHeight',
    'media.photoFormats',
    'media.maxFileSizeMb',
    ...draft.participatingUnitIds.map((_, i) => `participatingUnitIds.${i}`),
  ]);
}

/** Title, year, theme, phases, slogans, media requirements and the liaison form of a campaign. */
export function SettingsForm({ campaign, onChanged }: { campaign: CampaignDto; onChanged?: (changed: boolean) => void }) {
  const [draft, setDraft] = useState(() => draftOf(campaign));
  const changed = useMemo(
    () => JSON.stringify(requestOf(draft, campaign)) !== JSON.stringify(requestOf(draftOf(campaign), campaign)),
    [draft, campaign],
  );
  useEffect(() => onChanged?.(changed), [changed, onChanged]);
  const [messages, setMessages] = useState<Messages>({});
  const [other, setOther] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  // The answer is the saved campaign: it replaces the page's copy.
  const save = useAction(keys.campaign(campaign.id), (sent: Draft) => campaignsApi.update(campaign.id, requestOf(sent, campaign), { toast: false }), {
    fallback: '保存失败，请稍后重试',
    populate: true,
    onSuccess: (saved) => {
      setDraft(draftOf(saved));
      Taro.showToast({ title: '设置已保存', icon: 'success' });
    },
    onError: (error, sent) => {
      if (!isApiError(error) || error.details.length === 0) return;
      const known = knownFields(sent);
      const placed: Messages = {};
      const rest: string[] = [];
      for (const detail of error.details) {
        if (detail.field && known.has(detail.field)) placed[detail.field] = detail.message;
        else rest.push(detail.message);
      }
      setMessages(placed);
      setOther(rest);
    },
  });

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const setPhase = (key: string, patch: Partial<CampaignPhase>) =>
    setDraft((current) => ({ ...current, phases: current.phases.map((p) => (p.key === key ? { ...p, ...patch } : p)) }));

  const submit = () => {
    save.reset();
    setOther([]);
    const found = check(draft);
    setMessages(found);
    setInvalid(Object.keys(found).length > 0);
    if (Object.keys(found).length === 0) void save.run(draft);
  };

  return (
    <Section>
      <Field label='活动名称' placeholder='活动名称' value={draft.title} onChange={(title) => set({ title })} error={messages.title} maxLength={100} />
      <Field label='年度' placeholder='年份，如 2026' type='number' value={draft.year} onChange={(year) => set({ year })} error={messages.year} maxLength={4} />
      <Field
        label='主题'
        placeholder='如：落实安全责任，推动安全发展'
        value={draft.theme}
        onChange={(theme) => set({ theme })}
        error={messages.theme}
        maxLength={100}
      />

      <Text className='settings__group'>活动阶段</Text>
      {draft.phases.length === 0 ? <Text className='muted'>还没有活动阶段。</Text> : null}
      {draft.phases.map((phase, index) => (
        <View className='phase' key={phase.key}>
          <View className='phase__name'>
            <Field
              label={`阶段 ${index + 1}`}
              placeholder='阶段名称，如 安全生产月'
              value={phase.name}
              onChange={(name) => setPhase(phase.key, { name })}
              error={messages[`phases.${index}.name`]}
              maxLength={50}
            />
          </View>
          <Labelled label='开始日期' error={messages[`phases.${index}.start`]}>
            <DateInput mode='date' value={phase.start} onChange={(start) => setPhase(phase.key, { start })} placeholder='开始日期' />
          </Labelled>
          <Labelled label='结束日期' error={messages[`phases.${index}.end`]}>
            <DateInput mode='date' value={phase.end} onChange={(end) => setPhase(phase.key, { end })} placeholder='结束日期' />
          </Labelled>
          <View className='phase__remove'>
            <LinkText onClick={() => set({ phases: draft.phases.filter((p) => p.key !== phase.key) })}>删除阶段</LinkText>
          </View>
        </View>
      ))}
      <View className='actions settings__add'>
        <Button
          size='small'
          onClick={() => set({ phases: [...draft.phases, { key: newKey(), name: '', start: `${draft.year.trim()}-06-01`, end: `${draft.year.trim()}-06-30` }] })}
        >
          添加阶段
        </Button>
      </View>

      <TextArea
        label='宣传标语（每行一条）'
        placeholder='每行一条宣传标语'
        value={draft.slogans}
        onChange={(slogans) => set({ slogans })}
        error={messages.slogans}
      />

      <Text className='settings__group'>照片和视频要求</Text>
      <View className='settings__pair'>
        <Field
          label='照片和视频最小宽度（像素）'
          placeholder='1920'
          type='number'
          value={draft.minPhotoWidth}
          onChange={(minPhotoWidth) => set({ minPhotoWidth })}
          error={messages['media.minPhotoWidth']}
        />
        <Field
          label='照片和视频最小高度（像素）'
          placeholder='1080'
          type='number'
          value={draft.minPhotoHeight}
          onChange={(minPhotoHeight) => set({ minPhotoHeight })}
          error={messages['media.minPhotoHeight']}
        />
      </View>
      <Labelled label='尺寸不足的照片和视频'>
        <Choices options={POLICY_CHOICES} value={draft.smallPhotoPolicy} onChange={(smallPhotoPolicy) => set({ smallPhotoPolicy })} />
      </Labelled>
      <Labelled label='照片格式' error={messages['media.photoFormats']}>
        <View className='choices'>
          {PHOTO_FORMATS.map((format) => (
            <Toggle
              key={format}
              label={PHOTO_FORMAT_LABELS[format]}
              checked={draft.photoFormats.includes(format)}
              onChange={(on) =>
                set({ photoFormats: on ? [...draft.photoFormats, format] : draft.photoFormats.filter((f) => f !== format) })
              }
            />
          ))}
        </View>
      </Labelled>
      <Labelled label='视频格式'>
        <Text>{campaign.media.videoFormats.map((format) => VIDEO_FORMAT_LABELS[format] ?? format).join('、') || '不收视频'}</Text>
      </Labelled>
      <Field
        label='单个文件大小上限（MB）'
        placeholder='50'
        type='number'
        value={draft.maxFileSizeMb}
        onChange={(maxFileSizeMb) => set({ maxFileSizeMb })}
        error={messages['media.maxFileSizeMb']}
      />

      <Text className='settings__group'>参与单位</Text>
      <ParticipatingUnits
        organizingUnitId={campaign.organizingUnit.id}
        value={draft.participatingUnitIds}
        onChange={(participatingUnitIds) => set({ participatingUnitIds })}
        error={Object.entries(messages).find(([key]) => key.startsWith('participatingUnitIds'))?.[1]}
      />

      <Text className='settings__group'>报告审核</Text>
      <Text className='muted'>任何人不能审核自己提交的报告。开启后，只有一名成员的单位，该成员可以审核自己的报告，处理记录中注明“本人审核”。</Text>
      <View className='choices'>
        <Toggle
          label='允许单人单位本人审核'
          checked={draft.allowSelfReviewInSingleMemberUnits}
          onChange={(allowSelfReviewInSingleMemberUnits) => set({ allowSelfReviewInSingleMemberUnits })}
        />
      </View>

      <Text className='settings__group'>联络员信息表</Text>
      <Text className='muted'>选择要收集的项目；必填的项目一定收集。</Text>
      <LiaisonFormTable value={draft.liaisonForm} onChange={(liaisonForm) => set({ liaisonForm })} />

      {invalid ? <Notice kind='error'>请按提示修改后再保存</Notice> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      {other.map((message) => (
        <Text className='field__error' key={message}>
          {message}
        </Text>
      ))}
      <View className='actions'>
        <Button type='primary' block loading={save.busy} disabled={save.busy} onClick={submit}>
          保存设置
        </Button>
      </View>
    </Section>
  );
}
