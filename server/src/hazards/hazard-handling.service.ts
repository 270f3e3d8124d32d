import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import {
  AssignRectificationRequest,
  canTransition,
  chinaDay,
  ContributionInput,
  ErrorDetail,
  evidenceLinkProblem,
  formatChinaDate,
  HAZARD_ACTION_LABELS,
  HAZARD_OUTCOMES,
  HAZARD_STATUS_LABELS,
  HazardAction,
  HazardCaseDto,
  HazardCounts,
  HazardCountsDto,
  HazardMediaDto,
  hazardOutcomes,
  HazardSettingsDto,
  HazardStatus,
  HazardSummaryDto,
  isHazardOverdue,
  isHazardVerified,
  OPEN_HAZARD_STATUSES,
  Page,
  PageQuery,
  pageWindow,
  RectificationCaseDto,
  RectificationDoneRequest,
  RectificationDto,
  REWARD_STATUS_LABELS,
  RewardRequest,
  TypicalCaseRequest,
  UpdateHazardSettingsRequest,
  VERIFIED_HAZARD_STATUSES,
} from '@safemonth/shared';
import { In, MoreThan } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { orderRows } from '../common/paging';
import { Database } from '../database/database.service';
import { MediaService } from '../media/media.service';
import { PeopleService } from '../people/people.service';
import { StatisticsService } from '../statistics/statistics.service';
import type { Unit } from '../units/unit.entity';
import { isAtOrBelow, UnitsService } from '../units/units.service';
import { Hazard, HazardEvent, HazardMedia, HazardMessage } from './hazard.entity';
import { E6, HAZARD_NOT_FOUND, holdMedia, MB, RECTIFICATION_NOT_FOUND, rewardOf, storedKeys, toHazardMediaDto, toMessageDto } from './hazard-case';
import { HazardSettingsService } from './hazard-settings.service';

/** Hazards counted again at a time when the settings map outcomes to other fields. */
const RECOUNT_BATCH = 500;
const HAZARD_MEDIA_NOT_FOUND = '照片或视频不存在';
const NO_COUNTS: HazardCounts = { open: 0, overdue: 0, closed: 0 };
/** Verified hazards, open or closed: what 隐患清零 counts. */
const COUNTED_STATUSES: HazardStatus[] = [...OPEN_HAZARD_STATUSES, 'closed'];

/** The handling's list filter, as the controller reads it from the query string. */
export interface HazardFilter {
  status?: HazardStatus;
  category?: string;
  unitId?: string;
  overdue?: boolean;
  typical?: boolean;
}

/**
 * The condition "hazard `h` is overdue on China-time day `today`" in a campaign with this zeroing
 * day: `isHazardOverdue` in SQL, so that lists filter, order and count by it in the database.
 */
export function overdueCondition(zeroingDate: string | null, today: string): { sql: string; parameters: Record<string, unknown> } {
  const parameters = { overdueOpen: [...OPEN_HAZARD_STATUSES], overdueToday: today };
  // Past the zeroing day, every open hazard is overdue.
  if (zeroingDate !== null && today > zeroingDate) return { sql: '(h.status IN (:...overdueOpen))', parameters };
  return { sql: "(h.status IN (:...overdueOpen) AND h.status <> 'rectified' AND h.dueDate IS NOT NULL AND h.dueDate < :overdueToday)", parameters };
}

/** A unit as a case shows it: its id and name. */
const unitRef = (id: string, units: Map<string, Unit>) => ({ id, name: units.get(id)?.name ?? '' });

/** What a step changes on the case, and what its history says of it. */
interface StepResult {
  changes: Partial<Hazard>;
  comment: string | null;
}

/**
 * The handling of hazard reports (see docs/hazards.md): the designated handlers' queue and case
 * view, the workflow (verification, rectification by the responsible unit, closing), rewards and
 * typical cases, what hazards add to the campaign's statistics fields, the responsible unit's view
 * of its rectifications, and the 隐患清零 counts. Nothing here reads or shows the reporter.
 */
