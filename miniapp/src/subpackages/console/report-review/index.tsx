import { useCallback, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { CampaignDto, MeResponse, ReportDto, UnitSummary, UnitTotalsDto } from '@safemonth/shared';
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
import { campaignUnits, countFields, hasTotals, totalsText } from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';
import { ReportFacts } from '../../../components/ReportFacts';

/** The units whose reports I review: those I am liaison of in the campaign, and my committee units. */
const reviewUnits = (campaign: CampaignDto, me: MeResponse | null) => campaignUnits(campaign, me, 'committee');

function ReportCard({
  report,
  reviewable,
  selected,
  onSelect,
  onDone,
}: {
  report: ReportDto;
  /** May I accept or return it? If not, it is shown to read only. */
  reviewable: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDone: (action: 'accept' | 'return', message: string) => void;
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
      onDone(action, action === 'accept' ? `已通过「${report.title}」` : `已退回「${report.title}」`);
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
        {reviewable ? <Toggle label='选择' checked={selected} onChange={onSelect} /> : null}
      </View>
      <ReportFacts report={report} additions />
      <MediaGrid media={report.media} />
      {returning ? (
        <TextArea label='退回意见' placeholder='退回意见（必填）' value={comment} onChange={setComment} />
      ) : null}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      {!reviewable ? (
        <Notice>由「{report.unit.name}」的联络员或安委办审核</Notice>
      ) : (
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
      )}
    </View>
  );
}

/** Units by id, in the order first seen. */
function mergeUnits(current: UnitSummary[], more: UnitSummary[]): UnitSummary[] {
  const byId = new Map(current.map((u) => [u.id, u]));
  for (const unit of more) if (!byId.has(unit.id)) byId.set(unit.id, unit);
  return byId.size === current.length ? current : [...byId.values()];
}

/**
 * The review queue: every submitted report I may read in the campaign (my units' and those of the
 * units under them), to accept (one or many) or return where I may review, and a unit's totals.
 */
export default function ReportReviewPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [me, setMe] = useState<MeResponse | null>(null);
  /** The units whose totals may be shown: the ones I review for, then those of the reports seen. */
  const [units, setUnits] = useState<UnitSummary[]>([]);
  /** The unit whose totals are shown (also in a ref, so that a late answer for another is dropped). */
  const [unitId, setUnitId] = useState('');
  const shownUnit = useRef('');
  const [reports, setReports] = useState<ReportDto[] | null>(null);
  const [totals, setTotals] = useState<UnitTotalsDto | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [skipped, setSkipped] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const showUnit = (unit: string) => {
    shownUnit.current = unit;
    setUnitId(unit);
  };

  const loadQueue = useCallback(async () => {
    const queue = await reportsApi.list(campaignId, { status: 'submitted' }, { toast: false });
    setReports(queue);
    setUnits((current) => mergeUnits(current, queue.map((r) => r.unit)));
    setSelected((current) => current.filter((id) => queue.some((r) => r.id === id)));
  }, [campaignId]);

  const loadTotals = useCallback(
    async (unit: string) => {
      const sums = unit ? await reportsApi.totals(campaignId, unit, { toast: false }) : null;
      if (unit === shownUnit.current) setTotals(sums);
    },
    [campaignId],
  );

  /** Reloads the queue and the totals of `unit`; says so when that fails. */
  const refresh = useCallback(
    async (unit: string) => {
      setFailure(undefined);
      try {
        await Promise.all([loadQueue(), loadTotals(unit)]);
      } catch (error) {
        setFailure(messageOf(error, '加载失败，请稍后重试'));
      }
    },
    [loadQueue, loadTotals],
  );

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      const [loaded, mine] = await Promise.all([campaignsApi.get(campaignId, { toast: false }), meApi.get({ toast: false })]);
      setCampaign(loaded);
      setMe(mine);
      const own = reviewUnits(loaded, mine);
      setUnits((current) => mergeUnits(own, current));
      // Coming back to the page (e.g. from a photo preview) keeps the unit chosen.
      const unit = shownUnit.current || (own[0]?.id ?? '');
      showUnit(unit);
      await refresh(unit);
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [campaignId, refresh]);

  useDidShow(() => {
    if (!requireSession(withQuery(Routes.reportReview, { campaignId }))) return;
    if (!campaignId) {
      setFailure('没有指定活动');
      return;
    }
    void load();
  });

  const showTotalsOf = (unit: string) => {
    showUnit(unit);
    loadTotals(unit).catch((error) => setFailure(messageOf(error, '加载失败，请稍后重试')));
  };

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
      await refresh(unitId);
    } catch (error) {
      setFailure(messageOf(error, '批量通过失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (!campaign || !reports) return <PageStatus failure={failure} onRetry={campaignId ? load : undefined} />;

  const own = reviewUnits(campaign, me);
  const reviewable = reports.filter((r) => r.allowed.review);
  const withTotals = campaign.items.filter((item) => countFields(item).length > 0 && hasTotals(item, totals));

  return (
    <View className='page'>
      <Section title='审核报告'>
        <Text className='muted'>{campaign.title}</Text>
        <Text className='row__meta'>审核单位：{own.map((u) => u.name).join('、') || '无'}</Text>
        {own.length === 0 ? <Notice>你不是本活动参加单位的联络员</Notice> : null}
      </Section>

      {unitId ? (
        <Section title='本单位累计'>
          {units.length > 1 ? (
            <OptionPicker
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              value={unitId}
              onChange={showTotalsOf}
              placeholder='请选择单位'
            />
          ) : (
            <Text className='row__meta'>单位：{units.find((u) => u.id === unitId)?.name ?? '无'}</Text>
          )}
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
      ) : null}
      {reviewable.length > 0 ? (
        <View className='actions'>
          <Button
            size='small'
            onClick={() => setSelected(selected.length === reviewable.length ? [] : reviewable.map((r) => r.id))}
          >
            {selected.length === reviewable.length ? '取消全选' : '全选'}
          </Button>
          <Button type='primary' size='small' loading={busy} disabled={busy || selected.length === 0} onClick={bulkAccept}>
            批量通过
          </Button>
          <Text className='muted'>已选 {selected.length} 份</Text>
        </View>
      ) : null}

      {reports.map((report) => (
        <ReportCard
          key={report.id}
          report={report}
          reviewable={report.allowed.review}
          selected={selected.includes(report.id)}
          onSelect={(on) => setSelected((current) => (on ? [...current, report.id] : current.filter((id) => id !== report.id)))}
          onDone={(action, text) => {
            setMessage(text);
            setSkipped([]);
            // After accepting, show the totals of the report's unit: what it added is there.
            const unit = action === 'accept' ? report.unit.id : unitId;
            showUnit(unit);
            void refresh(unit);
          }}
        />
      ))}
    </View>
  );
}
