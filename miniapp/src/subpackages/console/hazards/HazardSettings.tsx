import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HAZARD_LIMITS, HAZARD_OUTCOMES, HAZARD_OUTCOME_LABELS, Role, type CampaignDto, type HazardSettingsDto, type UpdateHazardSettingsRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { Toggle } from '../../../components/Toggle';
import { useAction } from '../../../api/data';
import { hazardHandlingApi } from '../../../api/endpoints';
import { keys, useHazardSettings, useMembers } from '../../../api/resources';
import { fieldDisplay } from '../../../utils/campaigns';
import { categoryProblem, settingsDraftOf, settingsProblem, settingsRequest, type SettingsDraft } from './model';

const NONE = 'none';

/** The campaign's count fields, each named with its item: what an outcome may add to. */
const countFieldOptions = (campaign: CampaignDto) => [
  { value: NONE, label: '不计入统计' },
  ...campaign.items.flatMap((item) => item.fields.filter((field) => field.kind === 'count').map((field) => ({ value: field.id, label: `${item.title}：${fieldDisplay(field)}` }))),
];

/** The categories, each with 删除, and a new one added by name. */
function Categories({ value, onChange }: { value: string[]; onChange: (categories: string[]) => void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const trimmed = name.trim();
    const found = categoryProblem(trimmed, value);
    setProblem(found);
    if (found) return;
    onChange([...value, trimmed]);
    setName('');
  };
  return (
    <View>
      {value.map((category) => (
        <View className='row' key={category}>
          <Text className='row__title'>{category}</Text>
          <Text className='link link--danger' onClick={() => onChange(value.filter((c) => c !== category))}>
            删除
          </Text>
        </View>
      ))}
      <Field label='新类别' placeholder='类别名称' value={name} onChange={setName} error={problem} maxLength={HAZARD_LIMITS.categoryLength} />
      <Button size='small' onClick={add}>
        添加类别
      </Button>
    </View>
  );
}

/** The committee members of the organizing unit, a page at a time, each chosen as a handler or not. */
function Handlers({ unitId, value, onChange }: { unitId: string; value: SettingsDraft['handlers']; onChange: (handlers: SettingsDraft['handlers']) => void }) {
  const members = useMembers(unitId);
  const committee = (members.data?.items ?? []).filter((member) => member.role === Role.Committee);
  const chosen = new Set(value.map((handler) => handler.personId));
  return (
    <View>
      <Text className='row__meta'>{value.length > 0 ? `已指定：${value.map((handler) => handler.displayName).join('、')}` : '尚未指定处理人'}</Text>
      {value.length === 0 ? <Notice kind='error'>未指定处理人时，没有人能处理举报</Notice> : null}
      <LoadFailure resource={members} />
      {members.loading ? <Text className='muted'>加载中…</Text> : null}
      {members.data && committee.length === 0 ? <Text className='muted'>本页没有安委办成员</Text> : null}
      {committee.map((member) => (
        <View className='row' key={member.membershipId}>
          <Text className='row__title'>{member.person.displayName}</Text>
          <Toggle
            label='处理人'
            checked={chosen.has(member.person.id)}
            onChange={(on) =>
              onChange(on ? [...value, { personId: member.person.id, displayName: member.person.displayName }] : value.filter((handler) => handler.personId !== member.person.id))
            }
          />
        </View>
      ))}
      <Pager page={members.data} onPage={members.setPage} />
    </View>
  );
}