@Injectable()
export class HazardHandlingService {
  constructor(
    private readonly database: Database,
    private readonly settings: HazardSettingsService,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly statistics: StatisticsService,
    private readonly media: MediaService,
    private readonly clock: Clock,
  ) {}

  private get hazards() {
    return this.database.repository(Hazard);
  }

  private get events() {
    return this.database.repository(HazardEvent);
  }

  private get messages() {
    return this.database.repository(HazardMessage);
  }

  private get files() {
    return this.database.repository(HazardMedia);
  }

  /** Today in China, the day overdue is judged on. */
  private today(): string {
    return chinaDay(this.clock.now());
  }

  // --- access targets --------------------------------------------------------------------------

  /** A rectification leads to its responsible unit; a case not assigned has none. */
  async rectificationTarget(id: string): Promise<{ path: string } | null> {
    const row = await this.hazards
      .createQueryBuilder('h')
      .innerJoin('h.responsibleUnit', 'u')
      .select('u.path', 'path')
      .where('h.id = :id', { id })
      .getRawOne<{ path: string }>();
    return row ? { path: row.path } : null;
  }

  // --- the handlers' queue and case ------------------------------------------------------------

  /** A page of the campaign's cases, newest first, filtered; for its designated handlers. */
  async list(actor: Actor, campaignId: string, filter: HazardFilter, query: PageQuery): Promise<Page<HazardSummaryDto>> {
    await this.settings.assertHandler(campaignId, actor);
    const { page, size, skip } = pageWindow(query);
    const { zeroingDate } = await this.settings.stored(campaignId);
    const today = this.today();
    const builder = this.hazards.createQueryBuilder('h').where('h.campaignId = :campaignId', { campaignId });
    if (filter.status) builder.andWhere('h.status = :status', { status: filter.status });
    if (filter.category) builder.andWhere('h.category = :category', { category: filter.category.trim() });
    // 1 and 0: how both databases store a boolean.
    // A mark kept on a case found untrue after all shows as none.
    if (filter.typical === true) builder.andWhere('h.typical = 1 AND h.status IN (:...verified)', { verified: VERIFIED_HAZARD_STATUSES });
    if (filter.typical === false) builder.andWhere('(h.typical = 0 OR h.status NOT IN (:...verified))', { verified: VERIFIED_HAZARD_STATUSES });
    if (filter.unitId) {
      const unit = await this.units.find(filter.unitId);
      // A unit outside the campaign's tree answers as a missing one: ids elsewhere are not confirmed.
      const { organizingUnitId } = await this.campaigns.getEntity(campaignId);
      if (!unit || !isAtOrBelow(unit.path, organizingUnitId)) throw ApiException.badRequest('单位不存在', [{ field: 'unitId', message: '单位不存在' }]);
      const within = this.units.idsWithin([{ path: unit.path, subtree: true }], 'within');
      builder.andWhere(`(h.unitId IN (${within.sql}) OR h.responsibleUnitId IN (${within.sql}))`, within.parameters);
    }
    if (filter.overdue !== undefined) {
      const overdue = overdueCondition(zeroingDate, today);
      builder.andWhere(filter.overdue ? overdue.sql : `NOT ${overdue.sql}`, overdue.parameters);
    }
    const [rows, total] = await orderRows(builder, ['h.createdAt'], 'h.id', 'desc').offset(skip).limit(size).getManyAndCount();
    const units = await this.unitsOf(rows);
    const items = rows.map(
      (h): HazardSummaryDto => ({
        ...this.summaryOf(h, units, zeroingDate, today),
        rectification: h.responsibleUnitId && h.dueDate ? { unit: unitRef(h.responsibleUnitId, units), dueDate: h.dueDate } : null,
      }),
    );
    return { items, total, page, size };
  }

  /** A case as its campaign's designated handlers see it. */
  async get(actor: Actor, id: string): Promise<HazardCaseDto> {
    const hazard = await this.find(id);
    await this.settings.assertHandler(hazard.campaignId, actor);
    return this.toCase(hazard);
  }

  // --- the workflow ----------------------------------------------------------------------------

