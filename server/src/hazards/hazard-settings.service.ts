import { Injectable } from '@nestjs/common';
import { DEFAULT_HAZARD_CATEGORIES, ErrorDetail, HAZARD_OUTCOME_LABELS, HAZARD_OUTCOMES, HazardOutcome, HazardSettingsDto, UpdateHazardSettingsRequest } from '@safemonth/shared';
import { In } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { CHINESE_ORDER } from '../common/chinese-order';
import { Database } from '../database/database.service';
import { PeopleService } from '../people/people.service';
import { HazardHandler, HazardSettings } from './hazard.entity';

/** A campaign's hazard settings as stored, without the handlers. */
export type StoredHazardSettings = Omit<HazardSettingsDto, 'handlers'>;

const NO_FIELDS = Object.fromEntries(HAZARD_OUTCOMES.map((o) => [o, null])) as Record<HazardOutcome, null>;

/** A campaign that never saved its hazard settings: named reports only, the shipped categories, nothing counted. */
const DEFAULTS: StoredHazardSettings = {
  allowAnonymous: false,
  allowPublic: false,
  categories: [...DEFAULT_HAZARD_CATEGORIES],
  zeroingDate: null,
  fields: NO_FIELDS,
};

/**
 * Per campaign: whether reports may be anonymous or come from people without an account, the
 * categories, the zeroing day (隐患清零), the count fields outcomes add to, and the committee members
 * designated to handle reports, who alone may see reporters.
 */
