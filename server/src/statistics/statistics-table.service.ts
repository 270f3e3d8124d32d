import { Injectable } from '@nestjs/common';
import {
  answerProblem,
  chinaDay,
  CreateManualEntryRequest,
  EvidenceLinkDto,
  FieldAnswerDto,
  ManualEntryDto,
  ProposalDto,
  StatisticsScope,
  StatisticsTableDto,
  StatisticsTableField,
  StatisticsFieldDto,
  SubmitTableRequest,
  TableSubmissionDto,
  TableSubmissionState,
} from '@safemonth/shared';
import { Actor } from '../auth/policy';
import type { StatisticsField } from '../campaigns/campaign.entity';
import { CampaignDetail, CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { PeopleService } from '../people/people.service';
import { ReportsService } from '../reports/reports.service';
import type { Unit } from '../units/unit.entity';
import { isAtOrBelow, UnitsService } from '../units/units.service';
import type { FieldAnswer } from './field-answer.entity';
import type { ManualEntry } from './manual-entry.entity';
import { AnswerValue, StatisticsService, Sums } from './statistics.service';
import { TableSubmission } from './table-submission.entity';

const NONE: Sums = { total: 0, manual: 0 };

/** Evidence links shown with each item of a table (the newest accepted ones). */
export const EVIDENCE_PER_ITEM = 20;

/** Proposed answers shown with each yes/no or text field of a unit's table (the newest accepted ones). */
export const PROPOSALS_PER_FIELD = 3;

/** Told, inside the transaction, that a unit's table was handed in (`submitted`) or reviewed, by `personId`. */
export type TableHandedIn = (change: { campaignId: string; unitId: string; submissionId: string; personId: string; state: TableSubmissionState; comment: string | null }) => Promise<void>;

/**
 * A unit's statistics table in a campaign, as the API shows and changes it: the campaign's items
 * and fields with the numbers `StatisticsService` keeps, manual entries to count fields and
 * answers to yes/no and text fields.
 */
@Injectable()
export class StatisticsTableService {
  private readonly handedInListeners: TableHandedIn[] = [];

  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly statistics: StatisticsService,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  /** Registers a listener of the tables handed in and reviewed (deliverables count them as the table's hand-in; people are told of them). */
  onHandedIn(listener: TableHandedIn): void {
    this.handedInListeners.push(listener);
  }

  private async handedIn(change: Parameters<TableHandedIn>[0]): Promise<void> {
    for (const listener of this.handedInListeners) await listener(change);
  }

  private get submissions() {
    return this.database.repository(TableSubmission);
  }

  async table(actor: Actor, campaignId: string, unitId: string, scope: StatisticsScope): Promise<StatisticsTableDto> {
    const [campaign, unit] = await Promise.all([this.campaigns.get(campaignId, actor), this.units.get(unitId)]);
    if (scope === 'unit') return (await this.unitTablesOf(campaign, [unit]))[0];
    const roots = participatingRoots(campaign);
    const [sums, units, links] = await Promise.all([
      this.statistics.subtreeSums(campaignId, unitId),
      this.participatingWithin(roots, unit),
      this.reports.subtreeEvidence(campaignId, unit, campaign.items.map((item) => item.id), EVIDENCE_PER_ITEM),
    ]);
    return { ...tableOf(campaign, unit, 'subtree', units, { sums, answers: new Map(), links, proposals: new Map() }), submission: null };
  }

  /**
   * Reads the unit tables of a campaign for pages of units, as `table` answers them in unit scope:
   * the campaign (items, fields) is read once here, then each page's totals, answers, evidence links,
   * proposed answers and submissions with one query each, however many units the page holds.
   */
  async unitTables(actor: Actor, campaignId: string): Promise<(units: Unit[]) => Promise<StatisticsTableDto[]>> {
    const campaign = await this.campaigns.get(campaignId, actor);
    return (units) => this.unitTablesOf(campaign, units);
  }

  private async unitTablesOf(campaign: CampaignDetail, units: Unit[]): Promise<StatisticsTableDto[]> {
    const ids = units.map((unit) => unit.id);
    const [tables, submissions] = await Promise.all([this.unitItems(campaign, units), this.statistics.currentSubmissions(campaign.id, ids)]);
    const dtos = new Map((await this.submissionDtos([...submissions.values()])).map((dto) => [dto.unitId, dto]));
    return tables.map((table) => ({ ...table, submission: dtos.get(table.unit.id) ?? null }));
  }

  /** The units' tables but their submissions; `latest`: their own numbers as last committed (see `StatisticsService.unitSums`). */
  private async unitItems(campaign: CampaignDetail, units: Unit[], latest = false): Promise<Omit<StatisticsTableDto, 'submission'>[]> {
    const ids = units.map((unit) => unit.id);
    const roots = participatingRoots(campaign);
    const [numbers, links, proposals] = await Promise.all([
      this.statistics.unitSums(campaign.id, ids, latest),
      this.reports.unitsEvidence(campaign.id, ids, EVIDENCE_PER_ITEM),
      this.reports.unitsProposals(campaign.id, ids, PROPOSALS_PER_FIELD),
    ]);
    return units.map((unit) => {
      const { sums, answers } = numbers.get(unit.id) ?? { sums: new Map(), answers: new Map() };
      const participates = Number(roots.some((root) => isAtOrBelow(unit.path, root)));
      return tableOf(campaign, unit, 'unit', participates, { sums, answers, links: links.get(unit.id) ?? new Map(), proposals: proposals.get(unit.id) ?? new Map() });
    });
  }

  /**
   * The unit's liaison hands in the unit's table as it stands: its items and values become the
   * submission's snapshot, under the header they give; manual entries and answers wait until the
   * committee returns it. Again after a return: a new snapshot.
   */
  async submit(actor: Actor, campaignId: string, unitId: string, request: SubmitTableRequest): Promise<TableSubmissionDto> {
    const { campaign, unit } = await this.campaigns.openFor(campaignId, unitId, '报送统计表');
    if (unit.id === campaign.organizingUnitId) {
      throw ApiException.badRequest('组织单位无需向本活动报送统计表', [{ field: 'unitId', message: '组织单位无需报送' }]);
    }
    const made = await this.database.transaction(async () => {
      // Exclusive: changes to the unit's numbers (entries, answers, accepted reports) finish first or
      // wait; so do other hand-ins and reviews of its table.
      const locked = await this.units.lockedInTree(unitId, true);
      const current = await this.statistics.currentSubmission(campaignId, unitId, true);
      if (current?.state === 'submitted') throw ApiException.conflict('统计表已报送，正在等待审核');
      if (current?.state === 'accepted') throw ApiException.conflict('统计表已通过审核；如需修改，请联系安委办退回');
      const [{ items }] = await this.unitItems(await this.campaigns.get(campaignId, actor), [locked], true);
      const submittedAt = this.clock.now();
      const made = this.submissions.create({
        campaignId,
        unitId,
        round: (current?.round ?? 0) + 1,
        state: 'submitted',
        unitName: unit.name,
        contactName: request.contactName.trim(),
        phone: request.phone.trim(),
        fillDate: request.fillDate ?? chinaDay(submittedAt),
        // The values and wording as handed in; evidence links and proposed answers stay live on the
        // table (and keep the row small).
        snapshot: items.map((item) => ({
          ...item,
          evidence: [],
          fields: item.fields.map((field) => (field.kind === 'count' ? field : { ...field, proposals: [] })),
        })),
        submittedAt,
        submittedById: actor.personId,
        reviewedAt: null,
        reviewedById: null,
        comment: null,
      });
      await this.submissions.insert(made);
      await this.handedIn({ campaignId, unitId, submissionId: made.id, personId: actor.personId, state: 'submitted', comment: null });
      return made;
    });
    return (await this.submissionDtos([made]))[0];
  }

  /** The committee over the unit accepts the table waiting for review, or returns it (waiting or accepted) with a comment. */
  async review(actor: Actor, campaignId: string, unitId: string, action: 'accept' | 'return', comment?: string): Promise<TableSubmissionDto> {
    const note = comment?.trim() || null;
    if (action === 'return' && !note) throw ApiException.badRequest('退回时请填写修改意见', [{ field: 'comment', message: '请填写修改意见' }]);
    const reviewed = await this.database.transaction(async () => {
      await this.units.lockedInTree(unitId, true);
      const current = await this.statistics.currentSubmission(campaignId, unitId, true);
      if (!current) throw ApiException.notFound('该单位尚未报送统计表');
      if (current.state === 'returned') throw ApiException.conflict(action === 'accept' ? '统计表已退回，等待重新报送' : '统计表已经退回');
      if (action === 'accept' && current.state === 'accepted') throw ApiException.conflict('统计表已经通过');
      Object.assign(current, { state: action === 'accept' ? 'accepted' : 'returned', reviewedAt: this.clock.now(), reviewedById: actor.personId, comment: note });
      await this.submissions.update({ id: current.id }, { state: current.state, reviewedAt: current.reviewedAt, reviewedById: current.reviewedById, comment: current.comment });
      await this.handedIn({ campaignId, unitId, submissionId: current.id, personId: actor.personId, state: current.state, comment: note });
      return current;
    });
    return (await this.submissionDtos([reviewed]))[0];
  }

  /** The unit's table as last handed in, or 404. */
  async submission(campaignId: string, unitId: string): Promise<TableSubmissionDto> {
    const current = await this.statistics.currentSubmission(campaignId, unitId);
    if (!current) throw ApiException.notFound('该单位尚未报送统计表');
    return (await this.submissionDtos([current]))[0];
  }

  /** Every hand-in of the unit's table in the campaign, each with its snapshot and review, the latest first. */
  async submissionHistory(campaignId: string, unitId: string): Promise<TableSubmissionDto[]> {
    return this.submissionDtos(await this.submissions.find({ where: { campaignId, unitId }, order: { round: 'DESC' } }));
  }

  private async submissionDtos(rows: TableSubmission[]): Promise<TableSubmissionDto[]> {
    const ids = rows.flatMap((r) => [r.submittedById, ...(r.reviewedById ? [r.reviewedById] : [])]);
    const names = new Map((await this.people.findMany([...new Set(ids)])).map((p) => [p.id, p.displayName]));
    const person = (id: string) => ({ id, displayName: names.get(id) ?? '（已删除的用户）' });
    return rows.map((r) => ({
      campaignId: r.campaignId,
      unitId: r.unitId,
      state: r.state,
      unitName: r.unitName,
      contactName: r.contactName,
      phone: r.phone,
      fillDate: r.fillDate,
      submittedAt: r.submittedAt.toISOString(),
      submittedBy: person(r.submittedById),
      snapshot: r.snapshot,
      reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
      reviewedBy: r.reviewedById ? person(r.reviewedById) : null,
      comment: r.comment,
    }));
  }

  /** How many units within `unit`'s subtree take part in the campaign (under one of its participating roots). */
  private async participatingWithin(roots: string[], unit: Unit): Promise<number> {
    const scopes = (await this.units.findMany(roots)).map((root) => ({ path: root.path, subtree: true }));
    return (await this.units.list(scopes, { within: unit.path, size: 1 })).total;
  }

  async manualEntries(campaignId: string, unitId: string): Promise<ManualEntryDto[]> {
    return this.entryDtos(await this.statistics.manualEntries(campaignId, unitId));
  }

  async addManualEntry(actor: Actor, campaignId: string, unitId: string, request: CreateManualEntryRequest): Promise<ManualEntryDto> {
    await this.campaigns.openFor(campaignId, unitId, '填报统计表');
    const field = await this.field(campaignId, request.fieldId);
    if (field.kind !== 'count') {
      throw wrongKind('fieldId', `“${field.label}”不是数量类统计项，不能手工录入数量，请直接填写答案`);
    }
    const entry = await this.statistics.addManualEntry(campaignId, unitId, { fieldId: field.id, amount: request.amount, note: request.note.trim() }, { personId: actor.personId, at: this.clock.now() });
    return (await this.entryDtos([entry]))[0];
  }

  async removeManualEntry(campaignId: string, unitId: string, entryId: string): Promise<void> {
    await this.statistics.removeManualEntry(campaignId, unitId, entryId);
  }

  /** Sets (a value) or clears (null) the unit's answer to a yes/no or text field. */
  async answer(actor: Actor, campaignId: string, unitId: string, fieldId: string, value: unknown): Promise<FieldAnswerDto | null> {
    await this.campaigns.openFor(campaignId, unitId, '填报统计表');
    const field = await this.field(campaignId, fieldId);
    if (field.kind === 'count') throw wrongKind('fieldId', `“${field.label}”是数量类统计项，由报告和手工录入累计，不能直接填写答案`);
    const checked = value === null ? null : answerValue({ kind: field.kind, label: field.label }, value);
    const saved = await this.statistics.answer(campaignId, unitId, field.id, checked, actor.personId, this.clock.now());
    return saved && answerDto(saved, actor);
  }

  /** A field of the campaign, or 404. */
  private async field(campaignId: string, fieldId: string): Promise<StatisticsField> {
    const field = (await this.campaigns.describe([], [fieldId])).fields.get(fieldId);
    if (!field || field.campaignId !== campaignId) throw ApiException.notFound('统计项不存在');
    return field;
  }

  private async entryDtos(entries: ManualEntry[]): Promise<ManualEntryDto[]> {
    const people = await this.people.findMany([...new Set(entries.map((e) => e.createdById))]);
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    return entries.map((e) => ({
      id: e.id,
      fieldId: e.fieldId,
      amount: e.amount,
      note: e.note,
      createdBy: { id: e.createdById, displayName: names.get(e.createdById) ?? '（已删除的用户）' },
      createdAt: e.createdAt.toISOString(),
    }));
  }
}

/** The units a campaign's participants are within: those it names, else its organizer. */
function participatingRoots(campaign: CampaignDetail): string[] {
  return campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnit.id];
}

