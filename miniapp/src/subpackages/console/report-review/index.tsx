import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  formatChinaInstant,
  REPORT_DEFAULT_ORDER,
  REPORT_STATUS_LABELS,
  type CampaignDto,
  type MeResponse,
  type ReportDto,
  type ReportListFilter,
  type ReportSort,
  type ReportStatus,
  type ReviewReportRequest,
  type UnitSummary,
} from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { DataTable, useWideTables, type Column, type TableOrder } from '../../../components/DataTable';
import { LinkText } from '../../../components/LinkText';
import { DateInput } from '../../../components/DateInput';
import { Button } from '../../../components/ui';
import { MediaGrid } from '../../../components/MediaGrid';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { Toggle } from '../../../components/Toggle';
import { together, useAction } from '../../../api/data';
import { reportsApi } from '../../../api/endpoints';
import { keys, useAllUnits, useCampaign, useMe, useReports, useUnitTotals } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { campaignUnits, countFields, hasTotals, returnComment, statusTone, totalsText } from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { ReportFacts } from '../../../components/ReportFacts';
import './index.scss';

/** The units whose reports I review: those I am liaison of in the campaign, and my committee units. */
const reviewUnits = (campaign: CampaignDto, me: MeResponse | null) => campaignUnits(campaign, me, 'committee');

/** What the list shows: by default the queue, the submitted reports. `status` 'all' is every status. */
interface Filter {
  status: ReportStatus | 'all';
  unitId: string;
  itemId: string;
  from: string;
  to: string;
  reporter?: { id: string; displayName: string };
}
const QUEUE: Filter = { status: 'submitted', unitId: '', itemId: '', from: '', to: '' };
const ALL = 'all';
const STATUS_OPTIONS = [
  ...(['submitted', 'accepted', 'returned'] as const).map((value) => ({ value, label: REPORT_STATUS_LABELS[value] })),
  { value: ALL, label: '全部' },
];

/** The filter as the API takes it; a day range in the wrong order is left out (and said so). */
function listQuery(filter: Filter): ReportListFilter {
  const ordered = !filter.from || !filter.to || filter.from <= filter.to;
  return {
    unitId: filter.unitId || undefined,
    itemId: filter.itemId || undefined,
    status: filter.status === ALL ? undefined : filter.status,
    from: (ordered && filter.from) || undefined,
    to: (ordered && filter.to) || undefined,
    reporterId: filter.reporter?.id,
  };
}