  startVerification(actor: Actor, id: string): Promise<HazardCaseDto> {
    return this.step(actor, id, 'startVerification', (hazard) => {
      this.checkTransition('startVerification', hazard);
      return { changes: { status: 'verifying' }, comment: null };
    });
  }

  /** 属实: from now on the hazard counts for the unit it concerns (or the organizing unit when it names none). */
  verify(actor: Actor, id: string): Promise<HazardCaseDto> {
    return this.step(actor, id, 'verify', async (hazard) => {
      this.checkTransition('verify', hazard);
      const accountableUnitId = hazard.unitId ?? (await this.campaigns.getEntity(hazard.campaignId)).organizingUnitId;
      return { changes: { status: 'verified', reason: null, accountableUnitId }, comment: null };
    });
  }

  /** 不属实, with the reason: the hazard goes back to the organizing unit, which received it. */
  reject(actor: Actor, id: string, reason: string): Promise<HazardCaseDto> {
    const why = reason.trim();
    return this.step(actor, id, 'reject', async (hazard) => {
      this.checkTransition('reject', hazard);
      const { organizingUnitId } = await this.campaigns.getEntity(hazard.campaignId);
      return { changes: { status: 'unfounded', reason: why, accountableUnitId: organizingUnitId }, comment: why };
    });
  }

  /** Has a unit of the campaign's tree rectify it by a day (today or later); the hazard counts for that unit from now on. */
  async assign(actor: Actor, id: string, request: AssignRectificationRequest): Promise<HazardCaseDto> {
    const hazard = await this.handled(actor, id);
    const unit = await this.units.find(request.unitId);
    const { organizingUnitId } = await this.campaigns.getEntity(hazard.campaignId);
    const problems: ErrorDetail[] = [];
    // One answer for a unit missing or elsewhere: ids outside the tree are not confirmed.
    if (!unit || !isAtOrBelow(unit.path, organizingUnitId)) problems.push({ field: 'unitId', message: '整改单位不存在或不在本活动主办单位的范围内' });
    problems.push(...this.dueDateProblems(request.dueDate));
    if (problems.length) throw ApiException.badRequest(`交办整改有误：${problems[0].message}`, problems);
    const requirement = request.requirement?.trim() || null;
    return this.step(actor, id, 'assign', (current) => {
      this.checkTransition('assign', current);
      return {
        changes: { status: 'rectifying', responsibleUnitId: request.unitId, accountableUnitId: request.unitId, dueDate: request.dueDate, requirement },
        comment: `交由“${unit?.name}”整改，整改期限 ${formatChinaDate(request.dueDate)}`,
      };
    });
  }

  /** 销号: the handler accepts the rectification. */
  close(actor: Actor, id: string): Promise<HazardCaseDto> {
    return this.step(actor, id, 'close', (hazard) => {
      this.checkTransition('close', hazard);
      return { changes: { status: 'closed' }, comment: null };
    });
  }

  /** Sends a rectified or closed case back to the responsible unit, with the handler's comment (and a new due day). */
  async reopen(actor: Actor, id: string, comment: string, dueDate?: string): Promise<HazardCaseDto> {
    await this.handled(actor, id);
    const problems = dueDate === undefined ? [] : this.dueDateProblems(dueDate);
    if (problems.length) throw ApiException.badRequest(`重新整改有误：${problems[0].message}`, problems);
    const note = comment.trim();
    return this.step(actor, id, 'reopen', (hazard) => {
      this.checkTransition('reopen', hazard);
      // The unit reports it done again; the photos it sent stay until it sends others.
      return { changes: { status: 'rectifying', rectificationText: null, rectifiedAt: null, ...(dueDate ? { dueDate } : {}) }, comment: note };
    });
  }

  /** Sets the reward of a verified case (amount in yuan, to the fen). */
  setReward(actor: Actor, id: string, request: RewardRequest): Promise<HazardCaseDto> {
    const rewardFen = Math.round(request.amountYuan * 100);
    return this.step(actor, id, 'reward', (hazard) => {
      if (!isHazardVerified(hazard.status)) throw ApiException.conflict(`只有查实的隐患才能设置奖励（当前状态：${HAZARD_STATUS_LABELS[hazard.status]}）`);
      return {
        changes: { rewardFen, rewardStatus: request.status },
        comment: `奖励 ${(rewardFen / 100).toFixed(2)} 元（${REWARD_STATUS_LABELS[request.status]}）`,
      };
    });
  }

