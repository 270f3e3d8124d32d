import { Injectable } from '@nestjs/common';
import {
  CreateManualEntryRequest,
  FieldAnswerDto,
  ManualEntryDto,
  STATISTICS_LIMITS,
  StatisticsScope,
  StatisticsTableDto,
  StatisticsTableField,
  StatisticsFieldDto,
} from '@safemonth/shared';
import { Actor } from '../auth/policy';
import type { StatisticsField } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { PeopleService } from '../people/people.service';
import type { Unit } from '../units/unit.entity';
import { isAtOrBelow, UnitsService } from '../units/units.service';
import type { FieldAnswer } from './field-answer.entity';
import type { ManualEntry } from './manual-entry.entity';
import { AnswerValue, StatisticsService, Sums } from './statistics.service';

const NONE: Sums = { total: 0, manual: 0 };

/**
 * A unit's statistics table in a campaign, as the API shows and changes it: the campaign's items
 * and fields with the numbers `StatisticsService` keeps, manual entries to count fields and
 * answers to yes/no and text fields.
 */
@Injectable()
export class StatisticsTableService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly statistics: StatisticsService,
    private readonly clock: Clock,
  ) {}

  async table(actor: Actor, campaignId: string, unitId: string, scope: StatisticsScope): Promise<StatisticsTableDto> {
    const [campaign, unit] = await Promise.all([this.campaigns.get(campaignId, actor), this.units.get(unitId)]);
    const roots = campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnit.id];
    let sums: Map<string, Sums>;
    let answers = new Map<string, AnswerValue>();
    let units: number;
    if (scope === 'unit') {
      ({ sums, answers } = await this.statistics.unitSums(campaignId, unitId));
      units = roots.some((root) => isAtOrBelow(unit.path, root)) ? 1 : 0;
    } else {
      [sums, units] = await Promise.all([this.statistics.subtreeSums(campaignId, unitId), this.participatingWithin(roots, unit)]);
    }
    const value = (field: StatisticsFieldDto): StatisticsTableField => {
      const { total, manual } = sums.get(field.id) ?? NONE;
      const base = { id: field.id, label: field.label, unit: field.unit };
      const answer = answers.get(field.id);
      switch (field.kind) {
        case 'count':
          return { ...base, kind: 'count', value: total, fromReports: total - manual, fromManualEntries: manual };
        case 'boolean':
          return { ...base, kind: 'boolean', value: typeof answer === 'boolean' ? answer : null, yesUnits: scope === 'unit' ? Number(answer === true) : total };
        case 'text':
          return { ...base, kind: 'text', value: typeof answer === 'string' ? answer : null, answeredUnits: scope === 'unit' ? Number(typeof answer === 'string') : total };
      }
    };
    return {
      campaignId,
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      scope,
      units,
      items: campaign.items.map((item) => ({
        id: item.id,
        title: item.title,
        requirement: item.requirement,
        fieldText: item.fieldText,
        fields: item.fields.map(value),
      })),
    };
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
    const checked = value === null ? null : answerValue(field, value);
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

function wrongKind(field: string, message: string): ApiException {
  return ApiException.badRequest(message, [{ field, message }]);
}

/** The answer a field of this kind takes: true or false for yes/no, non-blank text of at most the limit for text. */
function answerValue(field: Pick<StatisticsField, 'kind' | 'label'>, value: unknown): AnswerValue {
  if (field.kind === 'boolean') {
    if (typeof value !== 'boolean') throw wrongKind('value', `“${field.label}”是“是/否”项，答案只能是 true 或 false`);
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') throw wrongKind('value', `“${field.label}”是文字项，请填写文字`);
  const text = value.trim();
  if (text.length > STATISTICS_LIMITS.textAnswerMaxLength) {
    throw wrongKind('value', `答案最多 ${STATISTICS_LIMITS.textAnswerMaxLength} 个字`);
  }
  return text;
}

function answerDto(answer: FieldAnswer, actor: Actor): FieldAnswerDto {
  return {
    fieldId: answer.fieldId,
    value: answer.text ?? Boolean(answer.flag),
    answeredBy: { id: actor.personId, displayName: actor.displayName },
    answeredAt: answer.answeredAt.toISOString(),
  };
}
