import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  LIAISON_FIELD_LABELS,
  validateLiaisonForm,
  type CampaignDto,
  type LiaisonField,
  type LiaisonFormValues,
  type LiaisonRegistrationDto,
  type UnitSummary,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { isApiError } from '../../../api/client';
import { together, useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys, useCampaign, useMyLiaisons } from '../../../api/resources';
import { useSession } from '../../../session/guard';
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
  units: UnitSummary[];
  mine: LiaisonRegistrationDto[];
}

interface Form {
  unitId: string | undefined;
  values: LiaisonFormValues;
}

/** My answers for `unit`, or the unit's name alone when I have not registered yet. */
function initialValues(loaded: Loaded, unit: UnitSummary | undefined): LiaisonFormValues {
  const registration = unit ? loaded.mine.find((r) => r.unit.id === unit.id) : undefined;
  if (registration) return { ...registration.values };
  return unit ? { unitName: unit.name } : {};
}

/** The form as it opens: for the unit I registered for, else the first of mine. */
function initialForm(loaded: Loaded): Form {
  const first = loaded.units.find((unit) => loaded.mine.some((r) => r.unit.id === unit.id)) ?? loaded.units[0];
  return { unitId: first?.id, values: initialValues(loaded, first) };
}

/** The field a server detail names: `mobile` or `values.mobile`. */
function detailField(field: string | undefined): string {
  return (field ?? '').replace(/^values\./, '');
}

export default function LiaisonFormPage() {
  const router = useRouter();
  const campaignId = router.params.id ?? '';
  const signedIn = useSession(withQuery(Routes.liaisonForm, { id: campaignId }));
  const campaignSource = useCampaign(signedIn ? campaignId : undefined);
  const mine = useMyLiaisons(signedIn ? campaignId : undefined);
  const status = together(campaignSource, mine);
  /** The form once changed here; until then it shows what was loaded. */
  const [changed, setChanged] = useState<Form>();
  const [messages, setMessages] = useState<Messages>({});
  const [invalid, setInvalid] = useState(false);
  const register = useAction(
    keys.myLiaisons(campaignId),
    (body: { unitId: string; values: LiaisonFormValues }) => campaignsApi.registerLiaison(campaignId, body, { toast: false }),
    {
      fallback: '提交失败，请稍后重试',
      // The committee's list of liaison forms too.
      stale: ['liaisons'],
      onSuccess: () => {
        Taro.showToast({ title: '已提交', icon: 'success' });
        Taro.navigateBack().catch(() => Taro.redirectTo({ url: withQuery(Routes.campaign, { id: campaignId }) }));
      },
      onError: (error) => {
        if (isApiError(error) && error.details.length > 0) {
          setMessages(Object.fromEntries(error.details.map((detail) => [detailField(detail.field), detail.message])));
        }
      },
    },
  );

  const loaded: Loaded | undefined =
    campaignSource.data && mine.data ? { campaign: campaignSource.data, units: campaignSource.data.liaisonUnits, mine: mine.data } : undefined;
  const form = changed ?? (loaded ? initialForm(loaded) : undefined);
  const { unitId, values } = form ?? { unitId: undefined, values: {} };
  const asked = loaded ? loaded.campaign.liaisonForm.fields.filter((field) => field.asked || field.required) : [];

  const chooseUnit = (id: string) => {
    if (!loaded) return;
    setChanged({ unitId: id, values: initialValues(loaded, loaded.units.find((unit) => unit.id === id)) });
    setMessages({});
    setInvalid(false);
    register.reset();
  };

  const submit = () => {
    if (!loaded || !unitId) return;
    register.reset();
    const answers: LiaisonFormValues = {};
    for (const field of asked) answers[field.key] = (values[field.key] ?? '').trim();
    const problems = validateLiaisonForm(loaded.campaign.liaisonForm, answers);
    setMessages(Object.fromEntries(problems.map((problem) => [detailField(problem.field), problem.message])));
    setInvalid(problems.length > 0);
    if (problems.length === 0) void register.run({ unitId, values: answers });
  };

  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (status.failure || !loaded) return <PageStatus failure={status.failure} onRetry={status.reload} />;
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
          const set = (value: string) => setChanged({ unitId, values: { ...values, [field.key]: value } });
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
        {invalid ? <Notice kind='error'>请按提示修改后再提交</Notice> : null}
        {register.failure ? <Notice kind='error'>{register.failure}</Notice> : null}
        <Button type='primary' block loading={register.busy} disabled={register.busy || !unitId} onClick={submit}>
          提交
        </Button>
      </Section>
    </View>
  );
}