/**
 * A table of the campaign's items and fields with what was read for the unit (or its subtree): the
 * numbers and answers by field, the evidence links by item, the proposed answers by field (unit
 * scope only).
 */
function tableOf(
  campaign: CampaignDetail,
  unit: Unit,
  scope: StatisticsScope,
  units: number,
  read: {
    sums: Map<string, Sums>;
    answers: Map<string, AnswerValue>;
    links: Map<string, EvidenceLinkDto[]>;
    proposals: Map<string, ProposalDto<boolean | string>[]>;
  },
): Omit<StatisticsTableDto, 'submission'> {
  const { sums, answers, links } = read;
  // Only values of the field's kind: its kind may have changed since (while it held no data).
  const proposed = (field: StatisticsFieldDto) => (scope === 'unit' ? (read.proposals.get(field.id) ?? []) : undefined);
  const value = (field: StatisticsFieldDto): StatisticsTableField => {
    const { total, manual } = sums.get(field.id) ?? NONE;
    const base = { id: field.id, label: field.label, unit: field.unit };
    const answer = answers.get(field.id);
    switch (field.kind) {
      case 'count':
        return { ...base, kind: 'count', value: total, fromReports: total - manual, fromManualEntries: manual };
      case 'boolean':
        return {
          ...base,
          kind: 'boolean',
          value: typeof answer === 'boolean' ? answer : null,
          yesUnits: scope === 'unit' ? Number(answer === true) : total,
          proposals: proposed(field)?.filter((p): p is ProposalDto<boolean> => typeof p.value === 'boolean'),
        };
      case 'text':
        return {
          ...base,
          kind: 'text',
          value: typeof answer === 'string' ? answer : null,
          answeredUnits: scope === 'unit' ? Number(typeof answer === 'string') : total,
          proposals: proposed(field)?.filter((p): p is ProposalDto<string> => typeof p.value === 'string'),
        };
    }
  };
  return {
    campaignId: campaign.id,
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    scope,
    units,
    items: campaign.items.map((item) => ({
      id: item.id,
      title: item.title,
      requirement: item.requirement,
      fieldText: item.fieldText,
      fields: item.fields.map(value),
      evidence: links.get(item.id) ?? [],
    })),
  };
}

function wrongKind(field: string, message: string): ApiException {
  return ApiException.badRequest(message, [{ field, message }]);
}

/** The answer a yes/no or text field takes, by the shared rule (`answerProblem`); text kept trimmed. */
function answerValue(field: { kind: 'boolean' | 'text'; label: string }, value: unknown): AnswerValue {
  const problem = answerProblem(field, value);
  if (problem) throw wrongKind('value', problem);
  return typeof value === 'string' ? value.trim() : (value as boolean);
}

function answerDto(answer: FieldAnswer, actor: Actor): FieldAnswerDto {
  return {
    fieldId: answer.fieldId,
    value: answer.text ?? Boolean(answer.flag),
    answeredBy: { id: actor.personId, displayName: actor.displayName },
    answeredAt: answer.answeredAt.toISOString(),
  };
}