function SettingsForm({ campaign, saved, onChanged }: { campaign: CampaignDto; saved: HazardSettingsDto; onChanged: (changed: boolean) => void }) {
  const [form, setForm] = useState<SettingsDraft>(() => settingsDraftOf(saved));
  const changed = useMemo(() => JSON.stringify(settingsRequest(form)) !== JSON.stringify(settingsRequest(settingsDraftOf(saved))), [form, saved]);
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const [problem, setProblem] = useState<string>();
  const fieldOptions = useMemo(() => countFieldOptions(campaign), [campaign]);
  // The answer is the saved settings: they replace the cached ones.
  const save = useAction(keys.hazardSettings(campaign.id), (body: UpdateHazardSettingsRequest) => hazardHandlingApi.updateSettings(campaign.id, body, { toast: false }), {
    populate: true,
    fallback: '保存失败，请稍后重试',
    onSuccess: (result) => {
      setForm(settingsDraftOf(result));
      Taro.showToast({ title: '举报设置已保存', icon: 'success' });
    },
  });
  const edit = (next: Partial<SettingsDraft>) => {
    setForm({ ...form, ...next });
    setProblem(undefined);
  };
  const submit = () => {
    save.reset();
    const found = settingsProblem(form);
    setProblem(found);
    if (!found) void save.run(settingsRequest(form));
  };

  return (
    <View>
      <Section title='谁可以举报'>
        <View className='choices'>
          {/* Reports without an account are anonymous: one goes with the other. */}
          <Toggle label='允许匿名举报' checked={form.allowAnonymous} onChange={(allowAnonymous) => edit({ allowAnonymous, allowPublic: allowAnonymous && form.allowPublic })} />
          <Toggle label='允许未注册人员举报' checked={form.allowPublic} onChange={(allowPublic) => edit({ allowPublic, allowAnonymous: allowPublic || form.allowAnonymous })} />
        </View>
        <Text className='row__meta'>匿名举报只给举报人一个回执码，不保存举报人的任何信息；未注册人员的举报一律匿名。</Text>
      </Section>
      <Section title='隐患类别'>
        <Categories value={form.categories} onChange={(categories) => edit({ categories })} />
      </Section>
      <Section title='隐患清零'>
        <Text className='row__meta'>此日期前，所有查实的隐患都应整改销号；过期仍未销号的计为逾期。</Text>
        <View className='field'>
          <Text className='field__label'>清零日期</Text>
          <DateInput mode='date' value={form.zeroingDate} onChange={(zeroingDate) => edit({ zeroingDate })} placeholder='清零日期' />
        </View>
        {form.zeroingDate ? (
          <Button size='small' onClick={() => edit({ zeroingDate: '' })}>
            不设清零日期
          </Button>
        ) : null}
      </Section>
      <Section title='计入统计表'>
        <Text className='row__meta'>举报的处理结果计入主办单位统计表中的哪一项（与活动报告一样累计）。</Text>
        {HAZARD_OUTCOMES.map((outcome) => (
          <View className='field' key={outcome}>
            <Text className='field__label'>{HAZARD_OUTCOME_LABELS[outcome]}</Text>
            <OptionPicker
              options={fieldOptions}
              value={form.fields[outcome] ?? NONE}
              onChange={(value) => edit({ fields: { ...form.fields, [outcome]: value === NONE ? null : value } })}
              placeholder='请选择统计项'
            />
          </View>
        ))}
      </Section>
      <Section title='处理人'>
        <Text className='row__meta'>只有指定的处理人可以处理举报、查看举报人身份（每次查看都记录在查看日志中）。</Text>
        <Handlers unitId={campaign.organizingUnit.id} value={form.handlers} onChange={(handlers) => edit({ handlers })} />
      </Section>
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={save.busy} disabled={save.busy || !changed} onClick={submit}>
          保存举报设置
        </Button>
      </View>
    </View>
  );
}

/** 举报设置: who may report, the categories, 隐患清零, the counted fields and the handlers, once loaded. */
export function HazardSettings({ campaign, onChanged }: { campaign: CampaignDto; onChanged: (changed: boolean) => void }) {
  const settings = useHazardSettings(campaign.id);
  if (!settings.data) {
    return (
      <Section>
        <LoadFailure resource={settings} />
        {settings.loading ? <Text className='muted'>加载中…</Text> : null}
      </Section>
    );
  }
  return <SettingsForm campaign={campaign} saved={settings.data} onChanged={onChanged} />;
}
