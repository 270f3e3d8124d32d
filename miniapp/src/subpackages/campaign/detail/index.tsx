import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  CAMPAIGN_STATUS_LABELS,
  DELIVERABLE_KIND_LABELS,
  deadlineUrgency,
  deliverablesToMeet,
  nextDeadline,
  type CampaignDto,
  type DeliverableDto,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys, useCampaign, useMe } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { countdownText, describeRule, formatDueShort, safeInstances, urgencyClass } from '../../../utils/deadlines';
import { fieldDisplay, mediaLines, phaseDates } from '../../../utils/campaigns';
import { canRegisterAsLiaison } from '../../../utils/liaison';
import { canReport, canReview } from '../../../utils/reports';
import { useNow } from '../../../utils/useNow';
import { Routes, withQuery } from '../../../routes';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';

/** The next due instant of all deliverables after `now`, or undefined when everything is past. */
function upcoming(deliverables: DeliverableDto[], now: number) {
  try {
    const next = nextDeadline(deliverables.map((d) => ({ id: d.id, rule: d.rule })), new Date(now));
    if (!next) return undefined;
    const deliverable = deliverables.find((d) => d.id === next.id);
    return deliverable ? { deliverable, dueAt: next.instance.dueAt } : undefined;
  } catch {
    // A rule the server should have refused: show the calendar without a countdown.
    return undefined;
  }
}

/** The deadlines that are the caller's to meet: a liaison form only for those who fill or manage it. */
function myDeliverables(campaign: CampaignDto): DeliverableDto[] {
  return deliverablesToMeet(campaign.deliverables, campaign.editable || campaign.liaisonUnits.length > 0);
}

/** The next of the caller's own deadlines, coloured by nearness. */
function Countdown({ campaign, now }: { campaign: CampaignDto; now: number }) {
  const deliverables = myDeliverables(campaign);
  const next = upcoming(deliverables, now);
  if (deliverables.length === 0) return null;
  if (!next) return <Text className='muted'>所有截止事项均已截止</Text>;
  return (
    <View className={`countdown countdown--${deadlineUrgency(next.dueAt, now)}`}>
      <Text className='countdown__left'>距下一截止还有 {countdownText(next.dueAt, now)}</Text>
      <Text className='countdown__what'>
        下一截止：{next.deliverable.title} {formatDueShort(next.dueAt)}
      </Text>
    </View>
  );
}

