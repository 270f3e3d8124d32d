import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  comingCampaignYear,
  defaultCampaignTitle,
  Role,
  type CampaignDto,
  type CreateCampaignRequest,
  type CreateFromTemplateRequest,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { LoadFailure } from '../../../components/LoadFailure';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys, useCampaignTemplates, useMe } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';
import { ConsoleFrame } from '../../../components/ConsoleFrame';

/** A year typed in a field, or undefined when it is not one. */
export function parseYear(text: string): number | undefined {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : undefined;
}
const YEAR_MESSAGE = '请输入 2000–2100 之间的年份';

/** The year a new campaign is most likely for: the coming June's (in December, next year's). */
const defaultYear = () => String(comingCampaignYear(new Date(Date.now())));

function openEditor(campaign: CampaignDto) {
  Taro.redirectTo({ url: withQuery(Routes.consoleCampaignEditor, { id: campaign.id }) });
}

function TemplateChooser({ unitId }: { unitId: string | undefined }) {
  const templates = useCampaignTemplates();
  const [chosen, setChosen] = useState<string>();
  const [year, setYear] = useState(defaultYear);
  const [yearError, setYearError] = useState<string>();
  /** Undefined until typed in: the title then follows the year and the template. */
  const [typedTitle, setTypedTitle] = useState<string>();
  const [titleError, setTitleError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const create = useAction(
    keys.campaigns,
    (body: CreateFromTemplateRequest) => campaignsApi.createFromTemplate(body, { toast: false }),
    { fallback: '创建失败，请稍后重试', onSuccess: openEditor },
  );

  const template = templates.data?.find((t) => t.id === chosen);
  const title = typedTitle ?? defaultCampaignTitle(parseYear(year) ?? Number(defaultYear()), template?.name);

  const submit = () => {
    create.reset();
    const value = parseYear(year);
    const trimmed = title.trim();
    setYearError(value ? undefined : YEAR_MESSAGE);
    setTitleError(trimmed ? undefined : '请填写活动名称');
    const missing = !chosen ? '请选择一个模板' : !unitId ? '请选择主办单位' : undefined;
    setProblem(value && trimmed ? missing : undefined);
    if (value && trimmed && chosen && unitId) void create.run({ templateId: chosen, organizingUnitId: unitId, year: value, title: trimmed });
  };

  if (templates.failure) return <LoadFailure resource={templates} />;
  if (!templates.data) return <Text className='muted'>加载中…</Text>;
  if (templates.data.length === 0) return <Text className='muted'>暂无可用模板</Text>;
  const failure = problem ?? create.failure;
  return (
    <View>
      <View className='templates'>
        {templates.data.map((template) => (
          <View
            className={`template${template.id === chosen ? ' template--chosen' : ''}`}
            key={template.id}
            onClick={() => setChosen(template.id)}
          >
            <Text className='row__title'>{template.title}</Text>
            <Text className='row__meta'>
              {template.issuedBy} · {template.year} 年 · {template.itemCount} 个活动项目 · {template.deliverableCount} 项截止要求
            </Text>
          </View>
        ))}
      </View>
      <Field label='活动年度' placeholder='年份，如 2026' type='number' value={year} onChange={setYear} error={yearError} maxLength={4} />
      <Text className='muted'>模板中的所有日期（阶段、截止时间）都会移到这一年。</Text>
      <Field label='活动名称' placeholder='活动名称' value={title} onChange={setTypedTitle} error={titleError} maxLength={200} />
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={create.busy} disabled={create.busy} onClick={submit}>
          从模板创建
        </Button>
      </View>
    </View>
  );
}

function BlankForm({ unitId }: { unitId: string | undefined }) {
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(defaultYear);
  const [errors, setErrors] = useState<{ title?: string; year?: string }>({});
  const [problem, setProblem] = useState<string>();
  const create = useAction(keys.campaigns, (body: CreateCampaignRequest) => campaignsApi.create(body, { toast: false }), {
    fallback: '创建失败，请稍后重试',
    onSuccess: openEditor,
  });

  const submit = () => {
    create.reset();
    const value = parseYear(year);
    const trimmed = title.trim();
    setErrors({ title: trimmed ? undefined : '请填写活动名称', year: value ? undefined : YEAR_MESSAGE });
    setProblem(trimmed && value && !unitId ? '请选择主办单位' : undefined);
    if (trimmed && value && unitId) void create.run({ organizingUnitId: unitId, title: trimmed, year: value });
  };
  const failure = problem ?? create.failure;

  return (
    <View>
      <Field label='活动名称' placeholder='如：2026年安全生产月活动' value={title} onChange={setTitle} error={errors.title} maxLength={100} />
      <Field label='年度' placeholder='年份，如 2026' type='number' value={year} onChange={setYear} error={errors.year} maxLength={4} />
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <Button block loading={create.busy} disabled={create.busy} onClick={submit}>
        新建空白活动
      </Button>
    </View>
  );
}

export default function NewCampaignPage() {
  const signedIn = useSession(Routes.consoleCampaignNew);
  const me = useMe(signedIn);
  const [chosen, setChosen] = useState<string>();

  if (!me.data) return <PageStatus failure={me.failure} onRetry={me.reload} />;
  const units = me.data.memberships.filter((m) => m.role === Role.Committee).map((m) => m.unit);
  if (units.length === 0) {
    return (
      <View className='page'>
        <Notice>只有安委办可以新建活动。</Notice>
      </View>
    );
  }
  const unitId = chosen ?? units[0].id;

  return (
    <ConsoleFrame current='campaigns' crumbs={[{ label: '活动', url: Routes.home }, { label: '新建活动' }]}>
      <View className='page campaign-new'>
        <Section title='主办单位'>
          <OptionPicker
            options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
            value={unitId}
            onChange={setChosen}
            placeholder='请选择主办单位'
          />
        </Section>
        <Section title='选择模板'>
          <TemplateChooser unitId={unitId} />
        </Section>
        <Section title='空白活动'>
          <BlankForm unitId={unitId} />
        </Section>
      </View>
    </ConsoleFrame>
  );
}
