import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { CampaignDto, MeResponse, ReportDto, UnitTotalsDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { MediaGrid } from '../../../components/MediaGrid';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { Toggle } from '../../../components/Toggle';
import { campaignsApi, meApi, reportsApi } from '../../../api/endpoints';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { formatChinaTime } from '../../../utils/format';
import { countFields, hasTotals, totalsText } from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';

/** The units whose reports I review: those I am liaison of in the campaign, and my committee units. */
function reviewUnits(campaign: CampaignDto, me: MeResponse | null) {
  const units = new Map(campaign.liaisonUnits.map((u) => [u.id, u]));
  for (const m of me?.memberships ?? []) if (m.role === 'committee' && !units.has(m.unit.id)) units.set(m.unit.id, m.unit);
  return [...units.values()];
}

function ReportCard({
  report,
  selected,
  onSelect,
  onDone,
}: {
  report: ReportDto;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDone: (message: string) => void;
}) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const review = async (action: 'accept' | 'return') => {
    if (action === 'return' && !comment.trim()) {
      setError('请填写退回意见');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await reportsApi.review(report.id, action === 'return' ? { action, comment: comment.trim() } : { action }, { toast: false });
      onDone(action === 'accept' ? `已通过「${report.title}」` : `已退回「${report.title}」`);
    } catch (caught) {
      setError(messageOf(caught, '操作失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='review-card section'>
      <View className='section__head'>
        <Text className='section__title'>{report.title}</Text>
        <Toggle label='选择' checked={selected} onChange={onSelect} />
      </View>
      <View className='campaign__facts'>
        <Text>活动项目：{report.item.title}</Text>
        <Text>
          时间：{formatChinaTime(report.startAt)} 至 {formatChinaTime(report.endAt)}
        </Text>
        <Text>地点：{report.place}</Text>
        <Text>参与人次：{report.headcount}</Text>
        <Text>填报人：{report.reporter.displayName}</Text>
        {report.contributions.map((c) => (
          <Text key={c.fieldId}>
            计入：{c.label} {c.amount} {c.unit}
          </Text>
        ))}
      </View>
      {report.description ? <Text className='item__requirement'>{report.description}</Text> : null}
      <MediaGrid media={report.media} />
      {returning ? (
        <TextArea label='退回意见' placeholder='退回意见（必填）' value={comment} onChange={setComment} />
      ) : null}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      <View className='actions'>
        {returning ? (
          <>
            <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => review('return')}>
              确认退回
            </Button>
            <Button size='small' disabled={busy} onClick={() => setReturning(false)}>
              取消
            </Button>
          </>
        ) : (
          <>
            <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => review('accept')}>
              通过
            </Button>
            <Button size='small' disabled={busy} onClick={() => setReturning(true)}>
              退回
            </Button>
          </>
        )}
      </View>
    </View>
  );
}

/** The liaison's queue: a unit's submitted reports, to accept (one or many) or return. */
export default function ReportReviewPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [me, setMe] = useState<MeResponse | null>(null);
  const [unitId, setUnitId] = useState('');
  const [reports, setReports] = useState<ReportDto[] | null>(null);
  const [totals, setTotals] = useState<UnitTotalsDto | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [skipped, setSkipped] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const loadUnit = useCallback(
    async (unit: string) => {
      setFailure(undefined);
      try {
        const [queue, sums] = await Promise.all([
          reportsApi.list(campaignId, { unitId: unit, status: 'submitted' }, { toast: false }),
          reportsApi.totals(campaignId, unit, { toast: false }),
        ]);
        setReports(queue);
        setTotals(sums);
        setSelected((current) => current.filter((id) => queue.some((r) => r.id === id)));
      } catch (error) {
        setFailure(messageOf(error, '加载失败，请稍后重试'));
      }
    },
    [campaignId],
  );

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      const [loaded, mine] = await Promise.all([campaignsApi.get(campaignId, { toast: false }), meApi.get({ toast: false })]);
      setCampaign(loaded);
      setMe(mine);
      const first = reviewUnits(loaded, mine)[0];
      if (first) {
        setUnitId(first.id);
        await loadUnit(first.id);
      } else {
        setReports([]);
      }
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [campaignId, loadUnit]);

  useDidShow(() => {
    if (!requireSession(withQuery(Routes.reportReview, { campaignId }))) return;
    if (!campaignId) {
      setFailure('没有指定活动');
      return;
    }
    void load();
  });

  const bulkAccept = async () => {
    if (selected.length === 0) return;
    setBusy(true);
    setMessage(undefined);
    setSkipped([]);
    try {
      const result = await reportsApi.bulkAccept(selected, { toast: false });
      setMessage(`已通过 ${result.accepted.length} 份报告`);
      const titles = new Map((reports ?? []).map((r) => [r.id, r.title]));
      setSkipped(result.skipped.map((s) => `「${titles.get(s.reportId) ?? s.reportId}」未通过：${s.message}`));
      setSelected([]);
      await loadUnit(unitId);
    } catch (error) {
      setFailure(messageOf(error, '批量通过失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (failure && !campaign) {
    return (
      <View className='page'>
        <Notice kind='error'>{failure}</Notice>
        <Button block onClick={load}>
          重新加载
        </Button>
      </View>
    );
  }
  if (!campaign || !reports) {
    return (
      <View className='page'>
        <Text className='muted'>加载中…</Text>
      </View>
    );
  }

  const units = reviewUnits(campaign, me);
  const withTotals = campaign.items.filter((item) => countFields(item).length > 0 && hasTotals(item, totals));

  return (
    <View className='page'>
      <Section title='审核报告'>
        <Text className='muted'>{campaign.title}</Text>
        {units.length > 1 ? (
          <OptionPicker
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            value={unitId}
            onChange={(next) => {
              setUnitId(next);
              setSelected([]);
              void loadUnit(next);
            }}
            placeholder='请选择单位'
          />
        ) : (
          <Text className='row__meta'>单位：{units[0]?.name ?? '无'}</Text>
        )}
        {units.length === 0 ? <Notice>你不是本活动参加单位的联络员</Notice> : null}
      </Section>

      {unitId ? (
        <Section title='本单位累计'>
          {withTotals.length === 0 ? <Text className='muted'>本单位累计：暂无</Text> : null}
          {withTotals.map((item) => (
            <View className='row' key={item.id}>
              <View className='row__main'>
                <Text className='row__meta'>{item.title}</Text>
                <Text className='totals-line'>本单位累计：{totalsText(item, totals)}</Text>
              </View>
            </View>
          ))}
        </Section>
      ) : null}

      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {message ? <Notice kind='success'>{message}</Notice> : null}
      {skipped.map((line) => (
        <Notice kind='error' key={line}>
          {line}
        </Notice>
      ))}

      {reports.length === 0 ? (
        <Section>
          <Text className='muted'>没有待审核的报告</Text>
        </Section>
      ) : (
        <View className='actions'>
          <Button
            size='small'
            onClick={() => setSelected(selected.length === reports.length ? [] : reports.map((r) => r.id))}
          >
            {selected.length === reports.length ? '取消全选' : '全选'}
          </Button>
          <Button type='primary' size='small' loading={busy} disabled={busy || selected.length === 0} onClick={bulkAccept}>
            批量通过
          </Button>
          <Text className='muted'>已选 {selected.length} 份</Text>
        </View>
      )}

      {reports.map((report) => (
        <ReportCard
          key={report.id}
          report={report}
          selected={selected.includes(report.id)}
          onSelect={(on) => setSelected((current) => (on ? [...current, report.id] : current.filter((id) => id !== report.id)))}
          onDone={(text) => {
            setMessage(text);
            setSkipped([]);
            void loadUnit(unitId);
          }}
        />
      ))}
    </View>
  );
}