function DeliverableCalendar({ deliverables, now }: { deliverables: DeliverableDto[]; now: number }) {
  if (deliverables.length === 0) return <Text className='muted'>暂无截止要求</Text>;
  return (
    <View>
      {deliverables.map((deliverable) => {
        const instances = safeInstances(deliverable.rule);
        const next = instances.find((instance) => Date.parse(instance.dueAt) > now);
        const kind = DELIVERABLE_KIND_LABELS[deliverable.kind] ?? deliverable.kind;
        return (
          <View className='deliverable' key={deliverable.id}>
            <View className='deliverable__head'>
              <Text className='row__title'>{deliverable.title}</Text>
              {kind !== deliverable.title ? <Badge tone='muted'>{kind}</Badge> : null}
            </View>
            <Text className='row__meta'>{describeRule(deliverable.rule)}</Text>
            <Text className={next ? `deliverable__next ${urgencyClass(next.dueAt, now)}` : 'muted'}>
              {next ? `下次截止：${formatDueShort(next.dueAt)}` : '已全部截止'}
            </Text>
            {instances.length > 1 || (instances.length === 1 && !next) ? (
              <View className='deliverable__instances'>
                {instances.map((instance) => {
                  const past = Date.parse(instance.dueAt) <= now;
                  return (
                    <View className={`instance${past ? ' instance--past' : ''}`} key={instance.periodKey}>
                      <Text>{formatDueShort(instance.dueAt)}</Text>
                      {past ? <Text className='instance__state'>已截止</Text> : null}
                    </View>
                  );
                })}
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

function CloneForm({ campaign, onCancel }: { campaign: CampaignDto; onCancel: () => void }) {
  const [year, setYear] = useState(String(campaign.year + 1));
  const [error, setError] = useState<string>();
  const clone = useAction(keys.campaigns, (value: number) => campaignsApi.clone(campaign.id, { year: value }, { toast: false }), {
    fallback: '复制失败，请稍后重试',
    onSuccess: (copy) => {
      Taro.navigateTo({ url: withQuery(Routes.consoleCampaignEditor, { id: copy.id }) });
      onCancel();
    },
  });

  const submit = () => {
    const value = Number(year.trim());
    clone.reset();
    const valid = Number.isInteger(value) && value >= 2000 && value <= 2100;
    setError(valid ? undefined : '请输入 2000–2100 之间的年份');
    if (valid) void clone.run(value);
  };

  return (
    <View className='clone'>
      <Field label='新年度' placeholder='年份，如 2027' type='number' value={year} onChange={setYear} error={error} maxLength={4} />
      {clone.failure ? <Notice kind='error'>{clone.failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' size='small' loading={clone.busy} disabled={clone.busy} onClick={submit}>
          确认复制
        </Button>
        <Button size='small' disabled={clone.busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

export default function CampaignPage() {
  const router = useRouter();
  const campaignId = router.params.id ?? '';
  const signedIn = useSession(withQuery(Routes.campaign, { id: campaignId }));
  const loaded = useCampaign(signedIn ? campaignId : undefined);
  // Only to know my staff units (who may report): the page works without it.
  const me = useMe(signedIn).data ?? null;
  const [cloning, setCloning] = useState(false);
  const now = useNow(30_000);

  const campaign = loaded.data;
  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!campaign) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;

  const canRegister = canRegisterAsLiaison(campaign);
  const reporting = canReport(campaign, me);
  const reviewing = canReview(campaign);
  // A liaison's units that take part: each has its table and hand-ins on the 本单位 page.
  const liaising = campaign.status === 'published' && campaign.liaisonUnits.length > 0;
  // A committee's statistics and completeness of the subtrees it oversees (the console's side navigation on a desktop).
  const overseeing = campaign.status === 'published' && campaign.overseenUnits.length > 0;

  return (
    <View className='page campaign'>
      <Section>
        <View className='campaign__head'>
          <Text className='campaign__title'>{campaign.title}</Text>
          <Badge tone={campaign.status === 'draft' ? 'muted' : 'success'}>{CAMPAIGN_STATUS_LABELS[campaign.status]}</Badge>
        </View>
        <View className='campaign__facts'>
          {campaign.theme ? <Text>主题：{campaign.theme}</Text> : null}
          <Text>主办单位：{campaign.organizingUnit.name}</Text>
          <Text>年度：{campaign.year} 年</Text>
        </View>
        <Countdown campaign={campaign} now={now} />
        {canRegister || campaign.editable ? (
          <View className='actions'>
            {canRegister ? (
              <Button type='primary' onClick={() => Taro.navigateTo({ url: withQuery(Routes.liaisonForm, { id: campaign.id }) })}>
                填写联络员信息表
              </Button>
            ) : null}
            {campaign.editable ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleCampaignEditor, { id: campaign.id }) })}>
                编辑
              </Button>
            ) : null}
            {campaign.editable && !cloning ? <Button onClick={() => setCloning(true)}>复制到新年度</Button> : null}
          </View>
        ) : null}
        {cloning ? <CloneForm campaign={campaign} onCancel={() => setCloning(false)} /> : null}
        {reporting || reviewing || liaising || overseeing ? (
          <View className='actions'>
            {liaising ? (
              <Button type='primary' onClick={() => Taro.navigateTo({ url: withQuery(Routes.unit, { campaignId: campaign.id }) })}>
                本单位
              </Button>
            ) : null}
            {reporting ? (
              <Button type='primary' onClick={() => Taro.navigateTo({ url: withQuery(Routes.reportForm, { campaignId: campaign.id }) })}>
                报活动
              </Button>
            ) : null}
            {reporting ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.myReports, { campaignId: campaign.id }) })}>
                我的报告
              </Button>
            ) : null}
            {reviewing ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.reportReview, { campaignId: campaign.id }) })}>
                审核报告
              </Button>
            ) : null}
            {overseeing ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleStatistics, { campaignId: campaign.id }) })}>
                统计
              </Button>
            ) : null}
            {overseeing ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleCompleteness, { campaignId: campaign.id }) })}>
                完成情况
              </Button>
            ) : null}
            {overseeing && campaign.editable ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleReminders, { campaignId: campaign.id }) })}>
                提醒
              </Button>
            ) : null}
            {overseeing && campaign.editable ? (
              <Button onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleHazards, { campaignId: campaign.id }) })}>
                隐患举报
              </Button>
            ) : null}
          </View>
        ) : null}
      </Section>

      {campaign.phases.length > 0 ? (
        <Section title='活动阶段'>
          {campaign.phases.map((phase, index) => (
            <View className='row' key={`${phase.name}-${index}`}>
              <Text className='row__title'>{phase.name}</Text>
              <Text className='muted'>{phaseDates(phase.start, phase.end)}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='截止要求'>
        <DeliverableCalendar deliverables={myDeliverables(campaign)} now={now} />
      </Section>

      <Section title='活动项目'>
        {campaign.items.length === 0 ? <Text className='muted'>暂无活动项目</Text> : null}
        {campaign.items.map((item, index) => (
          <View className='item' key={item.id}>
            <Text className='item__title'>
              {index + 1}. {item.title}
            </Text>
            {item.requirement ? <Text className='item__requirement'>{item.requirement}</Text> : null}
            {item.fields.length > 0 ? (
              <View className='item__fields'>
                {item.fields.map((field) => (
                  <Text className='item__field' key={field.id}>
                    {fieldDisplay(field)}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </Section>

      {campaign.slogans.length > 0 ? (
        <Section title='宣传标语'>
          {campaign.slogans.map((slogan, index) => (
            <Text className='slogan' key={`${index}-${slogan}`}>
              {slogan}
            </Text>
          ))}
        </Section>
      ) : null}

      <Section title='照片和视频要求'>
        {mediaLines(campaign.media).map((line) => (
          <Text className='media-line' key={line}>
            {line}
          </Text>
        ))}
      </Section>
    </View>
  );
}
