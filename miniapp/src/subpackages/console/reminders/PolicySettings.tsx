import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DELIVERABLE_KIND_LABELS, type CampaignDto, type ReminderPoliciesDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Toggle } from '../../../components/Toggle';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { remindersApi } from '../../../api/endpoints';
import { keys, useReminderPolicies } from '../../../api/resources';
import { formProblems, hasProblems, placeServerDetails, policiesDraftOf, policiesRequest, type PoliciesDraft, type PoliciesProblems, type PolicyDraft } from './policy';
import { PolicyEditor } from './PolicyEditor';

const NO_PROBLEMS: PoliciesProblems = { campaignDefault: {}, own: {}, other: [] };

/** The form over the saved policies: the campaign's default, and each deliverable following it or with its own. */
function PoliciesForm({ campaign, saved, onChanged }: { campaign: CampaignDto; saved: ReminderPoliciesDto; onChanged: (changed: boolean) => void }) {
  const ids = useMemo(() => campaign.deliverables.map((d) => d.id), [campaign.deliverables]);
  const [form, setForm] = useState<PoliciesDraft>(() => policiesDraftOf(saved, ids));
  const changed = useMemo(() => JSON.stringify(form) !== JSON.stringify(policiesDraftOf(saved, ids)), [form, saved, ids]);
  useEffect(() => onChanged(changed), [changed, onChanged]);
  /** Checked with the shared rules from the first try to save on, as the person edits. */
  const [checked, setChecked] = useState(false);
  const [refused, setRefused] = useState<PoliciesProblems>(NO_PROBLEMS);
  // The answer is the saved policies: they replace the cached ones.
  const save = useAction(keys.reminderPolicies(campaign.id), (sent: ReminderPoliciesDto) => remindersApi.replacePolicies(campaign.id, sent, { toast: false }), {
    fallback: '保存失败，请稍后重试',
    populate: true,
    onSuccess: (result) => {
      setForm(policiesDraftOf(result, ids));
      setChecked(false);
      Taro.showToast({ title: '提醒设置已保存', icon: 'success' });
    },
    onError: (error, sent) => {
      if (isApiError(error) && error.details.length > 0) setRefused(placeServerDetails(error.details, sent));
    },
  });

  const local = checked ? formProblems(form, ids) : NO_PROBLEMS;
  const problems = hasProblems(local) ? local : refused;
  const edit = (next: PoliciesDraft) => {
    setForm(next);
    setRefused(NO_PROBLEMS);
  };
  const setOwn = (deliverableId: string, draft: PolicyDraft | undefined) => {
    const own = { ...form.own };
    if (draft) own[deliverableId] = draft;
    else delete own[deliverableId];
    edit({ ...form, own });
  };

  const submit = () => {
    save.reset();
    setChecked(true);
    setRefused(NO_PROBLEMS);
    if (!hasProblems(formProblems(form, ids))) void save.run(policiesRequest(form, ids));
  };

  return (
    <View className='policies'>
      <Section title='活动默认规则'>
        <Text className='muted'>只提醒尚未报送（或被退回）的单位的联络员；各报送材料未单独设置的，按此规则提醒。时间均为北京时间。</Text>
        <PolicyEditor
          label='活动默认规则'
          value={form.campaignDefault}
          onChange={(campaignDefault) => edit({ ...form, campaignDefault })}
          problems={problems.campaignDefault}
        />
      </Section>
      {campaign.deliverables.map((deliverable) => {
        const own = form.own[deliverable.id];
        return (
          <Section title={deliverable.title} key={deliverable.id}>
            <Text className='muted'>{DELIVERABLE_KIND_LABELS[deliverable.kind]}</Text>
            <View className='choices'>
              {/* Starts from the default as it stands (drafts are replaced, never changed in place). */}
              <Toggle label='单独设置提醒规则' checked={own !== undefined} onChange={(on) => setOwn(deliverable.id, on ? form.campaignDefault : undefined)} />
            </View>
            {own ? (
              <PolicyEditor label={deliverable.title} value={own} onChange={(draft) => setOwn(deliverable.id, draft)} problems={problems.own[deliverable.id]} />
            ) : (
              <Text className='muted'>按活动默认规则提醒</Text>
            )}
          </Section>
        );
      })}
      {hasProblems(problems) ? <Notice kind='error'>请按提示修改后再保存</Notice> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      {problems.other.map((message, index) => (
        <Text className='field__error' key={`${index}-${message}`}>
          {message}
        </Text>
      ))}
      <View className='actions'>
        <Button type='primary' block loading={save.busy} disabled={save.busy || !changed} onClick={submit}>
          保存提醒设置
        </Button>
      </View>
    </View>
  );
}

/** 提醒设置: the campaign's reminder policies, once loaded. */
export function PolicySettings({ campaign, onChanged }: { campaign: CampaignDto; onChanged: (changed: boolean) => void }) {
  const policies = useReminderPolicies(campaign.id);
  if (!policies.data) {
    return (
      <Section>
        <LoadFailure resource={policies} />
        {policies.loading ? <Text className='muted'>加载中…</Text> : null}
      </Section>
    );
  }
  return <PoliciesForm campaign={campaign} saved={policies.data} onChanged={onChanged} />;
}
