import { HttpStatus, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import {
  chinaDay,
  completenessFromTally,
  completenessOf,
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
  HandInState,
  instanceStatus,
  MissingUnitDto,
  Page,
  PageQuery,
  pageWindow,
  UnitRankingDto,
  UnitSummary,
} from '@safemonth/shared';
import { In } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Actor } from '../auth/policy';
import { CampaignDetail, CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { newId } from '../common/columns';
import { isEmbedded } from '../database/data-source';
import { Database } from '../database/database.service';
import { isUniqueViolation } from '../database/errors';
import { FirstSave, LiaisonsService } from '../liaisons/liaisons.service';
import { MediaService } from '../media/media.service';
import { PeopleService } from '../people/people.service';
import { ReportsService } from '../reports/reports.service';
import type { Unit } from '../units/unit.entity';
import { idsOnPath, UnitFilter, UnitScope, UnitsService } from '../units/units.service';
import { HandIn, HandInEvent, HandInTally } from './hand-in.entity';

/** One instance of one of the campaign's deliverables. */
interface Instance {
  deliverable: DeliverableDto;
  periodKey: string;
  opensAt: string;
  dueAt: string;
}

/** What a hand-in counts as in its instance's tallies. */
type Tallied = 'onTime' | 'late' | 'returned';

type TallyCounts = Record<Tallied, number>;

/** A row of tallies to add to (inserted when missing). */
interface TallyRow extends TallyCounts {
  campaignId: string;
  deliverableId: string;
  periodKey: string;
  unitId: string;
  dueAt: Date;
}

/**
 * The part of a subtree that takes part in a campaign: the participating roots' scopes, narrowed to
 * the subtree and without the organizing unit (which collects), and the campaign's instances.
 */
interface Scope {
  campaign: CampaignDetail;
  subtree: Unit;
  instances: Instance[];
  roots: Unit[];
  scopes: UnitScope[];
  filter: UnitFilter;
}

/** Deliverables handed in through their own forms (the liaison form, the statistics table), never as materials. */
const FORM_KINDS: DeliverableKind[] = ['liaison_form', 'statistics_table'];

/** Told, inside the reviewing transaction, that the committee returned a hand-in of materials (with its comment). */
export type HandInReturned = (change: {
  campaignId: string;
  unitId: string;
  deliverable: { id: string; title: string };
  periodKey: string;
  /** The instance's due instant (ISO). */
  dueAt: string;
  handInId: string;
  /** The return's place in the hand-in's history. */
  position: number;
  reviewerId: string;
  comment: string;
}) => Promise<void>;

/** Saved liaison forms counted per page by `countSavedLiaisonForms`. */
const SAVED_FORMS_PAGE = 500;

/** The deliverables whose hand-ins may pick the period's accepted reports: materials of a week or a month. */
const TAKES_REPORTS: DeliverableKind[] = ['weekly_materials', 'monthly_report'];

const unprocessable = (message: string, field: string, detail = message) =>
  new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, message, [{ field, message: detail }]);