@Injectable()
export class HazardSettingsService {
  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly people: PeopleService,
  ) {}

  private get rows() {
    return this.database.repository(HazardSettings);
  }

  private get handlers() {
    return this.database.repository(HazardHandler);
  }

  /** The settings of each campaign (the defaults where none were saved), handlers left out. */
  async storedMany(campaignIds: string[]): Promise<Map<string, StoredHazardSettings>> {
    const rows = campaignIds.length ? await this.rows.findBy({ campaignId: In(campaignIds) }) : [];
    const found = new Map(rows.map((r) => [r.campaignId, r]));
    return new Map(
      campaignIds.map((id) => {
        const row = found.get(id);
        return [id, row ? settingsOf(row) : DEFAULTS];
      }),
    );
  }

  /** The campaigns open to reports from people without an account. */
  async publicCampaignIds(): Promise<string[]> {
    return (await this.rows.find({ where: { allowPublic: true }, select: ['campaignId'] })).map((r) => r.campaignId);
  }

  /**
   * The campaign's settings as last committed, locked until the caller's transaction ends: what a
   * recount maps outcomes by, so that a change of the mapping and a recount run one after the other.
   */
  async lockedStored(campaignId: string): Promise<StoredHazardSettings> {
    const row = await this.database.locked(HazardSettings, campaignId, 'campaignId');
    return row ? settingsOf(row) : DEFAULTS;
  }

  /** The campaign's settings, handlers left out. */
  async stored(campaignId: string): Promise<StoredHazardSettings> {
    return (await this.storedMany([campaignId])).get(campaignId) as StoredHazardSettings;
  }

  async settings(campaignId: string): Promise<HazardSettingsDto> {
    await this.campaigns.getEntity(campaignId);
    const [stored, handlers] = await Promise.all([this.stored(campaignId), this.handlers.find({ where: { campaignId }, select: ['personId'] })]);
    const people = await this.people.findMany(handlers.map((h) => h.personId));
    const handlerList = people.map((p) => ({ personId: p.id, displayName: p.displayName })).sort((a, b) => CHINESE_ORDER.compare(a.displayName, b.displayName));
    return { ...stored, categories: [...stored.categories], fields: { ...stored.fields }, handlers: handlerList };
  }

  /**
   * Saves the settings, every problem told per field: categories unique, each mapped field a count
   * field of this campaign and mapped once, each handler on a committee covering the organizing unit.
   */
  async update(campaignId: string, request: UpdateHazardSettingsRequest): Promise<HazardSettingsDto> {
    const campaign = await this.campaigns.accessTarget(campaignId);
    if (!campaign) throw ApiException.notFound('活动不存在');
    const categories = request.categories.map((c) => c.trim());
    const handlerIds = [...new Set(request.handlerIds)];
    const problems: ErrorDetail[] = [];
    if (request.allowPublic && !request.allowAnonymous) {
      problems.push({ field: 'allowPublic', message: '无账号的举报总是匿名的：允许无账号举报时请同时允许匿名举报' });
    }
    categories.forEach((category, i) => {
      if (categories.indexOf(category) !== i) problems.push({ field: `categories.${i}`, message: `隐患类别“${category}”重复` });
    });
    problems.push(...(await this.fieldProblems(campaignId, request.fields)));
    problems.push(...(await this.handlerProblems(request.handlerIds, campaign.organizerPath)));
    if (problems.length) throw ApiException.badRequest(`隐患举报设置有误：${problems[0].message}`, problems);

    await this.database.transaction(async () => {
      const fields = Object.fromEntries(HAZARD_OUTCOMES.map((o) => [o, request.fields[o]])) as Record<HazardOutcome, string | null>;
      await this.rows.save(
        this.rows.create({ campaignId, allowAnonymous: request.allowAnonymous, allowPublic: request.allowPublic, categories, zeroingDate: request.zeroingDate, fields }),
      );
      await this.handlers.delete({ campaignId });
      if (handlerIds.length) await this.handlers.insert(handlerIds.map((personId) => this.handlers.create({ campaignId, personId })));
    });
    return this.settings(campaignId);
  }

  /** Each outcome maps to a count field of the campaign, no two to the same field. */
  private async fieldProblems(campaignId: string, mapping: Record<HazardOutcome, string | null>): Promise<ErrorDetail[]> {
    const ids = HAZARD_OUTCOMES.map((o) => mapping[o]).filter((id): id is string => id !== null);
    const { fields } = await this.campaigns.describe([], [...new Set(ids)]);
    const seen = new Set<string>();
    return HAZARD_OUTCOMES.flatMap((outcome) => {
      const id = mapping[outcome];
      if (id === null) return [];
      const field = fields.get(id);
      const at = (message: string) => [{ field: `fields.${outcome}`, message: `“${HAZARD_OUTCOME_LABELS[outcome]}”${message}` }];
      if (!field || field.campaignId !== campaignId) return at('对应的统计项不属于本活动');
      if (field.kind !== 'count') return at(`只能计入数量类统计项，“${field.label}”不是`);
      if (seen.has(id)) return at(`与其他举报结果计入了同一个统计项“${field.label}”`);
      seen.add(id);
      return [];
    });
  }

  /** Each handler is someone on a committee at or above the organizing unit: those who may handle its reports. */
  private async handlerProblems(handlerIds: string[], organizerPath: string): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    for (const [i, personId] of handlerIds.entries()) {
      const actor = await this.people.actor(personId);
      // One answer for a person missing or elsewhere: person ids are not confirmed.
      if (!actor || !allows(actor, 'hazard.handle', organizerPath)) problems.push({ field: `handlerIds.${i}`, message: '处理人必须是主办单位（或其上级）安委办的成员' });
    }
    return problems;
  }

  /** Designated for the campaign, and still on a committee over its organizing unit (one who left it handles nothing more). */
  async isHandler(campaignId: string, actor: Actor): Promise<boolean> {
    const campaign = await this.campaigns.accessTarget(campaignId);
    return !!campaign && allows(actor, 'hazard.handle', campaign.organizerPath) && (await this.handlers.existsBy({ campaignId, personId: actor.personId }));
  }

  /** Only the campaign's designated handlers handle its reports (other committee members may not). */
  async assertHandler(campaignId: string, actor: Actor): Promise<void> {
    if (!(await this.isHandler(campaignId, actor))) throw ApiException.forbidden('只有本活动指定的隐患处理人可以处理举报');
  }
}

function settingsOf(row: HazardSettings): StoredHazardSettings {
  return { allowAnonymous: row.allowAnonymous, allowPublic: row.allowPublic, categories: row.categories, zeroingDate: row.zeroingDate, fields: { ...NO_FIELDS, ...row.fields } };
}