  /** Takes a reward back, in any state of the case. */
  removeReward(actor: Actor, id: string): Promise<HazardCaseDto> {
    return this.step(actor, id, 'reward', (hazard) => {
      if (hazard.rewardFen === null) throw ApiException.conflict('该举报没有设置奖励');
      return { changes: { rewardFen: null, rewardStatus: null }, comment: '撤销奖励' };
    });
  }

  /** Marks a verified case as a typical case for exposure (典型案例), with the media report's link; unmarks any. */
  async setTypical(actor: Actor, id: string, request: TypicalCaseRequest): Promise<HazardCaseDto> {
    await this.handled(actor, id);
    const link = request.typical && request.link !== undefined ? request.link.trim() : null;
    const problem = link === null ? undefined : evidenceLinkProblem(link);
    if (problem) throw ApiException.badRequest(`曝光链接有误：${problem}`, [{ field: 'link', message: problem }]);
    return this.step(actor, id, 'typical', (hazard) => {
      if (request.typical && !isHazardVerified(hazard.status)) {
        throw ApiException.conflict(`只有查实的隐患才能设为典型案例（当前状态：${HAZARD_STATUS_LABELS[hazard.status]}）`);
      }
      return { changes: { typical: request.typical, typicalLink: link || null }, comment: request.typical ? (link ?? '设为典型案例') : '取消典型案例' };
    });
  }

  /**
   * One step of a case by one of its campaign's handlers: in one transaction with the case locked,
   * `apply` checks it (409 when the step does not lead from its state) and says what changes; the
   * step is written to the history and the case's contributions follow it.
   */
  private async step(actor: Actor, id: string, action: HazardEvent['action'], apply: (hazard: Hazard) => StepResult | Promise<StepResult>): Promise<HazardCaseDto> {
    const { campaignId } = await this.handled(actor, id);
    await this.database.transaction(async () => {
      // The settings before the case, as a change of the mapping takes them (see `recount`).
      await this.settings.lockedStored(campaignId);
      const hazard = await this.locked(id);
      const { changes, comment } = await apply(hazard);
      const now = this.clock.now();
      await this.hazards.update({ id }, { ...changes, updatedAt: now });
      await this.record(id, action, actor.personId, comment, now);
      await this.recount(id);
    });
    return this.toCase(await this.find(id));
  }

  /** The case, if the actor is one of its campaign's designated handlers (403 otherwise); asked before any input is checked. */
  private async handled(actor: Actor, id: string): Promise<Hazard> {
    const hazard = await this.find(id);
    await this.settings.assertHandler(hazard.campaignId, actor);
    return hazard;
  }

  private checkTransition(action: HazardAction, hazard: Hazard): void {
    if (!canTransition(action, hazard.status)) {
      throw ApiException.conflict(`该举报当前为“${HAZARD_STATUS_LABELS[hazard.status]}”，不能${HAZARD_ACTION_LABELS[action]}`);
    }
  }

  /** A due day is a real day (the DTO checked) and not before today in China. */
  private dueDateProblems(dueDate: string): ErrorDetail[] {
    return dueDate < this.today() ? [{ field: 'dueDate', message: '整改期限不能早于今天' }] : [];
  }