const toSummary = (unit: Unit): UnitSummary => ({ id: unit.id, name: unit.name, kind: unit.kind });
const instanceKey = (x: { deliverableId: string; periodKey: string }) => `${x.deliverableId}/${x.periodKey}`;
const keyOf = (instance: Instance) => `${instance.deliverable.id}/${instance.periodKey}`;
const noTally = (): TallyCounts => ({ onTime: 0, late: 0, returned: 0 });
const sumTallies = (parts: TallyCounts[]): TallyCounts =>
  parts.reduce((sum, p) => ({ onTime: sum.onTime + p.onTime, late: sum.late + p.late, returned: sum.returned + p.returned }), noTally());

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
 *
 * Completeness stays cheap however large the tree: per instance and unit, `hand_in_tally` counts
 * the hand-ins of the unit's subtree on time, late and returned, kept for the unit and each
 * ancestor in the transaction of each hand-in and return (under a share of the tree's lock, rows
 * in one order, as the statistics' sums) and shifted by a move. An instance's completeness over a
 * subtree is then those rows plus one count of the expected units along the path index; only a
 * page of units reads its own hand-ins.
 */
@Injectable()
export class DeliverablesService {
  private readonly returnedListeners: HandInReturned[] = [];

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

  /** Registers a listener of hand-ins returned (the unit's liaisons are told). */
  onReturned(listener: HandInReturned): void {
    this.returnedListeners.push(listener);
  }

  private get handIns() {
    return this.database.repository(HandIn);
  }

  private get events() {
    return this.database.repository(HandInEvent);
  }

  private get tallies() {
    return this.database.repository(HandInTally);
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
    const { campaign: dto, instance } = await this.instance(actor, request.campaignId, request.deliverableId, request.periodKey, 'body');
    if (FORM_KINDS.includes(instance.deliverable.kind)) {
      const where = instance.deliverable.kind === 'liaison_form' ? '请填写联络员信息表' : '请在“本单位”页面报送统计表';
      throw unprocessable(`${instance.deliverable.title}不在这里报送：${where}`, 'deliverableId', where);
    }
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
        // The tree's share lock first, as every change to tallies: the unit's ancestors hold till the commit.
        const placed = await this.units.lockedInTree(unit.id);
        const where = { deliverableId: request.deliverableId, periodKey: request.periodKey, unitId: unit.id };
        const existing = await this.handIns.findOneBy(where);
        const current = existing && (await this.database.locked(HandIn, existing.id));
        // Taken as late as possible before the commit: it decides on time or late.
        const arrivedAt = this.clock.now();
        if (current?.state === 'accepted') throw ApiException.conflict('本期材料已通过审核，不能再修改');
        const since = expectedSince(placed, dto);
        await this.addToTallies(dto.id, instance, placed, tallied(instance, current, since), tallied(instance, { arrivedAt, state: 'submitted' }, since));
        if (current) {
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

  /**
   * The liaison form and the statistics table are handed in through their own forms: saving the
   * form, and handing in the table and its review, count as the hand-in of the campaign's
   * deliverables of that kind, in the source's transaction (its tallies with it). A hand-in goes to
   * the instance falling due next, or the last one once all are due; a review, and a hand-in after a
   * return, to the latest hand-in's.
   * The liaison form needs no review: it counts as accepted when first saved, and saving it again
   * changes nothing. `at`: when it happened, now unless told (see `countSavedLiaisonForms`).
   */
  async handedInByForm(
    kind: 'liaison_form' | 'statistics_table',
    change: { campaignId: string; unitId: string; personId: string; state: HandInState; comment?: string | null; at?: Date },
  ): Promise<void> {
    const campaign = await this.campaigns.get(change.campaignId, { personId: change.personId, displayName: '', memberships: [] });
    if (change.unitId === campaign.organizingUnit.id) return;
    const now = change.at ?? this.clock.now();
    for (const deliverable of campaign.deliverables.filter((d) => d.kind === kind)) {
      const instances = instancesOf({ deliverables: [deliverable] });
      const placed = await this.units.lockedInTree(change.unitId);
      const latest = await this.handIns.findOne({ where: { deliverableId: deliverable.id, unitId: change.unitId }, order: { arrivedAt: 'DESC' } });
      const next = instances.find((i) => Date.parse(i.dueAt) > now.getTime()) ?? instances.at(-1);
      // A table handed in again after a return answers the instance it was returned in.
      const resubmitting = kind === 'statistics_table' && change.state === 'submitted' && latest?.state === 'returned';
      const instance =
        kind === 'liaison_form' || (change.state === 'submitted' && !resubmitting) ? next : instances.find((i) => i.periodKey === latest?.periodKey);
      if (!instance) continue;
      const existing = await this.handIns.findOneBy({ deliverableId: deliverable.id, periodKey: instance.periodKey, unitId: change.unitId });
      const current = existing && (await this.database.locked(HandIn, existing.id));
      if (kind === 'liaison_form' && current) continue;
      if (change.state !== 'submitted' && kind === 'statistics_table' && !current) continue;
      const arrivedAt = change.state === 'submitted' || !current ? now : current.arrivedAt;
      const since = expectedSince(placed, campaign);
      await this.addToTallies(campaign.id, instance, placed, tallied(instance, current, since), tallied(instance, { arrivedAt, state: change.state }, since));
      const text = kind === 'liaison_form' ? '已填写联络员信息表' : '已报送统计表';
      const action: HandInAction = change.state === 'submitted' ? (current ? 'resubmitted' : 'submitted') : change.state;
      if (current) {
        await this.handIns.update({ id: current.id }, { state: change.state, arrivedAt });
        await this.record(current.id, action, change.personId, change.comment ?? null, now);
        continue;
      }
      const made = this.handIns.create({
        campaignId: campaign.id,
        deliverableId: deliverable.id,
        periodKey: instance.periodKey,
        unitId: change.unitId,
        text,
        reportIds: [],
        state: change.state,
        arrivedAt,
        createdAt: now,
        updatedAt: now,
      });
      await this.handIns.createQueryBuilder().insert().values(made).updateEntity(false).execute();
      await this.record(made.id, 'submitted', change.personId, null, now);
      if (change.state === 'accepted') await this.record(made.id, 'accepted', change.personId, null, now);
    }
  }

  /**
   * Counts the saved liaison forms that hold no hand-in of their campaign's liaison form
   * deliverables (of the one campaign, or of all), as a form saved while its campaign had no such
   * deliverable: the unit gets the hand-in (and tallies) that its first saving makes when the
   * deliverable exists, at that saving's instant (the instance then falling due next, on time or
   * late by it); none for a unit that no longer takes part in the campaign, nor for the organizing
   * unit. Run at start, after the migrations, and once a campaign's deliverables are replaced.
   * Idempotent, and safe with several processes at once: each unit is counted in a transaction
   * holding the campaign's lock, as a save does, in which a hand-in made meanwhile is found and
   * kept; the hand-in's unique key refuses a second one all the same.
   *
   * Not a migration: which instance a saving answers and whether it came on time follow the
   * deliverables' deadline rules in China time (`deadlineInstances`), and the tallies go to every
   * ancestor along the unit's path; SQL cannot say that soundly, and a migration calling the app's
   * rules would change with them.
   */
  async countSavedLiaisonForms(campaignId?: string): Promise<void> {
    const forms = await this.campaigns.deliverablesOfKind('liaison_form', campaignId);
    if (forms.length === 0) return;
    // The (campaign, unit) pairs lacking a hand-in of one of their campaign's forms, read in one
    // query a page at a time (NOT EXISTS along the hand-ins' (campaignId, unitId) index).
    const parameters: Record<string, unknown> = {};
    const lacking = forms.map((form, i) => {
      parameters[`formCampaign${i}`] = form.campaignId;
      parameters[`form${i}`] = form.id;
      const handIn = this.handIns.createQueryBuilder('h').select('1').where(`h.campaignId = r.campaignId AND h.unitId = r.unitId AND h.deliverableId = :form${i}`);
      return `(r.campaignId = :formCampaign${i} AND NOT EXISTS (${handIn.getQuery()}))`;
    });
    const where = { sql: `(${lacking.join(' OR ')})`, parameters };
    // A unit skipped stays lacking: the cursor, not the condition, moves past it.
    let after: FirstSave | undefined;
    for (;;) {
      const saves = await this.liaisons.firstSaves({ where, after, size: SAVED_FORMS_PAGE });
      for (const save of saves) {
        try {
          await this.database.transaction(async () => {
            const campaign = await this.campaigns.locked(save.campaignId);
            if (!this.campaigns.participates(campaign, (await this.units.get(save.unitId)).path)) return;
            await this.handedInByForm('liaison_form', { campaignId: save.campaignId, unitId: save.unitId, personId: save.personId, state: 'accepted', at: save.savedAt });
          });
        } catch (error) {
          // Another process counted it first.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      if (saves.length < SAVED_FORMS_PAGE) return;
      after = saves.at(-1);
    }
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
    const { campaign, instance } = await this.instance(actor, where.campaignId, where.deliverableId, where.periodKey, 'path');
    if (FORM_KINDS.includes(instance.deliverable.kind)) {
      throw unprocessable(
        instance.deliverable.kind === 'liaison_form' ? '联络员信息表无需审核' : '统计表请在“统计”页面审核',
        'deliverableId',
        '不在这里审核',
      );
    }
    await this.database.transaction(async () => {
      const placed = await this.units.lockedInTree(found.unitId);
      const current = (await this.database.locked(HandIn, found.id)) as HandIn;
      if (current.state === 'accepted') throw ApiException.conflict(action === 'accept' ? '本期材料已经通过' : '已通过的材料不能退回');
      if (current.state === 'returned') throw ApiException.conflict(action === 'accept' ? '本期材料已退回，等待重新报送' : '本期材料已经退回');
      const state = action === 'accept' ? 'accepted' : 'returned';
      const since = expectedSince(placed, campaign);
      await this.addToTallies(campaign.id, instance, placed, tallied(instance, current, since), tallied(instance, { ...current, state }, since));
      await this.handIns.update({ id: current.id }, { state });
      const position = await this.record(current.id, state, actor.personId, note);
      if (state !== 'returned' || !note) return;
      const deliverable = { id: instance.deliverable.id, title: instance.deliverable.title };
      for (const listener of this.returnedListeners) {
        await listener({ campaignId: campaign.id, unitId: current.unitId, deliverable, periodKey: current.periodKey, dueAt: instance.dueAt, handInId: current.id, position, reviewerId: actor.personId, comment: note });
      }
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
   * per instance the counts and rates over the expected units (from the tallies and one count of
   * the expected units), and a page of the units (in tree order) with their statuses across the
   * instances (from that page's hand-ins only).
   */
  async status(actor: Actor, campaignId: string, unitId: string, query: PageQuery): Promise<DeliverableStatusDto> {
    const scope = await this.scope(actor, campaignId, unitId);
    return this.statusOf(scope, this.units.list(scope.scopes, { ...scope.filter, ...query }));
  }

  /**
   * `status` with its units a page at a time by a cursor rather than a page number: the `size` after
   * the unit at path `after` in tree order (from the first without), with the cursor of the page
   * after (null after the last), and `units.total` counting the units from `after` on. For a reader
   * that goes through them all (an export): units added or removed meanwhile shift none of the
   * others onto a page read already or past the next one.
   */
  async statusAfter(actor: Actor, campaignId: string, unitId: string, after: string | undefined, size: number): Promise<{ status: DeliverableStatusDto; next: string | null }> {
    const scope = await this.scope(actor, campaignId, unitId);
    const units = this.units.list(scope.scopes, { ...scope.filter, after, size });
    const status = await this.statusOf(scope, units);
    const { items } = await units;
    return { status, next: items.length === size ? (items.at(-1) as Unit).path : null };
  }

  /** The status of the scope with a page of its units, read alongside the counts. */
  private async statusOf(scope: Scope, page: Promise<Page<Unit>>): Promise<DeliverableStatusDto> {
    const { campaign, instances, subtree } = scope;
    const now = this.clock.now().getTime();
    const [expected, tallies, units] = await Promise.all([
      this.expected(scope, instances),
      this.talliesOf(scope, tallyUnits(subtree.path, scope.roots), instances),
      page,
    ]);
    const statuses = await this.statusesOf(campaign, instances, units.items, now);
    return {
      campaignId: campaign.id,
      unit: toSummary(subtree),
      asOf: new Date(now).toISOString(),
      instances: instances.map((instance, i) => ({
        deliverableId: instance.deliverable.id,
        title: instance.deliverable.title,
        kind: instance.deliverable.kind,
        periodKey: instance.periodKey,
        opensAt: instance.opensAt,
        dueAt: instance.dueAt,
        completeness: completenessFromTally(instance.dueAt, expected.get('')?.[i] ?? 0, tallies.get(keyOf(instance)) ?? noTally(), now),
      })),
      units: {
        ...units,
        items: units.items.map((unit, row) => ({ unit: toSummary(unit), expectedSince: expectedSince(unit, campaign), statuses: statuses[row] })),
      },
    };
  }

  /**
   * The units of the subtree that have not handed in an instance (missing, or returned), in tree
   * order, with their liaisons' names and phones: one query for the page, NOT EXISTS on hand-ins.
   */
  async missing(actor: Actor, campaignId: string, deliverableId: string, periodKey: string, unitId: string, query: PageQuery): Promise<Page<MissingUnitDto>> {
    const { page, size } = pageWindow(query);
    const scope = await this.scope(actor, campaignId, unitId);
    const instance = scope.instances.find((i) => i.deliverable.id === deliverableId && i.periodKey === periodKey);
    if (!instance) throw ApiException.notFound('报送材料或期次不存在');
    // From the due instant a unit is behind unless it holds a hand-in not returned; before it, only when returned.
    const dueNow = this.clock.now().getTime() >= Date.parse(instance.dueAt);
    const { found, returned } = await this.behind(scope, instance, dueNow, { page, size });
    const contacts = await this.liaisons.contacts(campaignId, found.items.map((u) => u.id));
    return {
      ...found,
      items: found.items.map((unit) => ({ unit: toSummary(unit), status: returned.has(unit.id) ? 'returned' : 'missing', liaisons: contacts.get(unit.id) ?? [] })),
    };
  }

  /**
   * The units of the subtree of `unitId` (default: the whole campaign) that owe an instance now,
   * i.e. are expected for it and hold no hand-in of it but a returned one (missing or returned from
   * its due instant on, not handed in yet before it), in tree order, `size` at a time; each page is
   * read when asked for, so units handing in meanwhile drop out. Nothing when the campaign no
   * longer has the instance. What reminders are decided for.
   */
  async *owing(campaignId: string, deliverableId: string, periodKey: string, options: { unitId?: string; size: number }): AsyncGenerator<{ unit: UnitSummary; returned: boolean }[]> {
    const unitId = options.unitId ?? (await this.campaigns.getEntity(campaignId)).organizingUnitId;
    const scope = await this.scope({ personId: '', displayName: '', memberships: [] }, campaignId, unitId);
    const instance = scope.instances.find((i) => i.deliverable.id === deliverableId && i.periodKey === periodKey);
    if (!instance) return;
    for (let after: string | undefined; ; ) {
      const { found, returned } = await this.behind(scope, instance, true, { after, size: options.size });
      if (found.items.length) yield found.items.map((unit) => ({ unit: toSummary(unit), returned: returned.has(unit.id) }));
      if (found.items.length < options.size) return;
      after = (found.items.at(-1) as Unit).path;
    }
  }

  /**
   * Of `unitIds`, those that still owe the instance of `deliverableId` and `periodKey` due at
   * `dueAt`: the campaign published, the instance still in its rule with that due instant, and each
   * unit expected for it (participating, not the organizer, created before it fell due) holding no
   * hand-in but a returned one. A few queries, however many units (at most a page's worth).
   */
  async owingAmong(campaignId: string, deliverableId: string, periodKey: string, dueAt: string, unitIds: string[]): Promise<Set<string>> {
    const target = await this.campaigns.accessTarget(campaignId);
    if (!target?.published || unitIds.length === 0) return new Set();
    const scope = await this.scope({ personId: '', displayName: '', memberships: [] }, campaignId, idsOnPath(target.organizerPath).at(-1) as string);
    const instance = scope.instances.find((i) => i.deliverable.id === deliverableId && i.periodKey === periodKey);
    if (!instance || Date.parse(instance.dueAt) !== Date.parse(dueAt)) return new Set();
    const { found } = await this.behind(scope, instance, true, { size: unitIds.length, among: unitIds });
    return new Set(found.items.map((unit) => unit.id));
  }

  /**
   * A page of the scope's units expected for the instance that are behind on it: with `owing`,
   * those holding no hand-in but a returned one; otherwise those whose hand-in was returned; with
   * `among`, of those units only. One query for the page (NOT EXISTS or EXISTS on hand-ins), one for
   * which of them were returned.
   */
  private async behind(
    scope: Scope,
    instance: Instance,
    owing: boolean,
    { among, ...window }: { page?: number; after?: string; size: number; among?: string[] },
  ): Promise<{ found: Page<Unit>; returned: Set<string> }> {
    const due = new Date(instance.dueAt);
    const where = { deliverableId: instance.deliverable.id, periodKey: instance.periodKey };
    // Nobody is expected for an instance that fell due before publication.
    if (scope.campaign.publishedAt && Date.parse(scope.campaign.publishedAt) >= due.getTime()) return { found: { items: [], total: 0, page: window.page ?? 1, size: window.size }, returned: new Set() };
    const handIn = this.handIns
      .createQueryBuilder('h')
      .select('1')
      .where('h.deliverableId = :behindDeliverable AND h.periodKey = :behindPeriod AND h.unitId = u.id')
      .andWhere(owing ? "h.state <> 'returned'" : "h.state = 'returned'")
      .setParameters({ behindDeliverable: where.deliverableId, behindPeriod: where.periodKey });
    const found = await this.units.list(scope.scopes, {
      ...scope.filter,
      createdBefore: due,
      where: {
        sql: `${among ? 'u.id IN (:...behindAmong) AND ' : ''}${owing ? 'NOT EXISTS' : 'EXISTS'} (${handIn.getQuery()})`,
        parameters: { ...handIn.getParameters(), behindAmong: among },
      },
      ...window,
    });
    const ids = found.items.map((u) => u.id);
    const returned = ids.length ? await this.handIns.find({ where: { ...where, unitId: In(ids), state: 'returned' }, select: ['unitId'] }) : [];
    return { found, returned: new Set(returned.map((h) => h.unitId)) };
  }

  /**
   * The direct children of the subtree's unit that take part (each with its subtree), ranked by
   * on-time rate and then reporting rate over the instances due by now (ties in tree order, sharing
   * a rank): one count of the expected units per child, and the children's tallies.
   */
  async ranking(actor: Actor, campaignId: string, unitId: string, query: PageQuery): Promise<Page<UnitRankingDto>> {
    const { page, size, skip } = pageWindow(query);
    const scope = await this.scope(actor, campaignId, unitId);
    const now = this.clock.now().getTime();
    const due = scope.instances.filter((i) => Date.parse(i.dueAt) <= now);
    const expected = await this.expected(scope, due, scope.subtree.path);
    const childIds = [...expected.keys()].filter(Boolean);
    const parts = new Map(childIds.map((id) => [id, tallyUnits(`${scope.subtree.path}${id}/`, scope.roots)]));
    const [tallies, children] = await Promise.all([this.talliesOf(scope, [...parts.values()].flat(), due, true), this.units.findMany(childIds)]);
    const ranked = children
      .map((unit) => {
        const sum = { expected: 0, onTime: 0, late: 0, returned: 0, missing: 0 };
        due.forEach((instance, i) => {
          const counts = (parts.get(unit.id) ?? []).map((id) => tallies.get(`${keyOf(instance)}/${id}`) ?? noTally());
          const got = completenessFromTally(instance.dueAt, expected.get(unit.id)?.[i] ?? 0, sumTallies(counts), now);
          for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += got[key];
        });
        return { unit, completeness: completenessOf({ ...sum, notYetDue: 0 }) };
      })
      .sort((x, y) => y.completeness.onTimeRate - x.completeness.onTimeRate || y.completeness.reportingRate - x.completeness.reportingRate || (x.unit.path < y.unit.path ? -1 : 1));
    const rankOf = (i: number): number => {
      const [here, before] = [ranked[i].completeness, ranked[i - 1]?.completeness];
      return before && before.onTimeRate === here.onTimeRate && before.reportingRate === here.reportingRate ? rankOf(i - 1) : i + 1;
    };
    return {
      items: ranked.slice(skip, skip + size).map((r, i) => ({ rank: rankOf(skip + i), unit: toSummary(r.unit), completeness: r.completeness })),
      total: ranked.length,
      page,
      size,
    };
  }

  /**
   * Within a unit's move (its trees locked, the paths rewritten): its subtree's tallies leave the
   * ancestors it had and join those it now has, as the statistics' sums do.
   */
  async moved(unitId: string, oldPath: string, newPath: string): Promise<void> {
    const rows = await this.tallies.findBy({ unitId });
    const [before, after] = [idsOnPath(oldPath), idsOnPath(newPath)];
    const leaving = before.filter((id) => !after.includes(id));
    const joining = after.filter((id) => !before.includes(id));
    const shifted = rows.flatMap((r) => [
      ...leaving.map((ancestor) => ({ ...r, unitId: ancestor, onTime: -r.onTime, late: -r.late, returned: -r.returned })),
      ...joining.map((ancestor) => ({ ...r, unitId: ancestor })),
    ]);
    await this.upsertTallies(shifted);
  }

  /** The campaign's participating part of the subtree of `unitId`, and its instances. */
  private async scope(actor: Actor, campaignId: string, unitId: string): Promise<Scope> {
    const [campaign, subtree] = await Promise.all([this.campaigns.get(campaignId, actor), this.units.get(unitId)]);
    const roots = await this.units.findMany(campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnit.id]);
    return {
      campaign,
      subtree,
      instances: instancesOf(campaign),
      roots,
      scopes: roots.map((root) => ({ path: root.path, subtree: true })),
      filter: { within: subtree.path, except: campaign.organizingUnit.id },
    };
  }

  /**
   * How many units of the scope are expected for each instance (created before its due instant,
   * and none for one due before publication), keyed '' or, with `perChildOf`, by child.
   */
  private async expected(scope: Scope, instances: Instance[], perChildOf?: string): Promise<Map<string, number[]>> {
    const dues = instances.map((i) => new Date(i.dueAt));
    const counts = await this.units.countCreatedBefore(scope.scopes, scope.filter, dues, perChildOf);
    const published = scope.campaign.publishedAt ? Date.parse(scope.campaign.publishedAt) : 0;
    for (const row of counts.values()) dues.forEach((due, i) => published >= due.getTime() && (row[i] = 0));
    return counts;
  }

  /**
   * The tallies of `unitIds` for the instances, summed (by instance key), or one by one (by
   * instance key and unit) with `each`. An instance whose rows were counted against another due
   * instant (its deadline moved) is counted again first.
   */
  private async talliesOf(scope: Scope, unitIds: string[], instances: Instance[], each = false): Promise<Map<string, TallyCounts>> {
    if (unitIds.length === 0 || instances.length === 0) return new Map();
    const read = () =>
      this.tallies.find({ where: { campaignId: scope.campaign.id, unitId: In(unitIds) }, select: ['deliverableId', 'periodKey', 'unitId', 'dueAt', 'onTime', 'late', 'returned'] });
    let rows = await read();
    const dueAt = new Map(instances.map((i) => [keyOf(i), Date.parse(i.dueAt)]));
    const stale = instances.filter((i) => rows.some((r) => instanceKey(r) === keyOf(i) && r.dueAt.getTime() !== dueAt.get(keyOf(i))));
    if (stale.length) {
      for (const instance of stale) await this.recount(scope.campaign, instance);
      rows = await read();
    }
    const sums = new Map<string, TallyCounts>();
    for (const row of rows) {
      if (!dueAt.has(instanceKey(row))) continue;
      const key = each ? `${instanceKey(row)}/${row.unitId}` : instanceKey(row);
      sums.set(key, sumTallies([sums.get(key) ?? noTally(), row]));
    }
    return sums;
  }

  /**
   * Counts an instance's tallies again from its hand-ins, against its due instant now. Under a share
   * of the locks of the trees that hold the hand-ins' units, as every writer of tallies: a move there
   * (which carries its subtree's rows to its new ancestors) runs wholly before or after the recount,
   * never between its reading of the paths and its writing of the rows. The trees are found before
   * the transaction, whose first plain read must come after the locks; should a unit have gone to
   * another tree meanwhile, the transaction is rolled back and run again with that tree locked too
   * (all in id order: locked late, one out of order could deadlock with a move).
   */
  private async recount(campaign: CampaignDetail, instance: Instance): Promise<void> {
    // Joining a caller's transaction would break both: its locks would come after plain reads, and
    // rolling back to retry would undo the caller's work.
    if (this.database.inTransaction()) throw new Error('recount runs in a transaction of its own, not within another');
    const where = { deliverableId: instance.deliverable.id, periodKey: instance.periodKey };
    const treesOf = (units: Unit[]) => [...new Set(units.map((u) => idsOnPath(u.path)[0]))];
    let trees = treesOf(await this.units.findMany((await this.handIns.find({ where, select: ['unitId'] })).map((h) => h.unitId)));
    for (;;) {
      try {
        return await this.database.transaction(async () => {
          await this.units.shareTrees(trees);
          // Deleted first: hand-ins committing meanwhile wait for these rows, then add to the new ones.
          await this.tallies.delete(where);
          const handIns = await this.handIns.find({ where, select: ['unitId', 'state', 'arrivedAt'] });
          const units = new Map((await this.units.findMany(handIns.map((h) => h.unitId))).map((u) => [u.id, u]));
          const unlocked = treesOf([...units.values()]).filter((id) => !trees.includes(id));
          if (unlocked.length) throw new TreesUnlocked(unlocked);
          const rows = handIns.flatMap((handIn) => {
            const unit = units.get(handIn.unitId) as Unit;
            const kind = tallied(instance, handIn, expectedSince(unit, campaign));
            return kind ? this.tallyRows(campaign.id, instance, unit, { ...noTally(), [kind]: 1 }) : [];
          });
          await this.upsertTallies(rows);
        });
      } catch (error) {
        if (!(error instanceof TreesUnlocked)) throw error;
        trees = [...trees, ...error.rootIds];
      }
    }
  }

  /** The statuses of the units across the instances, from their own hand-ins. */
  private async statusesOf(campaign: CampaignDetail, instances: Instance[], units: Unit[], now: number) {
    const handIns = units.length
      ? await this.handIns.find({ where: { campaignId: campaign.id, unitId: In(units.map((u) => u.id)) }, select: ['deliverableId', 'periodKey', 'unitId', 'state', 'arrivedAt'] })
      : [];
    const latest = new Map(handIns.map((h) => [`${instanceKey(h)}/${h.unitId}`, h]));
    return units.map((unit) =>
      instances.map((instance) => {
        const handIn = latest.get(`${keyOf(instance)}/${unit.id}`);
        return instanceStatus(instance.dueAt, handIn && { arrivedAt: handIn.arrivedAt.toISOString(), state: handIn.state }, now, expectedSince(unit, campaign));
      }),
    );
  }

  /** Moves one hand-in of the unit from what it counted as to what it counts as now, for the unit and its ancestors. */
  private async addToTallies(campaignId: string, instance: Instance, unit: Unit, before: Tallied | null, after: Tallied | null): Promise<void> {
    if (before === after) return;
    const counts = noTally();
    if (before) counts[before] -= 1;
    if (after) counts[after] += 1;
    await this.upsertTallies(this.tallyRows(campaignId, instance, unit, counts));
  }

  private tallyRows(campaignId: string, instance: Instance, unit: Unit, counts: TallyCounts): TallyRow[] {
    const dueAt = new Date(instance.dueAt);
    return idsOnPath(unit.path).map((unitId) => ({ campaignId, deliverableId: instance.deliverable.id, periodKey: instance.periodKey, unitId, dueAt, ...counts }));
  }

  /**
   * Adds to rows of tallies, inserting the missing ones (stamped with their due instant), in one
   * statement and in instance-then-unit order, so that concurrent hand-ins in sibling units queue
   * on their common ancestors' rows instead of deadlocking (see the statistics' `upsert`).
   */
  private async upsertTallies(rows: TallyRow[]): Promise<void> {
    const merged = new Map<string, TallyRow>();
    for (const row of rows) {
      const key = `${instanceKey(row)}/${row.unitId}`;
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, ...sumTallies([seen, row]) } : { ...row });
    }
    const sorted = [...merged.entries()]
      .filter(([, r]) => r.onTime !== 0 || r.late !== 0 || r.returned !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
    const repository = this.tallies;
    const { driver } = repository.manager.connection;
    const name = (identifier: string) => driver.escape(identifier);
    const dueColumn = repository.metadata.findColumnWithPropertyName('dueAt');
    const sqlite = isEmbedded(repository.manager.connection);
    const columns = ['id', 'campaignId', 'deliverableId', 'periodKey', 'unitId', 'dueAt', 'onTime', 'late', 'returned'];
    const sum = (column: string) =>
      sqlite ? `${name(column)} = ${name(column)} + excluded.${name(column)}` : `${name(column)} = ${name(column)} + VALUES(${name(column)})`;
    const onConflict = sqlite ? `ON CONFLICT (${['deliverableId', 'periodKey', 'unitId'].map(name).join(', ')}) DO UPDATE SET` : 'ON DUPLICATE KEY UPDATE';
    // Bounded statements: a recount writes a row per unit and ancestor.
    for (let i = 0; i < sorted.length; i += 500) {
      const chunk = sorted.slice(i, i + 500);
      const parameters = chunk.flatMap((r) => [newId(), r.campaignId, r.deliverableId, r.periodKey, r.unitId, driver.preparePersistentValue(r.dueAt, dueColumn as ColumnMetadata), r.onTime, r.late, r.returned]);
      await repository.query(
        `INSERT INTO ${name(repository.metadata.tableName)} (${columns.map(name).join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')} ${onConflict} ${['onTime', 'late', 'returned'].map(sum).join(', ')}`,
        parameters,
      );
    }
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

  /** Adds a step to the hand-in's history, answering its position; called under the hand-in's lock (or as it is made), so positions do not collide. */
  private async record(handInId: string, action: HandInAction, byId: string, comment: string | null, at = this.clock.now()): Promise<number> {
    const position = await this.events.countBy({ handInId });
    await this.events.createQueryBuilder().insert().values(this.events.create({ handInId, position, action, byId, comment, at })).updateEntity(false).execute();
    return position;
  }
}

/** Thrown to roll a recount back: hand-ins' units lie in trees it has not locked. */
class TreesUnlocked extends Error {
  constructor(readonly rootIds: string[]) {
    super('hand-ins in trees not locked');
  }
}

/** Every instance of the campaign's deliverables, deliverable by deliverable (in their order), each in time order. */
function instancesOf(campaign: Pick<CampaignDetail, 'deliverables'>): Instance[] {
  return campaign.deliverables.flatMap((deliverable) => deadlineInstances(deliverable.rule).map((i) => ({ deliverable, ...i })));
}

/** What a hand-in counts as in its instance's tallies: nothing when there is none, or the unit is not expected for the instance. */
function tallied(instance: Instance, handIn: { arrivedAt: Date; state: HandInState } | null | undefined, since: string): Tallied | null {
  if (!handIn) return null;
  const status = instanceStatus(instance.dueAt, { arrivedAt: handIn.arrivedAt.toISOString(), state: handIn.state }, 0, since);
  return status === 'on_time' ? 'onTime' : status === 'late' ? 'late' : status === 'returned' ? 'returned' : null;
}

/**
 * The units whose tallies make up the part of the subtree at `path` that takes part: the subtree's
 * own unit when a participating root holds it, else the outermost participating roots under it.
 */
function tallyUnits(path: string, roots: Unit[]): string[] {
  if (roots.some((root) => path.startsWith(root.path))) return [idsOnPath(path).pop() as string];
  const under = roots.filter((root) => root.path.startsWith(path));
  return under.filter((root) => !under.some((other) => other !== root && root.path.startsWith(other.path))).map((root) => root.id);
}

/** From when the unit is asked to hand in: when it was created or the campaign published, whichever is later. */
function expectedSince(unit: Unit, campaign: Pick<CampaignDetail, 'publishedAt'>): string {
  const published = campaign.publishedAt ? Date.parse(campaign.publishedAt) : 0;
  return new Date(Math.max(unit.createdAt.getTime(), published)).toISOString();
}
