import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  answerProblem,
  BulkAcceptResponse,
  chinaInstant,
  ContributionInput,
  CreateReportRequest,
  ErrorCode,
  END_OF_DAY,
  ErrorDetail,
  EvidenceLinkDto,
  evidenceLinkProblem,
  isAnswerOfKind,
  Page,
  PageQuery,
  pageWindow,
  parseDay,
  ProposalDto,
  ProposedAnswerInput,
  ReportAction,
  ReportDto,
  MediaDto,
  MediaRequirements,
  mediaSizeWarning,
  ReportInput,
  ReportListFilter,
  REPORT_DEFAULT_ORDER,
  REPORT_MESSAGES,
  ReportSort,
  ReportStatus,
  sortOf,
  SortQuery,
} from '@safemonth/shared';
import { In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Actor, allows, readableScopes } from '../auth/policy';
import type { ActivityItem, Campaign, StatisticsField } from '../campaigns/campaign.entity';
import { CampaignsService, ItemWithFields } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { orderRows } from '../common/paging';
import { isUniqueViolation } from '../database/errors';
import { Database } from '../database/database.service';
import { MediaService } from '../media/media.service';
import { PeopleService } from '../people/people.service';
import { StatisticsService } from '../statistics/statistics.service';
import type { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { ProposedAnswer, Report, ReportEvent, ReportLink } from './report.entity';

const E6 = 1_000_000;

/** Told, inside the reviewing transaction, that someone accepted or returned a report (not the campaign's automatic acceptance). */
export type ReportReviewed = (change: {
  report: Pick<Report, 'id' | 'campaignId' | 'unitId' | 'reporterId' | 'title'>;
  action: 'accepted' | 'returned';
  reviewerId: string;
  comment: string | null;
  /** The review's step in the report's history. */
  eventId: string;
}) => Promise<void>;

/**
 * What each order of the report list sorts by (`u` is the report's unit): the status by the review's
 * course (waiting, returned, accepted), not by its code.
 */
const REPORT_ORDERS: Record<ReportSort, string[]> = {
  submittedAt: ['r.createdAt'],
  startAt: ['r.startAt'],
  status: ["CASE r.status WHEN 'submitted' THEN 0 WHEN 'returned' THEN 1 ELSE 2 END"],
  unit: ['u.name'],
  title: ['r.title'],
};

/**
 * What a reviewer should look at in a report's media, each said once: photos and videos below the
 * campaign's size as it stands now, files that another report already uses.
 */
function mediaWarnings(media: MediaDto[], rules: MediaRequirements | undefined): string[] {
  const warnings = new Set<string>();
  media.forEach((m, i) => {
    const small = rules && m.width !== null && m.height !== null ? mediaSizeWarning(m.kind, m.width, m.height, rules) : undefined;
    if (small) warnings.add(`第 ${i + 1} 个文件：${small}`);
    for (const use of m.alreadyUsedIn) warnings.add(`第 ${i + 1} 个文件与「${use.unitName}」的另一份报告重复`);
  });
  return [...warnings];
}

/**
 * A report's proposed answers, kept trimmed: each to a yes/no or text field of its item, once, with
 * a value the liaison's answer to the field could have (`answerProblem`). Every problem is told.
 */
function checkProposals(fields: StatisticsField[], proposed: ProposedAnswerInput[]): ProposedAnswerInput[] {
  const ofItem = new Map(fields.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const wrong: ErrorDetail[] = [];
  proposed.forEach(({ fieldId, value }, i) => {
    const field = ofItem.get(fieldId);
    const at = (part: string, message: string) => wrong.push({ field: `proposedAnswers.${i}.${part}`, message });
    if (!field) at('fieldId', '统计项不属于所选活动项目');
    else if (field.kind === 'count') at('fieldId', `“${field.label}”是数量类统计项，请在统计数据中填写数量`);
    else if (seen.has(fieldId)) at('fieldId', `“${field.label}”只能建议一个答案`);
    else {
      const problem = answerProblem({ kind: field.kind, label: field.label }, value);
      if (problem) at('value', problem);
    }
    seen.add(fieldId);
  });
  if (wrong.length) throw ApiException.badRequest(`建议填报有误：${wrong[0].message}`, wrong);
  return proposed.map(({ fieldId, value }) => ({ fieldId, value: typeof value === 'string' ? value.trim() : value }));
}

@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  private readonly reviewedListeners: ReportReviewed[] = [];

  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly statistics: StatisticsService,
    private readonly media: MediaService,
    private readonly clock: Clock,
  ) {}

  /** Registers a listener of reviews (the reporter is told of them). */
  onReviewed(listener: ReportReviewed): void {
    this.reviewedListeners.push(listener);
  }

  private get reports() {
    return this.database.repository(Report);
  }

  private get events() {
    return this.database.repository(ReportEvent);
  }

  private get links() {
    return this.database.repository(ReportLink);
  }

  private get proposedAnswers() {
    return this.database.repository(ProposedAnswer);
  }

  /** What the access guard needs: the tree path of the report's unit. */
  async accessTarget(id: string): Promise<{ path: string } | null> {
    const row = await this.reports.createQueryBuilder('r').innerJoin('r.unit', 'u').select('u.path', 'path').where('r.id = :id', { id }).getRawOne<{ path: string }>();
    return row ? { path: row.path } : null;
  }

  async get(id: string): Promise<Report> {
    const report = await this.reports.findOneBy({ id });
    if (!report) throw ApiException.notFound('报告不存在');
    return report;
  }

  /**
   * Files a report. The same reporter sending the same idempotency key again (a retry after a lost
   * answer, a draft sent twice) gets the report made the first time, never a second one: the
   * unique key on (reporter, key) decides, so no read is spent on the first send.
   */
  async create(actor: Actor, request: CreateReportRequest): Promise<ReportDto> {
    const again = async () => {
      const made = await this.reports.findOneBy({ reporterId: actor.personId, idempotencyKey: request.idempotencyKey });
      return made ? (await this.toDtos([made], actor))[0] : null;
    };
    let checked: Awaited<ReturnType<ReportsService['checkNew']>>;
    try {
      checked = await this.checkNew(request);
    } catch (error) {
      // A retry answers with the report made the first time, whatever changed since.
      if (error instanceof ApiException) {
        const made = await again();
        if (made) return made;
      }
      throw error;
    }
    const { campaign, unit, found, additions, links, proposals } = checked;
    const now = this.clock.now();
    const report = this.reports.create({
      idempotencyKey: request.idempotencyKey,
      campaignId: campaign.id,
      unitId: unit.id,
      reporterId: actor.personId,
      status: 'submitted',
      ...this.columns(request, additions),
      createdAt: now,
      updatedAt: now,
    });
    let events: ReportEvent[];
    try {
      events = await this.writeNew(report, { mediaIds: request.mediaIds, links, proposals }, campaign.autoAcceptReports);
    } catch (error) {
      // The same key sent at the same moment: the other request made the report.
      if (isUniqueViolation(error)) {
        const made = await again();
        if (made) return made;
      }
      throw error;
    }
    const media = request.mediaIds.length ? await this.media.toDtos((await this.media.byReport([report.id])).get(report.id) ?? []) : [];
    const name = (id: string) => (id === actor.personId ? actor.displayName : undefined);
    return this.toDto(report, {
      unit,
      item: found.item,
      fields: new Map(found.fields.map((f) => [f.id, f])),
      media,
      links,
      proposals,
      events,
      name,
      actor,
      rules: campaign.media,
      // The reporter reviews it only where the campaign allows it (read only then).
      reviewsOwn: allows(actor, 'report.review', unit.path) && (await this.selfReviewAllowed(campaign, unit.id, actor)),
    });
  }

  /** The campaign is published, the unit takes part in it and the input fits the item. */
  private async checkNew(request: CreateReportRequest) {
    // Looked up together; the campaign's refusal comes first, as it says more.
    const [open, input] = await Promise.allSettled([
      this.campaigns.openFor(request.campaignId, request.unitId, '报送'),
      this.checkInput(request.campaignId, request),
    ]);
    if (open.status === 'rejected') throw open.reason;
    if (input.status === 'rejected') throw input.reason;
    return { ...open.value, ...input.value };
  }

  /** The reporter edits a report that is waiting or was returned; it goes back to review. */
  async update(actor: Actor, id: string, input: ReportInput): Promise<void> {
    const report = await this.get(id);
    if (report.reporterId !== actor.personId) throw ApiException.forbidden('只有报告人可以修改报告');
    const campaign = await this.campaigns.getEntity(report.campaignId);
    const { additions, links, proposals } = await this.checkInput(campaign.id, input);
    await this.database.transaction(async () => {
      const current = await this.locked(id);
      if (current.status === 'accepted') throw ApiException.conflict('报告已通过，不能再修改');
      Object.assign(current, this.columns(input, additions), { status: 'submitted' as ReportStatus });
      await this.reports.save(current);
      await this.media.detach(id);
      await this.media.attach(input.mediaIds, id, current.unitId, current.campaignId);
      await this.links.delete({ reportId: id });
      await this.writeLinks(current, links);
      await this.proposedAnswers.delete({ reportId: id });
      await this.writeProposals(current, proposals);
      await this.record(id, 'resubmitted', actor.personId);
      if (campaign.autoAcceptReports) await this.accept(current, null, 'auto_accepted');
    });
  }

  /**
   * Accepts (its additions count from now on) or returns (they stop counting) a report. Nobody
   * reviews a report they filed, but where its campaign allows it to the only member of its unit,
   * and then the history says so.
   */
  async review(actor: Actor, id: string, action: 'accept' | 'return', comment?: string): Promise<void> {
    const note = comment?.trim() || null;
    if (action === 'return' && !note) {
      throw ApiException.badRequest('退回时请填写修改意见', [{ field: 'comment', message: '请填写修改意见' }]);
    }
    await this.database.transaction(async () => {
      let event: ReportEvent;
      const current = await this.locked(id);
      const selfReview = current.reporterId === actor.personId;
      if (selfReview) await this.checkSelfReview(current, actor);
      if (action === 'accept') {
        if (current.status !== 'submitted') throw ApiException.conflict(current.status === 'accepted' ? '报告已经通过' : '报告已退回，等待报告人修改');
        await this.checkFieldsRemain(current);
        event = await this.accept(current, actor.personId, 'accepted', note, selfReview);
      } else {
        if (current.status === 'returned') throw ApiException.conflict('报告已经退回');
        if (current.status === 'accepted') {
          await this.statistics.withdraw(current.campaignId, id);
          await this.markAccepted(id, null);
        }
        await this.reports.update({ id }, { status: 'returned' });
        event = await this.record(id, 'returned', actor.personId, note, selfReview);
      }
      for (const listener of this.reviewedListeners) {
        await listener({ report: current, action: action === 'accept' ? 'accepted' : 'returned', reviewerId: actor.personId, comment: note, eventId: event.id });
      }
    });
  }

  /** The reporter reviews their own report only as its campaign allows: in a unit of which they are the only member. */
  private async checkSelfReview(report: Report, actor: Actor): Promise<void> {
    const campaign = await this.campaigns.getEntity(report.campaignId);
    if (await this.selfReviewAllowed(campaign, report.unitId, actor)) return;
    throw new ApiException(
      HttpStatus.FORBIDDEN,
      ErrorCode.SelfReview,
      campaign.allowSelfReviewInSingleMemberUnits
        ? '不能审核自己提交的报告：本活动只允许仅有一名成员的单位由该成员自行审核，请由其他联络员或安委办审核'
        : '不能审核自己提交的报告，请由其他联络员或安委办审核',
    );
  }

  /** Does the campaign let the actor review their own reports of the unit: are they its only member? */
  private async selfReviewAllowed(campaign: Pick<Campaign, 'allowSelfReviewInSingleMemberUnits'>, unitId: string, actor: Actor): Promise<boolean> {
    return campaign.allowSelfReviewInSingleMemberUnits && this.people.isOnlyMember(actor.personId, unitId);
  }

  /**
   * Accepts each report the actor may review and that is waiting; says why for the others. A
   * report the actor may not even see is "missing", in the words of one that is, so that no id of
   * another unit's report can be confirmed.
   */
  async bulkAccept(actor: Actor, reportIds: string[]): Promise<BulkAcceptResponse> {
    const result: BulkAcceptResponse = { accepted: [], skipped: [] };
    const reports = await this.reports.findBy({ id: In(reportIds) });
    const units = new Map((await this.units.findMany(reports.map((r) => r.unitId))).map((u) => [u.id, u]));
    for (const reportId of [...new Set(reportIds)]) {
      const report = reports.find((r) => r.id === reportId);
      const unit = report && units.get(report.unitId);
      if (!report || !unit || !allows(actor, 'report.read', unit.path)) {
        result.skipped.push({ reportId, message: '报告不存在' });
      } else if (!allows(actor, 'report.review', unit.path)) {
        result.skipped.push({ reportId, message: '您没有权限审核该报告' });
      } else {
        try {
          await this.review(actor, reportId, 'accept');
          result.accepted.push(reportId);
        } catch (error) {
          // The ones accepted so far are committed: say which, whatever stopped this one.
          if (!(error instanceof ApiException)) this.logger.error(error instanceof Error ? error.stack : String(error));
          result.skipped.push({ reportId, message: error instanceof ApiException ? error.body.error.message : '审核失败，请稍后重试' });
        }
      }
    }
    return result;
  }

  /** Removes a report: its reporter while it is not accepted, or whoever may review it; what it added stops counting. */
  async remove(actor: Actor, id: string): Promise<void> {
    const report = await this.get(id);
    const unit = await this.units.get(report.unitId);
    const reviewer = allows(actor, 'report.review', unit.path);
    if (!reviewer && report.reporterId !== actor.personId) throw ApiException.forbidden('只有报告人或审核人可以删除报告');
    await this.database.transaction(async () => {
      const current = await this.locked(id);
      if (current.status === 'accepted') {
        if (!reviewer) throw ApiException.conflict('报告已通过，请联系联络员处理');
        await this.statistics.withdraw(current.campaignId, id);
      }
      await this.media.detach(id);
      await this.reports.delete({ id });
    });
  }

  /**
   * A page of the campaign's reports the actor may see, newest first unless another order is asked
   * for (ties by id, so pages neither skip nor repeat), filtered by unit subtree, item, status, the
   * China-time days of the activity's start, and reporter. The unit filter's access is the guard's;
   * the other filters are checked here.
   */
  async list(actor: Actor, campaignId: string, filter: ReportListFilter, query: PageQuery & SortQuery<ReportSort>): Promise<Page<ReportDto>> {
    const { page, size, skip } = pageWindow(query);
    const { sort, order } = sortOf(query, REPORT_DEFAULT_ORDER);
    const builder = await this.filtered(actor, campaignId, filter);
    // The unit is joined only to order by its name; many reports to one unit, so no row repeats and
    // the page is cut with a plain LIMIT.
    if (sort === 'unit') builder.innerJoin('r.unit', 'u');
    const [reports, total] = await orderRows(builder, REPORT_ORDERS[sort], 'r.id', order).offset(skip).limit(size).getManyAndCount();
    return { items: await this.toDtos(reports, actor), total, page, size };
  }

  /**
   * The reports `list` finds, in the order of their activities' start (ties by id), the `size` after
   * the report `after` (its start and id; from the first without), with how many there are from
   * there on (`left`, this page's too). A cursor rather than a page number, for a reader that goes
   * through them all (an export): reports filed or removed meanwhile shift none of the others onto
   * a page read already or past the next one.
   */
  async listAfter(
    actor: Actor,
    campaignId: string,
    filter: ReportListFilter,
    after: Pick<ReportDto, 'startAt' | 'id'> | undefined,
    size: number,
  ): Promise<{ items: ReportDto[]; left: number }> {
    const builder = await this.filtered(actor, campaignId, filter);
    if (after) {
      builder.andWhere('(r.startAt > :afterStart OR (r.startAt = :afterStart AND r.id > :afterId))', { afterStart: new Date(after.startAt), afterId: after.id });
    }
    const [reports, left] = await orderRows(builder, REPORT_ORDERS.startAt, 'r.id', 'asc').limit(size).getManyAndCount();
    return { items: await this.toDtos(reports, actor), left };
  }

  /** The campaign's reports the actor may see, filtered (see `list`), as a query to order and cut. */
  private async filtered(actor: Actor, campaignId: string, filter: ReportListFilter) {
    const range = await this.checkFilter(campaignId, filter);
    // Filtered to what the actor may read (the policy's report.read scopes) before the page is cut.
    const readable = this.units.idsWithin(readableScopes(actor));
    const builder = this.reports
      .createQueryBuilder('r')
      .where('r.campaignId = :campaignId', { campaignId })
      .andWhere(`r.unitId IN (${readable.sql})`, readable.parameters);
    if (filter.unitId) {
      const unit = await this.units.get(filter.unitId);
      const within = this.units.idsWithin([{ path: unit.path, subtree: true }], 'within');
      builder.andWhere(`r.unitId IN (${within.sql})`, within.parameters);
    }
    if (filter.itemId) builder.andWhere('r.itemId = :itemId', { itemId: filter.itemId });
    if (filter.status) builder.andWhere('r.status = :status', { status: filter.status });
    if (range.from) builder.andWhere('r.startAt >= :from', { from: range.from });
    if (range.to) builder.andWhere('r.startAt < :to', { to: range.to });
    if (filter.reporterId) builder.andWhere('r.reporterId = :reporterId', { reporterId: filter.reporterId });
    if (filter.mine) builder.andWhere('r.reporterId = :mineId', { mineId: actor.personId });
    return builder;
  }

  /** The filter's item is the campaign's, its reporter exists, its days are in order; answers the instants they bound. */
  private async checkFilter(campaignId: string, filter: ReportListFilter): Promise<{ from?: Date; to?: Date }> {
    if (filter.itemId && !(await this.campaigns.item(campaignId, filter.itemId))) {
      throw ApiException.badRequest('活动项目不属于本活动', [{ field: 'itemId', message: '活动项目不属于本活动' }]);
    }
    if (filter.reporterId && (await this.people.findMany([filter.reporterId])).length === 0) {
      throw ApiException.badRequest('报告人不存在', [{ field: 'reporterId', message: '报告人不存在' }]);
    }
    // The DTO let only real dates through; a day runs from its China-time midnight to the next.
    const day = (text: string | undefined) => (text === undefined ? undefined : parseDay(text));
    const [from, to] = [day(filter.from), day(filter.to)];
    if (from !== undefined && to !== undefined && from > to) {
      throw ApiException.badRequest('开始日期不能晚于结束日期', [{ field: 'to', message: '结束日期不能早于开始日期' }]);
    }
    return {
      from: from === undefined ? undefined : new Date(chinaInstant(from, 0)),
      to: to === undefined ? undefined : new Date(chinaInstant(to, END_OF_DAY)),
    };
  }

  async unitTotals(campaignId: string, unitId: string) {
    return { campaignId, unitId, totals: await this.statistics.unitTotals(campaignId, unitId) };
  }

  /** Reports as `actor` sees them. */
  async toDtos(reports: Report[], actor: Actor): Promise<ReportDto[]> {
    if (reports.length === 0) return [];
    const ids = reports.map((r) => r.id);
    const [events, links, proposals] = await Promise.all([
      this.events.find({ where: { reportId: In(ids) }, order: { at: 'ASC' } }),
      this.links.find({ where: { reportId: In(ids) }, order: { position: 'ASC' }, select: ['reportId', 'url'] }),
      this.proposedAnswers.find({ where: { reportId: In(ids) }, select: ['reportId', 'fieldId', 'flag', 'text'] }),
    ]);
    const [units, people, described, media] = await Promise.all([
      this.units.findMany([...new Set(reports.map((r) => r.unitId))]),
      this.people.findMany([...new Set([...reports.map((r) => r.reporterId), ...events.map((e) => e.byId).filter((x): x is string => !!x)])]),
      this.campaigns.describe(
        [...new Set(reports.map((r) => r.itemId))],
        [...new Set([...reports.flatMap((r) => r.additions.map((a) => a.fieldId)), ...proposals.map((p) => p.fieldId)])],
      ),
      this.media.byReport(ids),
    ]);
    // All the reports' media in one go (one query for the files' other uses), then by report.
    const files = [...media.values()].flat();
    const mediaDtos = new Map<string, MediaDto[]>();
    (await this.media.toDtos(files)).forEach((dto, i) => {
      const reportId = files[i].reportId as string;
      mediaDtos.set(reportId, [...(mediaDtos.get(reportId) ?? []), dto]);
    });
    const unitById = new Map(units.map((u) => [u.id, u]));
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    const reviewsOwn = await this.ownReviewable(reports, unitById, actor);
    // The photo size the campaign asks for now (a list is of one campaign: read once).
    const rules = new Map<string, MediaRequirements>();
    for (const campaignId of new Set(reports.map((r) => r.campaignId))) rules.set(campaignId, (await this.campaigns.getEntity(campaignId)).media);
    return reports.map((r) =>
      this.toDto(r, {
        unit: unitById.get(r.unitId),
        item: described.items.get(r.itemId),
        fields: described.fields,
        media: mediaDtos.get(r.id) ?? [],
        links: links.filter((l) => l.reportId === r.id).map((l) => l.url),
        proposals: proposals.filter((p) => p.reportId === r.id).map((p) => ({ fieldId: p.fieldId, value: p.text ?? Boolean(p.flag) })),
        events: events.filter((e) => e.reportId === r.id),
        name: (id) => names.get(id),
        actor,
        rules: rules.get(r.campaignId),
        reviewsOwn: reviewsOwn.has(`${r.campaignId}/${r.unitId}`),
      }),
    );
  }

  /**
   * Where the actor may review the reports they filed themselves, as `campaignId/unitId`: asked
   * only about their own reports in units they review, each campaign read once (a list has one).
   */
  private async ownReviewable(reports: Report[], units: Map<string, Unit>, actor: Actor): Promise<Set<string>> {
    const unitsByCampaign = new Map<string, Set<string>>();
    for (const r of reports) {
      const unit = units.get(r.unitId);
      if (r.reporterId === actor.personId && unit && allows(actor, 'report.review', unit.path)) {
        unitsByCampaign.set(r.campaignId, (unitsByCampaign.get(r.campaignId) ?? new Set()).add(r.unitId));
      }
    }
    const allowed = new Set<string>();
    for (const [campaignId, unitIds] of unitsByCampaign) {
      const campaign = await this.campaigns.getEntity(campaignId);
      for (const unitId of unitIds) if (await this.selfReviewAllowed(campaign, unitId, actor)) allowed.add(`${campaignId}/${unitId}`);
    }
    return allowed;
  }

  /** A report as the API shows it, from what was read (or, for a new report, just written) about it. */
  private toDto(
    r: Report,
    parts: {
      unit: Unit | undefined;
      item: ActivityItem | undefined;
      fields: Map<string, StatisticsField>;
      media: MediaDto[];
      links: string[];
      proposals: ProposedAnswerInput[];
      events: ReportEvent[];
      name: (personId: string) => string | undefined;
      actor: Actor;
      /** The campaign's media requirements, which the photos are held to. */
      rules: MediaRequirements | undefined;
      /** May the actor review it though they filed it (where the campaign allows it)? */
      reviewsOwn: boolean;
    },
  ): ReportDto {
    const name = (id: string) => parts.name(id) ?? '（已删除的用户）';
    return {
      id: r.id,
      campaignId: r.campaignId,
      unit: { id: r.unitId, name: parts.unit?.name ?? '', kind: parts.unit?.kind ?? 'other' },
      item: { id: r.itemId, title: parts.item?.title ?? '（已删除的活动项目）' },
      itemId: r.itemId,
      title: r.title,
      startAt: r.startAt.toISOString(),
      endAt: r.endAt.toISOString(),
      place: r.place,
      latitude: r.latitudeE6 === null ? null : r.latitudeE6 / E6,
      longitude: r.longitudeE6 === null ? null : r.longitudeE6 / E6,
      description: r.description,
      headcount: r.headcount,
      status: r.status,
      reporter: { id: r.reporterId, displayName: name(r.reporterId) },
      media: parts.media,
      evidenceLinks: parts.links,
      contributions: r.additions.map((a) => {
        const field = parts.fields.get(a.fieldId);
        return { fieldId: a.fieldId, label: field?.label ?? '（已删除的统计项）', unit: field?.unit ?? '', amount: a.amount };
      }),
      // In the order of the item's fields (a field removed takes its proposals along: each has its
      // field), only those of the field's kind now: it may have changed since (while it held no data).
      proposedAnswers: parts.proposals
        .flatMap((p) => {
          const field = parts.fields.get(p.fieldId);
          return field && isAnswerOfKind(field.kind, p.value) ? [{ ...p, field }] : [];
        })
        .sort((a, b) => a.field.position - b.field.position)
        .map((p) => ({ fieldId: p.fieldId, label: p.field.label, value: p.value })),
      // The submission is the report row itself (who, when); the events are what happened after.
      history: [
        { action: 'submitted' as const, by: { id: r.reporterId, displayName: name(r.reporterId) }, at: r.createdAt.toISOString(), comment: null, selfReview: false },
        // A stored submission (a process of an older version may still write one) is the same step.
        ...parts.events
          .filter((e) => e.action !== 'submitted')
          .map((e) => ({
            action: e.action,
            by: e.byId ? { id: e.byId, displayName: name(e.byId) } : null,
            at: e.at.toISOString(),
            comment: e.comment,
            selfReview: e.selfReview,
          })),
      ],
      allowed: {
        review:
          parts.unit !== undefined &&
          allows(parts.actor, 'report.review', parts.unit.path) &&
          (r.reporterId !== parts.actor.personId || parts.reviewsOwn),
        edit: r.reporterId === parts.actor.personId && r.status !== 'accepted',
      },
      warnings: mediaWarnings(parts.media, parts.rules),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /**
   * Writes a new report with the media, links and proposed answers it takes, accepted at once if its
   * campaign says so; answers what its history holds beyond its submission. A report alone is one
   * INSERT, atomic by itself.
   */
  private async writeNew(
    report: Report,
    { mediaIds, links, proposals }: { mediaIds: string[]; links: string[]; proposals: ProposedAnswerInput[] },
    autoAccept: boolean,
  ): Promise<ReportEvent[]> {
    // The row is complete: nothing to read back after the INSERT.
    const insert = () => this.reports.createQueryBuilder().insert().values(report).updateEntity(false).execute();
    if (mediaIds.length === 0 && links.length === 0 && proposals.length === 0 && !autoAccept) {
      await insert();
      return [];
    }
    const events = await this.database.transaction(async () => {
      await insert();
      await this.media.attach(mediaIds, report.id, report.unitId, report.campaignId);
      await this.writeLinks(report, links);
      await this.writeProposals(report, proposals);
      return autoAccept ? [await this.accept(report, null, 'auto_accepted')] : [];
    });
    if (autoAccept) report.status = 'accepted';
    return events;
  }

  private async accept(report: Report, byId: string | null, action: ReportAction, comment: string | null = null, selfReview = false) {
    await this.reports.update({ id: report.id }, { status: 'accepted' });
    await this.statistics.contribute(report.campaignId, report.id, report.unitId, report.additions);
    const event = await this.record(report.id, action, byId, comment, selfReview);
    await this.markAccepted(report.id, event.at);
    return event;
  }

  /** Marks a report's links and proposed answers as accepted at `at`, or no longer (null): the tables show only those. */
  private async markAccepted(reportId: string, at: Date | null): Promise<void> {
    await this.links.update({ reportId }, { acceptedAt: at });
    await this.proposedAnswers.update({ reportId }, { acceptedAt: at });
  }

  /** Writes a report's evidence links (it has none yet), in their order. */
  private async writeLinks(report: Report, links: string[]): Promise<void> {
    if (links.length === 0) return;
    const rows = links.map((url, position) =>
      this.links.create({ reportId: report.id, position, url, campaignId: report.campaignId, itemId: report.itemId, unitId: report.unitId, acceptedAt: null }),
    );
    await this.links.createQueryBuilder().insert().values(rows).updateEntity(false).execute();
  }

  /** Writes a report's proposed answers (it has none yet). */
  private async writeProposals(report: Report, proposals: ProposedAnswerInput[]): Promise<void> {
    if (proposals.length === 0) return;
    const rows = proposals.map(({ fieldId, value }) =>
      this.proposedAnswers.create({
        reportId: report.id,
        fieldId,
        flag: typeof value === 'boolean' ? value : null,
        text: typeof value === 'string' ? value : null,
        campaignId: report.campaignId,
        unitId: report.unitId,
        acceptedAt: null,
      }),
    );
    await this.proposedAnswers.createQueryBuilder().insert().values(rows).updateEntity(false).execute();
  }

  /** The evidence links of a campaign's accepted reports, each with its report's title. */
  private acceptedLinks(campaignId: string) {
    return this.links
      .createQueryBuilder('l')
      .innerJoin('l.report', 'r')
      .select(['l.url AS url', 'r.id AS reportId', 'r.title AS reportTitle'])
      .where('l.campaignId = :campaignId AND l.acceptedAt IS NOT NULL', { campaignId });
  }

  /**
   * The evidence links of accepted reports on each item within the unit's subtree, newest accepted
   * first, at most `limit` per item: one indexed read per item.
   */
  async subtreeEvidence(campaignId: string, unit: Pick<Unit, 'path'>, itemIds: string[], limit: number): Promise<Map<string, EvidenceLinkDto[]>> {
    const within = this.units.idsWithin([{ path: unit.path, subtree: true }], 'within');
    const perItem = await Promise.all(
      itemIds.map((itemId) =>
        this.acceptedLinks(campaignId)
          .andWhere('l.itemId = :itemId', { itemId })
          .andWhere(`l.unitId IN (${within.sql})`, within.parameters)
          .orderBy('l.acceptedAt', 'DESC')
          .addOrderBy('l.reportId')
          .addOrderBy('l.position')
          .limit(limit)
          .getRawMany<EvidenceLinkDto>(),
      ),
    );
    return new Map(itemIds.map((itemId, i) => [itemId, perItem[i].map((l) => ({ reportId: l.reportId, reportTitle: l.reportTitle, url: l.url }))]));
  }

  /**
   * The evidence links of accepted reports of each unit, by unit and item, newest accepted first, at
   * most `limit` per unit and item: one read for all the units (numbered per unit and item in the
   * database, so no more than `limit` of each leave it).
   */
  async unitsEvidence(campaignId: string, unitIds: string[], limit: number): Promise<Map<string, Map<string, EvidenceLinkDto[]>>> {
    const found = new Map(unitIds.map((id) => [id, new Map<string, EvidenceLinkDto[]>()]));
    if (unitIds.length === 0) return found;
    const links = this.acceptedLinks(campaignId)
      .addSelect(['l.unitId AS unitId', 'l.itemId AS itemId'])
      .andWhere('l.unitId IN (:...unitIds)', { unitIds });
    const rows = await this.firstOfEach<EvidenceLinkDto & { unitId: string; itemId: string }>(links, 'l.unitId, l.itemId', 'l.acceptedAt DESC, l.reportId, l.position', limit);
    for (const { unitId, itemId, reportId, reportTitle, url } of rows) {
      const items = found.get(unitId);
      items?.set(itemId, [...(items.get(itemId) ?? []), { reportId, reportTitle, url }]);
    }
    return found;
  }

  /**
   * The answers accepted reports of each unit propose, by unit and field, newest accepted first, at
   * most `limit` per unit and field: one read for all the units, as `unitsEvidence`.
   */
  async unitsProposals(campaignId: string, unitIds: string[], limit: number): Promise<Map<string, Map<string, ProposalDto<boolean | string>[]>>> {
    const found = new Map(unitIds.map((id) => [id, new Map<string, ProposalDto<boolean | string>[]>()]));
    if (unitIds.length === 0) return found;
    const proposals = this.proposedAnswers
      .createQueryBuilder('p')
      .innerJoin('p.report', 'r')
      .select(['p.unitId AS unitId', 'p.fieldId AS fieldId', 'p.flag AS flag', 'p.text AS text', 'r.id AS reportId', 'r.title AS reportTitle'])
      .where('p.campaignId = :campaignId AND p.acceptedAt IS NOT NULL AND p.unitId IN (:...unitIds)', { campaignId, unitIds });
    const rows = await this.firstOfEach<{ unitId: string; fieldId: string; flag: number | boolean | null; text: string | null; reportId: string; reportTitle: string }>(
      proposals,
      'p.unitId, p.fieldId',
      'p.acceptedAt DESC, p.reportId',
      limit,
    );
    for (const { unitId, fieldId, flag, text, reportId, reportTitle } of rows) {
      const fields = found.get(unitId);
      fields?.set(fieldId, [...(fields.get(fieldId) ?? []), { reportId, reportTitle, value: text ?? Boolean(flag) }]);
    }
    return found;
  }

  /**
   * The raw rows of `query`, at most `limit` of each `partition` (columns) in `order`: numbered in
   * the database, so that no more than those leave it, in one read.
   */
  private firstOfEach<R>(query: SelectQueryBuilder<ObjectLiteral>, partition: string, order: string, limit: number): Promise<R[]> {
    const ranked = query.addSelect(`ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${order})`, 'n');
    // Through a repository: within a transaction, on its connection.
    return this.reports.manager
      .createQueryBuilder()
      .select('*')
      .from(`(${ranked.getQuery()})`, 'x')
      .where('x.n <= :limit', { limit })
      .orderBy('x.n')
      .setParameters(ranked.getParameters())
      .getRawMany<R>();
  }

  /** The fields a report adds to still exist (the committee may have removed one that held no data yet). */
  private async checkFieldsRemain(report: Report): Promise<void> {
    const ids = report.additions.map((a) => a.fieldId);
    const { fields } = await this.campaigns.describe([], ids);
    const gone = report.additions.findIndex((a) => !fields.has(a.fieldId));
    if (gone >= 0) {
      throw ApiException.conflict('报告计入的统计项已被活动删除：请退回报告，由报告人修改后重新提交', [
        { field: `contributions.${gone}.fieldId`, message: '统计项已被删除' },
      ]);
    }
  }

  private async locked(id: string): Promise<Report> {
    const report = await this.database.locked(Report, id);
    if (!report) throw ApiException.notFound('报告不存在');
    return report;
  }

  private async record(reportId: string, action: ReportAction, byId: string | null, comment: string | null = null, selfReview = false) {
    const event = this.events.create({ reportId, action, byId, comment, selfReview, at: this.clock.now() });
    await this.events.createQueryBuilder().insert().values(event).updateEntity(false).execute();
    return event;
  }

  /**
   * The item belongs to the campaign; additions go to its count fields, one amount per field;
   * proposed answers to its yes/no and text fields (`checkProposals`).
   */
  private async checkInput(
    campaignId: string,
    input: ReportInput,
  ): Promise<{ found: ItemWithFields; additions: ContributionInput[]; links: string[]; proposals: ProposedAnswerInput[] }> {
    const found = await this.campaigns.item(campaignId, input.itemId);
    if (!found) throw ApiException.badRequest('活动项目不属于本活动', [{ field: 'itemId', message: '活动项目不属于本活动' }]);
    if (Date.parse(input.endAt) < Date.parse(input.startAt)) {
      throw ApiException.badRequest(REPORT_MESSAGES.endBeforeStart, [{ field: 'endAt', message: REPORT_MESSAGES.endBeforeStart }]);
    }
    const counts = new Map(found.fields.filter((f) => f.kind === 'count').map((f) => [f.id, f]));
    const merged = new Map<string, number>();
    input.contributions.forEach((c, i) => {
      if (!counts.has(c.fieldId)) {
        throw ApiException.badRequest('统计项不属于所选活动项目', [{ field: `contributions.${i}.fieldId`, message: '统计项不属于所选活动项目或不是数量项' }]);
      }
      merged.set(c.fieldId, (merged.get(c.fieldId) ?? 0) + c.amount);
    });
    const links = input.evidenceLinks ?? [];
    const wrong = links.flatMap((link, i) => {
      const message = evidenceLinkProblem(link);
      return message ? [{ field: `evidenceLinks.${i}`, message }] : [];
    });
    if (wrong.length) throw ApiException.badRequest(`第 ${Number(wrong[0].field.split('.')[1]) + 1} 个网址链接有误：${wrong[0].message}`, wrong);
    return {
      found,
      additions: [...merged].map(([fieldId, amount]) => ({ fieldId, amount })),
      links: links.map((link) => link.trim()),
      proposals: checkProposals(found.fields, input.proposedAnswers ?? []),
    };
  }

  private columns(input: ReportInput, additions: ContributionInput[]) {
    return {
      itemId: input.itemId,
      title: input.title.trim(),
      startAt: new Date(input.startAt),
      endAt: new Date(input.endAt),
      place: input.place.trim(),
      latitudeE6: input.latitude === null || input.latitude === undefined ? null : Math.round(input.latitude * E6),
      longitudeE6: input.longitude === null || input.longitude === undefined ? null : Math.round(input.longitude * E6),
      description: input.description.trim(),
      headcount: input.headcount,
      additions,
    };
  }
}