  /**
   * Takes back what the hazard added to the campaign's statistics fields and adds what it adds in
   * its current state (`hazardOutcomes`, each outcome to the field the settings map it to, for the
   * accountable unit), keyed by the hazard's id; in the caller's transaction (reporting calls it
   * as it creates the hazard).
   */
  async recount(hazardId: string): Promise<void> {
    await this.database.transaction(async () => {
      const hazard = await this.find(hazardId);
      // Locked: a change of the mapping waits for this recount, or this one for it (and reads it).
      // A transaction changing an existing case takes this lock first, before any plain read: on
      // MySQL/MariaDB those fix what it sees, and it must see the contributions the change wrote.
      const { fields } = await this.settings.lockedStored(hazard.campaignId);
      const outcomes = hazardOutcomes({ status: hazard.status, rewarded: hazard.rewardFen !== null, typical: hazard.typical });
      const additions: ContributionInput[] = HAZARD_OUTCOMES.flatMap((outcome) => {
        const fieldId = fields[outcome];
        return fieldId && outcomes[outcome] ? [{ fieldId, amount: outcomes[outcome] }] : [];
      });
      await this.statistics.withdraw(hazard.campaignId, hazard.id);
      await this.statistics.contribute(hazard.campaignId, hazard.id, hazard.accountableUnitId, additions);
    });
  }

  /**
   * Saves the campaign's hazard settings; when they map outcomes to other fields, every hazard of
   * the campaign is counted again in the same transaction, so no table keeps what an old mapping added.
   */
  async updateSettings(campaignId: string, request: UpdateHazardSettingsRequest): Promise<HazardSettingsDto> {
    return this.database.transaction(async () => {
      const before = await this.settings.lockedStored(campaignId);
      const after = await this.settings.update(campaignId, request);
      if (HAZARD_OUTCOMES.every((outcome) => before.fields[outcome] === after.fields[outcome])) return after;
      for (let last = ''; ; ) {
        const page = await this.hazards.find({ where: { campaignId, id: MoreThan(last) }, select: ['id'], order: { id: 'ASC' }, take: RECOUNT_BATCH });
        for (const { id } of page) await this.recount(id);
        if (page.length < RECOUNT_BATCH) return after;
        last = page[page.length - 1].id;
      }
    });
  }

  // --- rectification by the responsible unit ---------------------------------------------------

