import { useCallback, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import {
  LIAISON_FIELD_LABELS,
  validateLiaisonForm,
  type CampaignDto,
  type LiaisonField,
  type LiaisonFormValues,
  type LiaisonRegistrationDto,
  type MeResponse,
  type UnitSummary,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { isApiError } from '../../../api/client';
import { campaignsApi, meApi } from '../../../api/endpoints';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { liaisonFormAsks } from '../../../utils/liaison';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';

type Messages = Partial<Record<string, string>>;

const GENDERS = [
  { value: '男', label: '男' },
  { value: '女', label: '女' },
] as const;

/** Keyboard per field. */
const INPUT_TYPES: Partial<Record<LiaisonField, 'number' | 'text'>> = { mobile: 'number', qq: 'number' };

interface Loaded {
  campaign: CampaignDto;
  me: MeResponse;
  units: UnitSummary[];
  mine: LiaisonRegistrationDto[];
}

/** My answers for `unit`, or the unit's name alone when I have not registered yet. */
function initialValues(loaded: Loaded, unit: UnitSummary | undefined): LiaisonFormValues {
  const registration = unit ? loaded.mine.find((r) => r.unit.id === unit.id) : undefined;
  if (registration) return { ...registration.values };
  return unit ? { unitName: unit.name } : {};
}

/** The field a server detail names: `mobile` or `values.mobile`. */
function detailField(field: string | undefined): string {
  return (field ?? '').replace(/^values\./, '');
}

export default function LiaisonFormPage() {
  const router = useRouter();
  const campaignId = router.params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailure, setLoadFailure] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [values, setValues] = useState<LiaisonFormValues>({});
  const [messages, setMessages] = useState<Messages>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadFailure(undefined);
    try {
      const [campaign, me, registrations] = await Promise.all([
        campaignsApi.get(campaignId, { toast: false }),
        meApi.get({ toast: false }),
        campaignsApi.liaisons(campaignId, { toast: false }),
      ]);
      const units = campaign.liaisonUnits;
      const mine = (registrations ?? []).filter((r) => r.personId === me.person.id);
      const next: Loaded = { campaign, me, units, mine };
      // Start with the unit I registered for, else the first of mine.
      const first = units.find((unit) => mine.some((r) => r.unit.id === unit.id)) ?? units[0];
      setLoaded(next);
      setUnitId(first?.id);
      setValues(initialValues(next, first));
    } catch (error) {
      setLoadFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [campaignId]);

  useLoad(() => {
    if (!requireSession(withQuery(Routes.liaisonForm, { id: campaignId }))) return;
    if (!campaignId) {
      setLoadFailure('没有指定活动');
      return;
    }
    void load();
  });

  const asked = useMemo(
    () => (loaded ? loaded.campaign.liaisonForm.fields.filter((field) => field.asked || field.required) : []),
    [loaded],
  );

  const chooseUnit = (id: string) => {
    if (!loaded) return;
    setUnitId(id);
    setValues(initialValues(loaded, loaded.units.find((unit) => unit.id === id)));
    setMessages({});
    setFailure(undefined);
  };

  const submit = async () => {
    if (!loaded || !unitId) return;
    setFailure(undefined);
    const answers: LiaisonFormValues = {};
    for (const field of asked) answers[field.key] = (values[field.key] ?? '').trim();
    const problems = validateLiaisonForm(loaded.campaign.liaisonForm, answers);
    if (problems.length > 0) {
      setMessages(Object.fromEntries(problems.map((problem) => [detailField(problem.field), problem.message])));
      setFailure('请按提示修改后再提交');
      return;
    }
    setMessages({});
    setBusy(true);
    try {
      await campaignsApi.registerLiaison(campaignId, { unitId, values: answers }, { toast: false });
      Taro.showToast({ title: '已提交', icon: 'success' });
      Taro.navigateBack().catch(() => Taro.redirectTo({ url: withQuery(Routes.campaign, { id: campaignId }) }));
    } catch (error) {
      if (isApiError(error) && error.details.length > 0) {
        setMessages(Object.fromEntries(error.details.map((detail) => [detailField(detail.field), detail.message])));
      }
      setFailure(messageOf(error, '提交失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (loadFailure || !loaded) return <PageStatus failure={loadFailure} onRetry={campaignId ? load : undefined} />;
  const { campaign, units } = loaded;
  if (campaign.status !== 'published') {
    return (
      <View className='page'>
        <Notice>活动发布后才能填写联络员信息表。</Notice>
      </View>
    );
  }
  if (!liaisonFormAsks(campaign)) {
    return (
      <View className='page'>
        <Notice>本活动不需要填写联络员信息表。</Notice>
      </View>
    );
  }
  if (units.length === 0) {
    return (
      <View className='page'>
        <Notice>只有参与单位的联络员可以填写联络员信息表。</Notice>
      </View>
    );
  }

  // Messages of fields the form does not show (e.g. the unit) go under the form.
  const shown = new Set<string>(asked.map((field) => field.key));
  const otherMessages = Object.entries(messages).filter(([key]) => !shown.has(key));

  return (
    <View className='page liaison-form'>
      <Section title={campaign.title}>
        <Text className='muted'>联络员信息表（带 * 的为必填项）</Text>
      </Section>
      <Section>
        {units.length > 1 ? (
          <View className='field'>
            <Text className='field__label'>填报单位</Text>
            <OptionPicker
              options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
              value={unitId}
              onChange={chooseUnit}
              placeholder='请选择单位'
            />
          </View>
        ) : (
          <View className='field'>
            <Text className='field__label'>填报单位</Text>
            <Text>{units[0].name}</Text>
          </View>
        )}
        {asked.map((field) => {
          const label = `${LIAISON_FIELD_LABELS[field.key]}${field.required ? ' *' : ''}`;
          const set = (value: string) => setValues((current) => ({ ...current, [field.key]: value }));
          if (field.key === 'gender') {
            return (
              <View className={`field${messages.gender ? ' field--invalid' : ''}`} key={field.key}>
                <Text className='field__label'>{label}</Text>
                <Choices options={GENDERS} value={values.gender as '男' | '女' | undefined} onChange={set} />
                {messages.gender ? <Text className='field__error'>{messages.gender}</Text> : null}
              </View>
            );
          }
          return (
            <Field
              key={field.key}
              label={label}
              placeholder={LIAISON_FIELD_LABELS[field.key]}
              type={INPUT_TYPES[field.key] ?? 'text'}
              value={values[field.key] ?? ''}
              onChange={set}
              error={messages[field.key]}
            />
          );
        })}
        {otherMessages.map(([key, message]) => (
          <Text className='field__error' key={key}>
            {message}
          </Text>
        ))}
        {failure ? <Notice kind='error'>{failure}</Notice> : null}
        <Button type='primary' block loading={busy} disabled={busy || !unitId} onClick={submit}>
          提交
        </Button>
      </Section>
    </View>
  );
}