function ReportCard({
  report,
  reviewable,
  mine,
  selected,
  onSelect,
  onDone,
  onReporter,
}: {
  report: ReportDto;
  /** May I accept or return it? If not, it is shown to read only. */
  reviewable: boolean;
  /** Did I file it? Then someone else reviews it (but where the campaign lets a one-person unit review its own). */
  mine: boolean;
  selected: boolean;
  /** Offers to select it for bulk acceptance (the table has a column for it instead). */
  onSelect?: (selected: boolean) => void;
  onDone: (action: 'accept' | 'return', message: string) => void;
  /** Lists only this report's reporter's reports. */
  onReporter: () => void;
}) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  // The queue's pages load again after it, and so do the totals it changed.
  const review = useAction(
    keys.report(report.id),
    (body: ReviewReportRequest) => reportsApi.review(report.id, body, { toast: false }),
    {
      stale: ['reports', 'totals'],
      onSuccess: (_reviewed, { action }) =>
        onDone(action, action === 'accept' ? `已通过「${report.title}」` : `已退回「${report.title}」`),
    },
  );

  const submit = (action: 'accept' | 'return') => {
    review.reset();
    setMissing(action === 'return' && !comment.trim());
    if (action === 'accept') void review.run({ action });
    else if (comment.trim()) void review.run({ action, comment: comment.trim() });
  };
  const error = missing ? '请填写退回意见' : review.failure;
  const busy = review.busy;
  // A waiting report can be accepted (alone or in bulk) or returned, an accepted one only returned;
  // a returned one waits for its reporter, with nothing to review.
  const acceptable = reviewable && report.status === 'submitted';
  const returnable = reviewable && report.status !== 'returned';
  const returned = report.status === 'returned' ? returnComment(report) : undefined;

  return (
    <View className='review-card section'>
      <View className='section__head'>
        <Text className='section__title'>{report.title}</Text>
        <Badge tone={statusTone(report)}>{REPORT_STATUS_LABELS[report.status]}</Badge>
        {acceptable && onSelect ? <Toggle label='选择' checked={selected} onChange={onSelect} /> : null}
      </View>
      <ReportFacts report={report} additions />
      <View className='actions'>
        <Text className='row__meta'>报告人：{report.reporter.displayName}</Text>
        <Button size='small' onClick={onReporter}>
          只看此人
        </Button>
      </View>
      {report.warnings.map((warning) => (
        <Notice kind='error' key={warning}>
          {warning}
        </Notice>
      ))}
      {returned ? <Notice>退回意见：{returned}</Notice> : null}
      <MediaGrid media={report.media} />
      {returning ? (
        <TextArea label='退回意见' placeholder='退回意见（必填）' value={comment} onChange={setComment} />
      ) : null}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      {!reviewable ? (
        <Notice>{mine ? '本人提交的报告，由其他联络员或安委办审核' : `由「${report.unit.name}」的联络员或安委办审核`}</Notice>
      ) : !returnable ? (
        <Notice>已退回，等待报告人修改后重新提交</Notice>
      ) : (
        <View className='actions'>
          {returning ? (
            <>
              <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => submit('return')}>
                确认退回
              </Button>
              <Button size='small' disabled={busy} onClick={() => setReturning(false)}>
                取消
              </Button>
            </>
          ) : (
            <>
              {acceptable ? (
                <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => submit('accept')}>
                  通过
                </Button>
              ) : null}
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
 * The campaign's report list, by default its review queue (the submitted reports): every report I
 * may read (my units' and those of the units under them), filtered by unit with its subtree, item,
 * status, the days the activities started and reporter, a page at a time; to accept (one or many)
 * or return where I may review (never my own, unless the campaign allows it to a one-person unit),
 * with the warnings the server found, and a unit's totals.
 */
export default function ReportReviewPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const signedIn = useSession(withQuery(Routes.reportReview, { campaignId }));
  const campaignSource = useCampaign(signedIn ? campaignId : undefined);
  const me = useMe(signedIn);
  const [filter, setFilter] = useState<Filter>(QUEUE);
  /** The order asked for in the table; undefined: the list's own, newest first. */
  const [order, setOrder] = useState<TableOrder<ReportSort>>();
  const query = { ...listQuery(filter), ...order };
  const queue = useReports(signedIn ? campaignId : undefined, query);
  const wide = useWideTables();
  /** The report opened under its row of the table. */
  const [openId, setOpenId] = useState<string>();
  const status = together(campaignSource, me);
  const own = campaignSource.data && me.data ? reviewUnits(campaignSource.data, me.data) : [];
  // The units to filter by: those under my first unit (the committee's root, a liaison's unit).
  const tree = useAllUnits(own[0]?.id);
  /** The unit whose totals are shown, once chosen here; until then my first. */
  const [chosenUnit, setChosenUnit] = useState<UnitSummary>();
  const shownUnit = chosenUnit ?? own[0];
  const unitId = shownUnit?.id ?? '';
  const totalsSource = useUnitTotals(campaignId, unitId || undefined);
  const totals = totalsSource.data ?? null;
  const [selectedIds, setSelected] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  const [skipped, setSkipped] = useState<string[]>([]);
  const bulk = useAction(keys.reports(campaignId, query), (ids: string[]) => reportsApi.bulkAccept(ids, { toast: false }), {
    fallback: '批量通过失败，请稍后重试',
    stale: ['reports', 'totals'],
    onSuccess: (result) => {
      setMessage(`已通过 ${result.accepted.length} 份报告`);
      const titles = new Map((queue.data?.items ?? []).map((r) => [r.id, r.title]));
      setSkipped(result.skipped.map((s) => `「${titles.get(s.reportId) ?? s.reportId}」未通过：${s.message}`));
      setSelected([]);
    },
  });

  const campaign = campaignSource.data;
  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!campaign) return <PageStatus failure={status.failure} onRetry={status.reload} />;
  const reports = queue.data?.items ?? [];

  /** The units whose totals may be shown: the ones I review for, those of the reports, and the one shown. */
  const units = mergeUnits(mergeUnits(own, reports.map((r) => r.unit)), shownUnit ? [shownUnit] : []);
  const rootDepth = tree.data?.[0]?.depth ?? 0;
  const unitOptions = tree.data
    ? tree.data.map((u) => ({ value: u.id, label: u.name, level: u.depth - rootDepth }))
    : own.map((u) => ({ value: u.id, label: u.name }));
  // Only the reports still listed (and still to accept) stay selected.
  const reviewable = reports.filter((r) => r.allowed.review && r.status === 'submitted');
  const selected = selectedIds.filter((id) => reviewable.some((r) => r.id === id));
  const failure = status.failure ?? queue.failure ?? totalsSource.failure ?? bulk.failure;
  const misordered = filter.from && filter.to && filter.from > filter.to;
  const filtered = filter.unitId || filter.itemId || filter.from || filter.to || filter.reporter;

  const change = (next: Partial<Filter>) => {
    setFilter({ ...filter, ...next });
    setSelected([]);
    setMessage(undefined);
    setSkipped([]);
  };

  const bulkAccept = async () => {
    setMessage(undefined);
    setSkipped([]);
    if (selected.length === 0) return;
    // Many reports count at once: say how many and ask first.
    const answer = await Taro.showModal({
      title: '批量通过',
      content: `确定通过所选的 ${selected.length} 份报告？通过后计入统计。`,
      confirmText: '通过',
      cancelText: '取消',
    }).catch(() => ({ confirm: false }));
    if (answer.confirm) void bulk.run(selected);
  };

  const select = (reportId: string, on: boolean) => setSelected(on ? [...selected, reportId] : selected.filter((id) => id !== reportId));

  /** A report to review, as a card of the phone list or opened under its row of the table. */
  const card = (report: ReportDto, onSelect?: (on: boolean) => void) => (
    <ReportCard
      key={report.id}
      report={report}
      reviewable={report.allowed.review}
      mine={report.reporter.id === me.data?.person.id}
      selected={selected.includes(report.id)}
      onSelect={onSelect}
      onDone={(action, text) => {
        setMessage(text);
        setSkipped([]);
        // After accepting, show the totals of the report's unit: what it added is there.
        if (action === 'accept') setChosenUnit(report.unit);
      }}
      onReporter={() => change({ reporter: report.reporter })}
    />
  );

  // The table's columns: the sortable ones are the server's orders; the report itself opens under its row.
  const columns: Column<ReportDto, ReportSort>[] = [
    ...(reviewable.length > 0
      ? [
          {
            title: '选择',
            cell: (report: ReportDto) =>
              reviewable.includes(report) ? <Toggle label='选择' checked={selected.includes(report.id)} onChange={(on) => select(report.id, on)} /> : null,
          },
        ]
      : []),
    {
      title: '标题',
      sort: 'title',
      grow: 3,
      cell: (report) => (
        <View>
          <Text>{report.title}</Text>
          {report.warnings.length > 0 ? <Badge>{`${report.warnings.length} 条提醒`}</Badge> : null}
        </View>
      ),
    },
    { title: '单位', sort: 'unit', grow: 2, cell: (report) => <Text>{report.unit.name}</Text> },
    { title: '活动项目', grow: 2, cell: (report) => <Text>{report.item.title}</Text> },
    { title: '活动开始', sort: 'startAt', firstOrder: 'desc', grow: 2, cell: (report) => <Text>{formatChinaInstant(report.startAt)}</Text> },
    { title: '提交时间', sort: 'submittedAt', firstOrder: 'desc', grow: 2, cell: (report) => <Text>{formatChinaInstant(report.createdAt)}</Text> },
    { title: '状态', sort: 'status', cell: (report) => <Badge tone={statusTone(report)}>{REPORT_STATUS_LABELS[report.status]}</Badge> },
    { title: '报告人', cell: (report) => <LinkText onClick={() => change({ reporter: report.reporter })}>{report.reporter.displayName}</LinkText> },
    {
      title: '操作',
      cell: (report) => (
        <LinkText onClick={() => setOpenId(report.id === openId ? undefined : report.id)}>{report.id === openId ? '收起' : '详情'}</LinkText>
      ),
    },
  ];

  const withTotals = campaign.items.filter((item) => countFields(item).length > 0 && hasTotals(item, totals));

  // The campaign's crumb opens its editor for those who may edit it, else its page.
  const campaignUrl = withQuery(campaign.editable ? Routes.consoleCampaignEditor : Routes.campaign, { id: campaign.id });
  return (
    <ConsoleFrame
      current='review'
      campaignId={campaign.id}
      crumbs={[{ label: '活动', url: Routes.home }, { label: campaign.title, url: campaignUrl }, { label: '报告审核' }]}
    >
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
                onChange={(id) => setChosenUnit(units.find((u) => u.id === id))}
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

        <Section title='筛选'>
          <View className='review-filter'>
            <View className='review-filter__field'>
              <Text className='row__meta'>状态</Text>
              <OptionPicker options={STATUS_OPTIONS} value={filter.status} onChange={(value) => change({ status: value as Filter['status'] })} placeholder='请选择状态' />
            </View>
            <View className='review-filter__field'>
              <Text className='row__meta'>单位（含下级）</Text>
              <OptionPicker
                options={[{ value: ALL, label: '全部单位' }, ...unitOptions]}
                value={filter.unitId || ALL}
                onChange={(value) => change({ unitId: value === ALL ? '' : value })}
                placeholder='请选择单位'
              />
            </View>
            <View className='review-filter__field'>
              <Text className='row__meta'>活动项目</Text>
              <OptionPicker
                options={[{ value: ALL, label: '全部项目' }, ...campaign.items.map((item) => ({ value: item.id, label: item.title }))]}
                value={filter.itemId || ALL}
                onChange={(value) => change({ itemId: value === ALL ? '' : value })}
                placeholder='请选择活动项目'
              />
            </View>
            <View className='review-filter__field review-filter__field--dates'>
              <Text className='row__meta'>活动开始日期</Text>
              <View className='review-filter__range'>
                <DateInput mode='date' value={filter.from} onChange={(from) => change({ from })} placeholder='起始日期' />
                <Text className='muted'>至</Text>
                <DateInput mode='date' value={filter.to} onChange={(to) => change({ to })} placeholder='截止日期' />
              </View>
            </View>
          </View>
          {misordered ? <Notice kind='error'>起始日期不能晚于截止日期，日期条件未生效</Notice> : null}
          {filter.reporter ? <Text className='row__meta'>只看报告人：{filter.reporter.displayName}</Text> : null}
          {filtered ? (
            <View className='actions'>
              <Button size='small' onClick={() => change({ ...QUEUE, status: filter.status, reporter: undefined })}>
                清除条件
              </Button>
            </View>
          ) : null}
        </Section>

        {failure ? <Notice kind='error'>{failure}</Notice> : null}
        {message ? <Notice kind='success'>{message}</Notice> : null}
        {skipped.map((line) => (
          <Notice kind='error' key={line}>
            {line}
          </Notice>
        ))}

        {!queue.data && !queue.failure ? <Text className='muted'>加载中…</Text> : null}
        {queue.data?.total === 0 ? (
          <Section>
            <Text className='muted'>{filter.status === 'submitted' && !filtered ? '没有待审核的报告' : '没有符合条件的报告'}</Text>
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
            <Button type='primary' size='small' loading={bulk.busy} disabled={bulk.busy || selected.length === 0} onClick={() => void bulkAccept()}>
              批量通过
            </Button>
            <Text className='muted'>已选 {selected.length} 份</Text>
          </View>
        ) : null}

        {wide ? (
          reports.length > 0 ? (
            <DataTable
              label='报告列表'
              columns={columns}
              rows={reports}
              rowKey={(report) => report.id}
              order={order ?? REPORT_DEFAULT_ORDER}
              onSort={setOrder}
              detail={(report) => (report.id === openId ? card(report) : null)}
            />
          ) : null
        ) : (
          reports.map((report) => card(report, (on) => select(report.id, on)))
        )}
        {reports.length > 0 && queue.data ? <Pager page={queue.data} onPage={queue.setPage} /> : null}
      </View>
    </ConsoleFrame>
  );
}