  /** A page of the rectifications assigned to the unit in the campaign: overdue first, then by due day. */
  async listRectifications(campaignId: string, unitId: string, query: PageQuery): Promise<Page<RectificationCaseDto>> {
    const { page, size, skip } = pageWindow(query);
    const { zeroingDate } = await this.settings.stored(campaignId);
    const overdue = overdueCondition(zeroingDate, this.today());
    const [rows, total] = await this.hazards
      .createQueryBuilder('h')
      .where('h.campaignId = :campaignId AND h.responsibleUnitId = :unitId', { campaignId, unitId })
      .orderBy(`CASE WHEN ${overdue.sql} THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('h.dueDate', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .setParameters(overdue.parameters)
      .offset(skip)
      .limit(size)
      .getManyAndCount();
    return { items: await this.toRectifications(rows), total, page, size };
  }

  async getRectification(id: string): Promise<RectificationCaseDto> {
    const hazard = await this.hazards.findOneBy({ id });
    if (!hazard?.responsibleUnitId) throw ApiException.notFound(RECTIFICATION_NOT_FOUND);
    return (await this.toRectifications([hazard]))[0];
  }

  /** A photo or video of the rectification (an event photo: its metadata kept), attached when the unit reports it done. */
  async uploadRectificationMedia(id: string, request: IncomingMessage): Promise<HazardMediaDto> {
    const hazard = await this.hazards.findOneBy({ id });
    if (!hazard?.responsibleUnitId) throw ApiException.notFound(RECTIFICATION_NOT_FOUND);
    if (hazard.status !== 'rectifying') throw ApiException.conflict(`该隐患当前为“${HAZARD_STATUS_LABELS[hazard.status]}”，不需要上传整改照片`);
    const rules = (await this.campaigns.getEntity(hazard.campaignId)).media;
    const file = await this.media.receiveLoose(request, {
      maxBytes: rules.maxFileSizeMb * MB,
      stripMetadata: false,
      photoFormats: rules.photoFormats,
      videoFormats: rules.videoFormats,
    });
    try {
      const row = this.files.create({ campaignId: hazard.campaignId, hazardId: null, role: 'rectification', ...file, createdAt: this.clock.now() });
      await this.files.createQueryBuilder().insert().values(row).updateEntity(false).execute();
      // Nobody is served it until the rectification holds it.
      return toHazardMediaDto(row, false);
    } catch (error) {
      await this.media.removeStored(storedKeys(file));
      throw error;
    }
  }

  /** The unit reports the rectification done, with its account and photos: the case is rectified. */
  async done(actor: Actor, id: string, request: RectificationDoneRequest): Promise<RectificationCaseDto> {
    const description = request.description.trim();
    const { campaignId } = await this.find(id);
    await this.database.transaction(async () => {
      await this.settings.lockedStored(campaignId);
      const hazard = await this.locked(id);
      this.checkTransition('rectify', hazard);
      await holdMedia(this.files, hazard, 'rectification', request.mediaIds);
      const now = this.clock.now();
      await this.hazards.update({ id }, { status: 'rectified', rectificationText: description, rectifiedAt: now, updatedAt: now });
      await this.record(id, 'rectify', actor.personId, null, now);
      await this.recount(id);
    });
    return this.getRectification(id);
  }

  // --- media -----------------------------------------------------------------------------------

  /**
   * A case's photo or video (or its thumbnail), for a designated handler of its campaign or, once
   * the case is assigned, whoever may see the responsible unit. Anyone else, and a file no case
   * holds, gets the 404 of a missing one, so that ids cannot be confirmed.
   */
  async openMedia(actor: Actor, id: string, variant: 'original' | 'thumbnail'): Promise<Awaited<ReturnType<MediaService['openStored']>>> {
    const file = await this.files.findOneBy({ id });
    const hazard = file?.hazardId ? await this.hazards.findOneBy({ id: file.hazardId }) : null;
    if (!file || !hazard || !(await this.maySeeMedia(actor, hazard))) throw ApiException.notFound(HAZARD_MEDIA_NOT_FOUND);
    const key = variant === 'original' ? file.storageKey : file.thumbnailKey;
    if (!key) throw ApiException.notFound('该文件没有缩略图');
    return this.media.openStored(key, variant === 'original' ? file.mime : 'image/jpeg');
  }

  private async maySeeMedia(actor: Actor, hazard: Hazard): Promise<boolean> {
    if (hazard.responsibleUnitId) {
      const unit = await this.units.find(hazard.responsibleUnitId);
      if (unit && allows(actor, 'hazard.rectify', unit.path)) return true;
    }
    return this.settings.isHandler(hazard.campaignId, actor);
  }

  // --- 隐患清零 ----------------------------------------------------------------------------------

  /**
   * Open, overdue and closed verified hazards counted for the unit itself, its subtree and (a page
   * of) each child's subtree, by the unit they count for: one grouped read over the subtree.
   */
  async counts(campaignId: string, unitId: string, query: PageQuery): Promise<HazardCountsDto> {
    const unit = await this.units.get(unitId);
    const { zeroingDate } = await this.settings.stored(campaignId);
    const overdue = overdueCondition(zeroingDate, this.today());
    const within = this.units.idsWithin([{ path: unit.path, subtree: true }], 'within');
    // Paths hold ids (UUIDs): a child's id is the 36 characters after the unit's path; '' for the unit itself.
    const child = `SUBSTR(au.path, ${unit.path.length + 1}, 36)`;
    const [rows, children] = await Promise.all([
      this.hazards
        .createQueryBuilder('h')
        .innerJoin('h.accountableUnit', 'au')
        .select(child, 'child')
        .addSelect('SUM(CASE WHEN h.status IN (:...overdueOpen) THEN 1 ELSE 0 END)', 'open')
        .addSelect(`SUM(CASE WHEN ${overdue.sql} THEN 1 ELSE 0 END)`, 'overdue')
        .addSelect("SUM(CASE WHEN h.status = 'closed' THEN 1 ELSE 0 END)", 'closed')
        .where('h.campaignId = :campaignId AND h.status IN (:...counted)', { campaignId, counted: COUNTED_STATUSES })
        .andWhere(`h.accountableUnitId IN (${within.sql})`, within.parameters)
        .setParameters(overdue.parameters)
        .groupBy(child)
        .getRawMany<{ child: string | null; open: string | number; overdue: string | number; closed: string | number }>(),
      this.units.list([{ path: unit.path, subtree: true }], { where: { sql: 'u.parentId = :parentId', parameters: { parentId: unit.id } }, ...query }),
    ]);
    const byChild = new Map(rows.map((r) => [r.child ?? '', { open: Number(r.open), overdue: Number(r.overdue), closed: Number(r.closed) }]));
    const subtree = [...byChild.values()].reduce((sum, c) => ({ open: sum.open + c.open, overdue: sum.overdue + c.overdue, closed: sum.closed + c.closed }), NO_COUNTS);
    return {
      zeroingDate,
      unit: byChild.get('') ?? NO_COUNTS,
      subtree,
      children: children.items.map((c) => ({ unit: { id: c.id, name: c.name }, subtree: byChild.get(c.id) ?? NO_COUNTS })),
      childrenTotal: children.total,
    };
  }

  // --- overdue reminders -----------------------------------------------------------------------

  /** The campaigns with cases under rectification. */
  async campaignsRectifying(): Promise<string[]> {
    const rows = await this.hazards.createQueryBuilder('h').select('DISTINCT h.campaignId', 'campaignId').where("h.status = 'rectifying'").getRawMany<{ campaignId: string }>();
    return rows.map((r) => r.campaignId);
  }

  /** The campaign's rectifications under way and overdue on `today`, `size` at a time in id order after `afterId`. */
  async overdueRectifications(campaignId: string, zeroingDate: string | null, today: string, afterId: string, size: number): Promise<Hazard[]> {
    const overdue = overdueCondition(zeroingDate, today);
    return this.hazards
      .createQueryBuilder('h')
      .where("h.campaignId = :campaignId AND h.status = 'rectifying' AND h.id > :afterId", { campaignId, afterId })
      .andWhere(overdue.sql, overdue.parameters)
      .orderBy('h.id', 'ASC')
      .limit(size)
      .getMany();
  }

  /** Those of these cases under rectification now (not reported done), with what tells whether they are overdue and whose. */
  async rectifying(ids: string[]): Promise<Hazard[]> {
    return ids.length
      ? this.hazards.find({ where: { id: In([...new Set(ids)]), status: 'rectifying' }, select: ['id', 'campaignId', 'status', 'responsibleUnitId', 'dueDate'] })
      : [];
  }

  // --- reading ---------------------------------------------------------------------------------

  private async find(id: string): Promise<Hazard> {
    const hazard = await this.hazards.findOneBy({ id });
    if (!hazard) throw ApiException.notFound(HAZARD_NOT_FOUND);
    return hazard;
  }

  private async locked(id: string): Promise<Hazard> {
    const hazard = await this.database.locked(Hazard, id);
    if (!hazard) throw ApiException.notFound(HAZARD_NOT_FOUND);
    return hazard;
  }

  private async record(hazardId: string, action: HazardEvent['action'], byId: string, comment: string | null, at: Date): Promise<void> {
    await this.events.insert(this.events.create({ hazardId, action, byId, comment, at }));
  }

  /** The units the cases name (concerned, responsible), by id. */
  private async unitsOf(hazards: Hazard[]): Promise<Map<string, Unit>> {
    const ids = hazards.flatMap((h) => [h.unitId, h.responsibleUnitId]).filter((id): id is string => id !== null);
    return new Map((await this.units.findMany([...new Set(ids)])).map((u) => [u.id, u]));
  }

  /** The cases' photos and videos, by case, oldest first. */
  private async mediaOf(hazardIds: string[]): Promise<Map<string, HazardMedia[]>> {
    const rows = hazardIds.length ? await this.files.find({ where: { hazardId: In(hazardIds) }, order: { createdAt: 'ASC', id: 'ASC' } }) : [];
    const found = new Map<string, HazardMedia[]>();
    for (const m of rows) found.set(m.hazardId as string, [...(found.get(m.hazardId as string) ?? []), m]);
    return found;
  }

  /** What a case's list row and its full view share. */
  private summaryOf(h: Hazard, units: Map<string, Unit>, zeroingDate: string | null, today: string): Omit<HazardSummaryDto, 'rectification'> {
    return {
      id: h.id,
      campaignId: h.campaignId,
      category: h.category,
      place: h.place,
      unit: h.unitId ? unitRef(h.unitId, units) : null,
      description: h.description,
      anonymous: h.anonymous,
      status: h.status,
      reason: h.reason,
      reward: rewardOf(h),
      typical: isHazardVerified(h.status) && h.typical ? { link: h.typicalLink } : null,
      overdue: isHazardOverdue(h, zeroingDate, today),
      createdAt: h.createdAt.toISOString(),
      updatedAt: h.updatedAt.toISOString(),
    };
  }

  private rectificationOf(h: Hazard, units: Map<string, Unit>, media: HazardMedia[]): RectificationDto | null {
    if (!h.responsibleUnitId || !h.dueDate) return null;
    return {
      unit: unitRef(h.responsibleUnitId, units),
      dueDate: h.dueDate,
      requirement: h.requirement,
      description: h.rectificationText,
      media: media.filter((m) => m.role === 'rectification').map((m) => toHazardMediaDto(m, true)),
      doneAt: h.rectifiedAt?.toISOString() ?? null,
    };
  }

  private async toCase(h: Hazard): Promise<HazardCaseDto> {
    const [{ zeroingDate }, units, media, messages, events] = await Promise.all([
      this.settings.stored(h.campaignId),
      this.unitsOf([h]),
      this.mediaOf([h.id]),
      this.messages.find({ where: { hazardId: h.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.events.find({ where: { hazardId: h.id }, order: { at: 'ASC', id: 'ASC' } }),
    ]);
    const names = new Map((await this.people.findMany([...new Set(events.map((e) => e.byId))])).map((p) => [p.id, p.displayName]));
    const files = media.get(h.id) ?? [];
    return {
      ...this.summaryOf(h, units, zeroingDate, this.today()),
      location:
        h.latitudeE6 !== null && h.longitudeE6 !== null
          ? { latitude: h.latitudeE6 / E6, longitude: h.longitudeE6 / E6, ...(h.address ? { address: h.address } : {}) }
          : null,
      media: files.filter((m) => m.role === 'evidence').map((m) => toHazardMediaDto(m, true)),
      rectification: this.rectificationOf(h, units, files),
      messages: messages.map(toMessageDto),
      // The submission is the case's own row (the reporter is never named); the steps are the handlers' and the unit's.
      history: [
        { action: 'submit', byName: null, comment: null, at: h.createdAt.toISOString() },
        ...events.map((e) => ({ action: e.action, byName: names.get(e.byId) ?? '（已删除的用户）', comment: e.comment, at: e.at.toISOString() })),
      ],
    };
  }

  /** Assigned cases as the responsible unit sees them: the case, its rectification, the last reopening's comment; never the reporter. */
  private async toRectifications(rows: Hazard[]): Promise<RectificationCaseDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((h) => h.id);
    const [settings, units, media, reopenings] = await Promise.all([
      this.settings.storedMany([...new Set(rows.map((h) => h.campaignId))]),
      this.unitsOf(rows),
      this.mediaOf(ids),
      this.events.find({ where: { hazardId: In(ids), action: 'reopen' }, order: { at: 'ASC', id: 'ASC' }, select: ['hazardId', 'comment'] }),
    ]);
    const comments = new Map(reopenings.map((e) => [e.hazardId, e.comment]));
    const today = this.today();
    return rows.map((h) => {
      const files = media.get(h.id) ?? [];
      return {
        id: h.id,
        campaignId: h.campaignId,
        category: h.category,
        place: h.place,
        description: h.description,
        status: h.status,
        media: files.filter((m) => m.role === 'evidence').map((m) => toHazardMediaDto(m, true)),
        rectification: this.rectificationOf(h, units, files) as RectificationDto,
        overdue: isHazardOverdue(h, settings.get(h.campaignId)?.zeroingDate ?? null, today),
        comment: comments.get(h.id) ?? null,
      };
    });
  }
}
