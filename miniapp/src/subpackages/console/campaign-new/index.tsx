import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Role, type CampaignDto, type CampaignTemplateSummary, type UnitSummary } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { campaignsApi, meApi } from '../../../api/endpoints';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { chinaYear } from '../../../utils/deadlines';
import { Routes, withQuery } from '../../../routes';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';

/** A year typed in a field, or undefined when it is not one. */
export function parseYear(text: string): number | undefined {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : undefined;
}
const YEAR_MESSAGE = '请输入 2000–2100 之间的年份';

function openEditor(campaign: CampaignDto) {
  Taro.redirectTo({ url: withQuery(Routes.consoleCampaignEditor, { id: campaign.id }) });
}

function TemplateChooser({ unitId }: { unitId: string | undefined }) {
  const [templates, setTemplates] = useState<CampaignTemplateSummary[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<string>();
  const [chosen, setChosen] = useState<string>();
  const [year, setYear] = useState(String(chinaYear()));
  const [yearError, setYearError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadFailure(undefined);
    try {
      setTemplates((await campaignsApi.templates({ toast: false })) ?? []);
    } catch (error) {
      setLoadFailure(messageOf(error, '加载模板失败，请稍后重试'));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    setFailure(undefined);
    const value = parseYear(year);
    setYearError(value ? undefined : YEAR_MESSAGE);
    if (!value) return;
    if (!chosen) {
      setFailure('请选择一个模板');
      return;
    }
    if (!unitId) {
      setFailure('请选择主办单位');
      return;
    }
    setBusy(true);
    try {
      openEditor(await campaignsApi.createFromTemplate({ templateId: chosen, organizingUnitId: unitId, year: value }, { toast: false }));
    } catch (error) {
      setFailure(messageOf(error, '创建失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (loadFailure) {
    return (
      <View>
        <Notice kind='error'>{loadFailure}</Notice>
        <Button size='small' onClick={load}>
          重新加载
        </Button>
      </View>
    );
  }
  if (!templates) return <Text className='muted'>加载中…</Text>;
  if (templates.length === 0) return <Text className='muted'>暂无可用模板</Text>;
  return (
    <View>
      <View className='templates'>
        {templates.map((template) => (
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
      <Text className='muted'>模板中的日期会按年度顺延。</Text>
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={busy} disabled={busy} onClick={create}>
          从模板创建
        </Button>
      </View>
    </View>
  );
}

function BlankForm({ unitId }: { unitId: string | undefined }) {
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(chinaYear()));
  const [errors, setErrors] = useState<{ title?: string; year?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setFailure(undefined);
    const value = parseYear(year);
    const trimmed = title.trim();
    setErrors({ title: trimmed ? undefined : '请填写活动名称', year: value ? undefined : YEAR_MESSAGE });
    if (!trimmed || !value) return;
    if (!unitId) {
      setFailure('请选择主办单位');
      return;
    }
    setBusy(true);
    try {
      openEditor(await campaignsApi.create({ organizingUnitId: unitId, title: trimmed, year: value }, { toast: false }));
    } catch (error) {
      setFailure(messageOf(error, '创建失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Field label='活动名称' placeholder='如：2026年安全生产月活动' value={title} onChange={setTitle} error={errors.title} maxLength={100} />
      <Field label='年度' placeholder='年份，如 2026' type='number' value={year} onChange={setYear} error={errors.year} maxLength={4} />
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <Button block loading={busy} disabled={busy} onClick={create}>
        新建空白活动
      </Button>
    </View>
  );
}

export default function NewCampaignPage() {
  const [units, setUnits] = useState<UnitSummary[] | null>(null);
  const [unitId, setUnitId] = useState<string>();
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      const me = await meApi.get({ toast: false });
      const committee = me.memberships.filter((m) => m.role === Role.Committee).map((m) => m.unit);
      setUnits(committee);
      if (committee[0]) setUnitId(committee[0].id);
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, []);

  useLoad(() => {
    if (!requireSession(Routes.consoleCampaignNew)) return;
    void load();
  });

  if (failure || !units) return <PageStatus failure={failure} onRetry={load} />;
  if (units.length === 0) {
    return (
      <View className='page'>
        <Notice>只有安委办可以新建活动。</Notice>
      </View>
    );
  }

  return (
    <View className='page campaign-new'>
      <Section title='主办单位'>
        <OptionPicker
          options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
          value={unitId}
          onChange={setUnitId}
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
  );
}
