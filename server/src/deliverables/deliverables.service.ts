import { HttpStatus, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import {
  CampaignDto,
  chinaDay,
  deadlineInstances,
  DeliverableDto,
  DeliverableKind,
  DeliverableStatusDto,
  DocumentDto,
  ErrorCode,
  ErrorDetail,
  formatChinaDate,
  HandInAction,
  HandInDto,
  HandInRequest,
  instanceCompleteness,
  instanceStatus,
  InstanceStatus,
  MissingUnitDto,
  Page,
  PAGE_LIMITS,
  PageQuery,
  pageWindow,
  UnitSummary,
} from '@safemonth/shared';
import { Actor } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { isUniqueViolation } from '../database/errors';
import { LiaisonsService } from '../liaisons/liaisons.service';
import { MediaService } from '../media/media.service';
import { PeopleService } from '../people/people.service';
import { ReportsService } from '../reports/reports.service';
import type { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { HandIn, HandInEvent } from './hand-in.entity';

/** One instance of one of the campaign's deliverables. */
interface Instance {
  deliverable: DeliverableDto;
  periodKey: string;
  opensAt: string;
  dueAt: string;
}

/** A participating unit and when it became expected to hand in. */
interface Participant {
  unit: Unit;
  expectedSince: string;
}

/** The deliverables whose hand-ins may pick the period's accepted reports: materials of a week or a month. */
const TAKES_REPORTS: DeliverableKind[] = ['weekly_materials', 'monthly_report'];

const unprocessable = (message: string, field: string, detail = message) =>
  new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, message, [{ field, message: detail }]);

const toSummary = (unit: Unit): UnitSummary => ({ id: unit.id, name: unit.name, kind: unit.kind });
const handInKey = (deliverableId: string, periodKey: string, unitId: string) => `${deliverableId}/${periodKey}/${unitId}`;

/**
 * Deliverable hand-ins (材料报送): a unit's liaison hands in an instance of a deliverable (text,
 * documents, and for weekly or monthly materials the period's accepted reports); the committee over
 * the unit accepts it or returns it with a comment, and the liaison hands it in again. Each
 * (unit, instance) has a status by the shared rule (`instanceStatus`): on time or late by the
 * server's clock when the latest hand-in committed, against the instance's due instant.
 *
 * Who is expected: the units the campaign's participating roots cover (or the organizer's subtree),
 * but the organizing unit itself, which collects. A unit is expected from when it existed and the
 * campaign was published, whichever is later (`expectedSince`): a unit created midway (under a
 * participating root) is not asked for instances that fell due before it, and nobody for those
 * that fell due before publication. The campaign keeps no history of its participating list, so a
 * root added to it later, or a unit moved in, counts as taking part from that same moment.
 */
@Injectable()
export class DeliverablesService {
  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly reports: ReportsService,
    private readonly media: MediaService,
    private readonly liaisons: LiaisonsService,
    private readonly clock: Clock,
  ) {}

  private get handIns() {
    return this.database.repository(HandIn);
  }

  private get events() {
    return this.database.repository(HandInEvent);
  }

  /** Receives a document for a hand-in of the unit (attached when the hand-in names it). */
  async uploadDocument(campaignId: string, unitId: string, personId: string, request: IncomingMessage): Promise<DocumentDto> {
    return this.media.documentDto(await this.media.uploadDocument(campaignId, unitId, personId, request));
  }

  /**
   * Hands in an instance for the unit, or hands it in again (after a return, or to replace what
   * waits for review): the arrival time is the server's clock as the hand-in commits. An accepted
   * hand-in stays as it is.
   */
  async submit(actor: Actor, request: HandInRequest): Promise<HandInDto> {
    const { campaign, unit } = await this.campaigns.openFor(request.campaignId, request.unitId, '报送材料');
    if (unit.id === campaign.organizingUnitId) throw unprocessable('组织单位无需向本活动报送材料', 'unitId', '组织单位无需报送');
    const { instance } = await this.instance(actor, request.campaignId, request.deliverableId, request.periodKey, 'body');
    if (this.clock.now().getTime() < Date.parse(instance.opensAt)) {
      throw unprocessable(`本期材料自${formatChinaDate(chinaDay(new Date(instance.opensAt)))}起才能报送`, 'periodKey', '本期尚未开始');
    }
    const text = request.text.trim();
    const reportIds = [...new Set(request.reportIds)];
    if (!text && request.documentIds.length === 0 && reportIds.length === 0) {
      throw ApiException.badRequest('请填写说明、上传文档或选择活动报告', [{ field: 'text', message: '报送内容不能为空' }]);
    }
    await this.checkReports(reportIds, request, instance);

    const write = () =>
      this.database.transaction(async () => {
        const where = { deliverableId: request.deliverableId, periodKey: request.periodKey, unitId: unit.id };
        const existing = await this.handIns.findOneBy(where);
        const current = existing && (await this.database.locked(HandIn, existing.id));
        // Taken as late as possible before the commit: it decides on time or late.
        const arrivedAt = this.clock.now();
        if (current) {
          if (current.state === 'accepted') throw ApiException.conflict('本期材料已通过审核，不能再修改');
          await this.handIns.update({ id: current.id }, { text, reportIds, state: 'submitted', arrivedAt });
          await this.media.detachDocuments(current.id);
          await this.media.attachDocuments(request.documentIds, current.id, unit.id, campaign.id);
          await this.record(current.id, 'resubmitted', actor.personId, null, arrivedAt);
          return current.id;
        }
        const made = this.handIns.create({ ...where, campaignId: campaign.id, text, reportIds, state: 'submitted', arrivedAt, createdAt: arrivedAt, updatedAt: arrivedAt });
        await this.handIns.createQueryBuilder().insert().values(made).updateEntity(false).execute();
        await this.media.attachDocuments(request.documentIds, made.id, unit.id, campaign.id);
        await this.record(made.id, 'submitted', actor.personId, null, arrivedAt);
        return made.id;
      });
    let id: string;
    try {
      id = await write();
    } catch (error) {
      // The same instance handed in at the same moment by another request: this one comes after it.
      if (!isUniqueViolation(error)) throw error;
      id = await write();
    }
    return this.get(actor, request.campaignId, unit.id, request.deliverableId, request.periodKey, id);
  }

  /** Accepts a hand-in waiting for review, or returns it (with a comment) to be handed in again. An accepted one stays accepted. */
  async review(
    actor: Actor,
    where: { campaignId: string; unitId: string; deliverableId: string; periodKey: string },
    action: 'accept' | 'return',
    comment?: string,
  ): Promise<HandInDto> {
    const note = comment?.trim() || null;
    if (action === 'return' && !note) throw ApiException.badRequest('退回时请填写修改意见', [{ field: 'comment', message: '请填写修改意见' }]);
    const found = await this.handIns.findOneBy(where);
    if (!found) throw ApiException.notFound('该单位尚未报送本期材料');
    await this.database.transaction(async () => {
      const current = (await this.database.locked(HandIn, found.id)) as HandIn;
      if (current.state === 'accepted') throw ApiException.conflict(action === 'accept' ? '本期材料已经通过' : '已通过的材料不能退回');
      if (current.state === 'returned') throw ApiException.conflict(action === 'accept' ? '本期材料已退回，等待重新报送' : '本期材料已经退回');
      const state = action === 'accept' ? 'accepted' : 'returned';
      await this.handIns.update({ id: current.id }, { state });
      await this.record(current.id, state, actor.personId, note);
    });
    return this.get(actor, where.campaignId, where.unitId, where.deliverableId, where.periodKey, found.id);
  }

  /** A unit's hand-in of an instance, with its documents, reports, history and status now. */
  async get(actor: Actor, campaignId: string, unitId: string, deliverableId: string, periodKey: string, id?: string): Promise<HandInDto> {
    const { campaign, instance } = await this.instance(actor, campaignId, deliverableId, periodKey, 'path');
    const handIn = await this.handIns.findOneBy(id ? { id } : { campaignId, unitId, deliverableId, periodKey });
    if (!handIn) throw ApiException.notFound('该单位尚未报送本期材料');
    const unit = await this.units.get(handIn.unitId);
    const [events, documents, reports] = await Promise.all([
      this.events.find({ where: { handInId: handIn.id }, order: { position: 'ASC' } }),
      this.media.documentsOf([handIn.id]),
      this.reportsOf(handIn.reportIds),
    ]);
    const people = new Map((await this.people.findMany([...new Set(events.map((e) => e.byId).filter((x): x is string => !!x))])).map((p) => [p.id, p]));
    return {
      id: handIn.id,
      campaignId: handIn.campaignId,
      deliverableId: handIn.deliverableId,
      periodKey: handIn.periodKey,
      unit: toSummary(unit),
      text: handIn.text,
      documents: documents.get(handIn.id) ?? [],
      reports,
      state: handIn.state,
      arrivedAt: handIn.arrivedAt.toISOString(),
      dueAt: instance.dueAt,
      status: instanceStatus(instance.dueAt, { arrivedAt: handIn.arrivedAt.toISOString(), state: handIn.state }, this.clock.now().getTime(), expectedSince(unit, campaign)),
      history: events.map((e) => ({
        action: e.action,
        by: e.byId ? { id: e.byId, displayName: people.get(e.byId)?.displayName ?? '（已删除的用户）' } : null,
        at: e.at.toISOString(),
        comment: e.comment,
      })),
    };
  }

  /**
   * Completeness of the subtree of `unitId` across all instances of the campaign's deliverables:
   * per instance the counts and rates over the expected units (the shared `instanceCompleteness`),
   * and a page of the units (in tree order) with their statuses across the instances.
   */
  async status(actor: Actor, campaignId: string, unitId: string, query: PageQuery): Promise<DeliverableStatusDto> {
    const { page, size, skip } = pageWindow(query);
    const { statuses, instances, participants, subtree } = await this.matrix(actor, campaignId, unitId);
    return {
      campaignId,
      unit: toSummary(subtree),
      asOf: this.clock.now().toISOString(),
      instances: instances.map((instance, i) => ({
        deliverableId: instance.deliverable.id,
        title: instance.deliverable.title,
        kind: instance.deliverable.kind,
        periodKey: instance.periodKey,
        opensAt: instance.opensAt,
        dueAt: instance.dueAt,
        completeness: instanceCompleteness(statuses.map((row) => row[i])),
      })),
      units: {
        items: participants.slice(skip, skip + size).map((p, i) => ({ unit: toSummary(p.unit), expectedSince: p.expectedSince, statuses: statuses[skip + i] })),
        total: participants.length,
        page,
        size,
      },
    };
  }

  /** The units of the subtree that have not handed in an instance (missing, or returned), in tree order, with their liaisons' names and phones. */
  async missing(actor: Actor, campaignId: string, deliverableId: string, periodKey: string, unitId: string, query: PageQuery): Promise<Page<MissingUnitDto>> {
    const { page, size, skip } = pageWindow(query);
    const { statuses, instances, participants } = await this.matrix(actor, campaignId, unitId);
    const column = instances.findIndex((i) => i.deliverable.id === deliverableId && i.periodKey === periodKey);
    if (column < 0) throw ApiException.notFound('报送材料或期次不存在');
    const behind = participants.flatMap((p, row) => {
      const status = statuses[row][column];
      return status === 'missing' || status === 'returned' ? [{ unit: p.unit, status }] : [];
    });
    const shown = behind.slice(skip, skip + size);
    const contacts = await this.liaisons.contacts(campaignId, shown.map((m) => m.unit.id));
    return {
      items: shown.map((m) => ({ unit: toSummary(m.unit), status: m.status, liaisons: contacts.get(m.unit.id) ?? [] })),
      total: behind.length,
      page,
      size,
    };
  }

  /** Every participating unit of the subtree × every instance, with its status now. */
  private async matrix(actor: Actor, campaignId: string, unitId: string) {
    const campaign = await this.campaigns.get(campaignId, actor);
    const subtree = await this.units.get(unitId);
    const instances = instancesOf(campaign);
    const [participants, handIns] = await Promise.all([this.participants(campaign, subtree), this.handInsWithin(campaignId, subtree)]);
    const latest = new Map(handIns.map((h) => [handInKey(h.deliverableId, h.periodKey, h.unitId), h]));
    const now = this.clock.now().getTime();
    const statuses: InstanceStatus[][] = participants.map(({ unit, expectedSince }) =>
      instances.map((instance) => {
        const handIn = latest.get(handInKey(instance.deliverable.id, instance.periodKey, unit.id));
        return instanceStatus(instance.dueAt, handIn && { arrivedAt: handIn.arrivedAt.toISOString(), state: handIn.state }, now, expectedSince);
      }),
    );
    return { statuses, instances, participants, subtree };
  }

  /** The units of the subtree that take part in the campaign (the organizer excepted), in tree order. */
  private async participants(campaign: CampaignDto, subtree: Unit): Promise<Participant[]> {
    const roots = await this.units.findMany(campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnit.id]);
    const scopes = roots.map((root) => ({ path: root.path, subtree: true }));
    const units: Unit[] = [];
    for (let page = 1; ; page++) {
      const found = await this.units.list(scopes, { within: subtree.path, page, size: PAGE_LIMITS.maxSize });
      units.push(...found.items);
      if (found.items.length < PAGE_LIMITS.maxSize || units.length >= found.total) break;
    }
    return units.filter((u) => u.id !== campaign.organizingUnit.id).map((unit) => ({ unit, expectedSince: expectedSince(unit, campaign) }));
  }

  private async handInsWithin(campaignId: string, subtree: Unit): Promise<Pick<HandIn, 'deliverableId' | 'periodKey' | 'unitId' | 'state' | 'arrivedAt'>[]> {
    const within = this.units.idsWithin([{ path: subtree.path, subtree: true }], 'within');
    return this.handIns
      .createQueryBuilder('h')
      .select(['h.deliverableId', 'h.periodKey', 'h.unitId', 'h.state', 'h.arrivedAt'])
      .where('h.campaignId = :campaignId', { campaignId })
      .andWhere(`h.unitId IN (${within.sql})`, within.parameters)
      .getMany();
  }

  /** The deliverable's instance named by `periodKey`; refused as input (`body`) or missing (`path`) when there is none. */
  private async instance(actor: Actor, campaignId: string, deliverableId: string, periodKey: string, from: 'body' | 'path') {
    const campaign = await this.campaigns.get(campaignId, actor);
    const deliverable = campaign.deliverables.find((d) => d.id === deliverableId);
    const instance = deliverable && instancesOf({ ...campaign, deliverables: [deliverable] }).find((i) => i.periodKey === periodKey);
    if (instance) return { campaign, instance };
    const message = deliverable ? '报送期次不属于该材料' : '报送材料不属于本活动';
    if (from === 'path') throw ApiException.notFound(message);
    throw ApiException.badRequest(message, [{ field: deliverable ? 'periodKey' : 'deliverableId', message }]);
  }

  /**
   * The reports a hand-in picks: only for weekly and monthly materials, each an accepted report of
   * the unit in the campaign whose activity starts within the instance's period.
   */
  private async checkReports(reportIds: string[], request: HandInRequest, instance: Instance): Promise<void> {
    if (reportIds.length === 0) return;
    if (!TAKES_REPORTS.includes(instance.deliverable.kind)) {
      throw ApiException.badRequest('只有每周活动材料和月度报告可以附活动报告', [{ field: 'reportIds', message: '该材料不附活动报告' }]);
    }
    const [opens, due] = [Date.parse(instance.opensAt), Date.parse(instance.dueAt)];
    const problems: ErrorDetail[] = [];
    for (const [i, reportId] of request.reportIds.entries()) {
      const report = await this.reports.get(reportId).catch(() => null);
      const field = `reportIds.${i}`;
      if (!report || report.campaignId !== request.campaignId || report.unitId !== request.unitId) {
        problems.push({ field, message: '活动报告不存在，或不是本单位本活动的' });
      } else if (report.status !== 'accepted') {
        problems.push({ field, message: '只能选择已通过审核的活动报告' });
      } else if (report.startAt.getTime() < opens || report.startAt.getTime() >= due) {
        problems.push({ field, message: '活动报告不在本期时间范围内' });
      }
    }
    if (problems.length) throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, `活动报告有误：${problems[0].message}`, problems);
  }

  /** The picked reports as they are now (a report removed since is left out). */
  private async reportsOf(reportIds: string[]): Promise<HandInDto['reports']> {
    const found = await Promise.all(reportIds.map((id) => this.reports.get(id).catch(() => null)));
    return found.flatMap((r) => (r ? [{ id: r.id, title: r.title, startAt: r.startAt.toISOString() }] : []));
  }

  /** Adds a step to the hand-in's history; called under the hand-in's lock (or as it is made), so positions do not collide. */
  private async record(handInId: string, action: HandInAction, byId: string, comment: string | null, at = this.clock.now()): Promise<void> {
    const position = await this.events.countBy({ handInId });
    await this.events.createQueryBuilder().insert().values(this.events.create({ handInId, position, action, byId, comment, at })).updateEntity(false).execute();
  }
}

/** Every instance of the campaign's deliverables, deliverable by deliverable (in their order), each in time order. */
function instancesOf(campaign: Pick<CampaignDto, 'deliverables'>): Instance[] {
  return campaign.deliverables.flatMap((deliverable) => deadlineInstances(deliverable.rule).map((i) => ({ deliverable, ...i })));
}

/** From when the unit is asked to hand in: when it was created or the campaign published, whichever is later. */
function expectedSince(unit: Unit, campaign: Pick<CampaignDto, 'publishedAt'>): string {
  const published = campaign.publishedAt ? Date.parse(campaign.publishedAt) : 0;
  return new Date(Math.max(unit.createdAt.getTime(), published)).toISOString();
}
