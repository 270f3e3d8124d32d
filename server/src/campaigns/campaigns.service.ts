import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CampaignDto,
  CampaignSummaryDto,
  CampaignTemplateSummary,
  comingCampaignYear,
  CreateCampaignRequest,
  DeadlineRule,
  defaultCampaignTitle,
  defaultLiaisonForm,
  defaultMediaRequirements,
  ErrorCode,
  ErrorDetail,
  LIAISON_FIELDS,
  LiaisonFormSettings,
  DeliverableKind,
  deliverablesToMeet,
  nextDeadline,
  ReplaceDeliverablesRequest,
  ReplaceItemsRequest,
  UnitSummary,
  UpdateCampaignRequest,
  validateDeadlineRule,
} from '@safemonth/shared';
import { In } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { StatisticsService } from '../statistics/statistics.service';
import type { Unit } from '../units/unit.entity';
import { isAtOrBelow, UnitsService } from '../units/units.service';
import { ActivityItem, Campaign, Deliverable, StatisticsField } from './campaign.entity';
import { CAMPAIGN_TEMPLATES, CampaignTemplate, templateItems } from './templates';
import { shiftPhases, shiftRule, shiftTitle } from './year-shift';

type ItemInput = ReplaceItemsRequest['items'][number];

export interface ItemWithFields {
  item: ActivityItem;
  fields: StatisticsField[];
}

/**
 * A campaign as the services read it: as the API answers it (`CampaignDto`, see `view`) but for
 * where the caller's committee looks into it, which only that answer needs.
 */
export type CampaignDetail = Omit<CampaignDto, 'overseenUnits'>;

/** Told, once the campaign's new deliverables are committed, that they were replaced. */
export type DeliverablesReplaced = (change: { campaignId: string }) => Promise<void>;

@Injectable()
export class CampaignsService {
  private readonly replacedListeners: DeliverablesReplaced[] = [];

  constructor(
    private readonly database: Database,
    private readonly units: UnitsService,
    private readonly statistics: StatisticsService,
    private readonly clock: Clock,
  ) {}

  /** Registers a listener of replaced deliverables (a liaison form deliverable added counts the forms saved already). */
  onDeliverablesReplaced(listener: DeliverablesReplaced): void {
    this.replacedListeners.push(listener);
  }

  private get campaigns() {
    return this.database.repository(Campaign);
  }

  private get items() {
    return this.database.repository(ActivityItem);
  }

  private get fields() {
    return this.database.repository(StatisticsField);
  }

  private get deliverables() {
    return this.database.repository(Deliverable);
  }

  /** What the access guard needs to know of a campaign: its organizer's tree path, and whether it is published. */
  async accessTarget(id: string): Promise<{ organizerPath: string; published: boolean } | null> {
    const row = await this.campaigns
      .createQueryBuilder('c')
      .innerJoin('c.organizingUnit', 'u')
      .select(['u.path AS path', 'c.status AS status'])
      .where('c.id = :id', { id })
      .getRawOne<{ path: string; status: Campaign['status'] }>();
    return row ? { organizerPath: row.path, published: row.status === 'published' } : null;
  }

  /** Whether a campaign names the unit among its participating units (ids kept in a JSON list). */
  async hasParticipant(unitId: string): Promise<boolean> {
    return this.campaigns.createQueryBuilder('c').where('c.participatingUnitIds LIKE :id', { id: `%"${unitId}"%` }).getExists();
  }

  async getEntity(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw ApiException.notFound('活动不存在');
    return campaign;
  }

  /**
   * The campaign, its row locked until the caller's transaction ends, so that checks against its
   * limits (e.g. liaisons per unit) hold when several processes write at once.
   */
  async locked(id: string): Promise<Campaign> {
    const campaign = await this.database.locked(Campaign, id);
    if (!campaign) throw ApiException.notFound('活动不存在');
    return campaign;
  }

  /** An item of the campaign with its statistics fields, or null when the campaign has no such item. */
  async item(campaignId: string, itemId: string): Promise<ItemWithFields | null> {
    const [item, fields] = await Promise.all([
      this.items.findOneBy({ id: itemId, campaignId }),
      this.fields.find({ where: { itemId, campaignId }, order: { position: 'ASC' } }),
    ]);
    return item ? { item, fields } : null;
  }

  /** Items and fields by id, to describe reports. */
  async describe(itemIds: string[], fieldIds: string[]): Promise<{ items: Map<string, ActivityItem>; fields: Map<string, StatisticsField> }> {
    const [items, fields] = await Promise.all([
      itemIds.length ? this.items.findBy({ id: In(itemIds) }) : [],
      fieldIds.length ? this.fields.findBy({ id: In(fieldIds) }) : [],
    ]);
    return { items: new Map(items.map((i) => [i.id, i])), fields: new Map(fields.map((f) => [f.id, f])) };
  }

  /**
   * The campaign and unit of something done for a unit within a campaign (a report, an upload, a
   * liaison form): the campaign must be published and the unit take part in it. `doing` completes
   * "暂不能…".
   */
  async openFor(campaignId: string, unitId: string, doing: string): Promise<{ campaign: Campaign; unit: Unit }> {
    const [campaign, unit] = await Promise.all([this.getEntity(campaignId), this.units.get(unitId)]);
    const refuse = (message: string, field: string, detail: string) =>
      new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, message, [{ field, message: detail }]);
    if (campaign.status !== 'published') throw refuse(`活动尚未发布，暂不能${doing}`, 'campaignId', '活动尚未发布');
    if (!this.participates(campaign, unit.path)) throw refuse('该单位不在本活动的参与范围内', 'unitId', '不在参与范围内');
    return { campaign, unit };
  }

  /** Does the unit at `unitPath` take part in the campaign? Its path names the roots above it, so nothing is read. */
  participates(campaign: Campaign, unitPath: string): boolean {
    const roots = campaign.participatingUnitIds.length ? campaign.participatingUnitIds : [campaign.organizingUnitId];
    return roots.some((id) => isAtOrBelow(unitPath, id));
  }

  /** The campaigns that concern the actor: published ones above or at their units, and those they manage. */
  async listFor(actor: Actor): Promise<CampaignSummaryDto[]> {
    // A workplace has tens of campaigns, not thousands: reading them all and asking the policy
    // about each keeps the rule in one place.
    const all = await this.campaigns.find({ order: { year: 'DESC', createdAt: 'DESC' } });
    const organizers = new Map((await this.units.findMany([...new Set(all.map((c) => c.organizingUnitId))])).map((u) => [u.id, u]));
    const visible = all.filter((c) => {
      const unit = organizers.get(c.organizingUnitId);
      return unit && allows(actor, 'campaign.read', unit.path, { published: c.status === 'published' });
    });
    const rules = await this.deliverables.find({ where: { campaignId: In(visible.map((c) => c.id)) }, order: { position: 'ASC' } });
    return visible.map((c) =>
      this.summary(c, organizers.get(c.organizingUnitId) as Unit, rules.filter((d) => d.campaignId === c.id), actor),
    );
  }

  async get(id: string, actor: Actor): Promise<CampaignDetail> {
    return (await this.read(id, actor)).detail;
  }

  /** The campaign as the API answers it: `get`, and where the caller's committee looks into it. */
  async view(id: string, actor: Actor): Promise<CampaignDto> {
    const { campaign, organizer, detail } = await this.read(id, actor);
    return { ...detail, overseenUnits: await this.overseenUnits(campaign, organizer, actor) };
  }

  private async read(id: string, actor: Actor): Promise<{ campaign: Campaign; organizer: Unit; detail: CampaignDetail }> {
    const campaign = await this.getEntity(id);
    const [organizer, items, fields, deliverables] = await Promise.all([
      this.units.get(campaign.organizingUnitId),
      this.items.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
      this.fields.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
      this.deliverables.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
    ]);
    const withData = await this.statistics.fieldsWithData(fields.map((f) => f.id));
    const detail: CampaignDetail = {
      ...this.summary(campaign, organizer, deliverables, actor),
      slogans: campaign.slogans,
      media: campaign.media,
      liaisonForm: campaign.liaisonForm,
      participatingUnitIds: campaign.participatingUnitIds,
      autoAcceptReports: campaign.autoAcceptReports,
      allowSelfReviewInSingleMemberUnits: campaign.allowSelfReviewInSingleMemberUnits,
      items: items.map((item) => ({
        id: item.id,
        title: item.title,
        requirement: item.requirement,
        fieldText: item.fieldText,
        fields: fields
          .filter((f) => f.itemId === item.id)
          .map((f) => ({ id: f.id, kind: f.kind, label: f.label, unit: f.unit, hasData: withData.has(f.id) })),
      })),
      deliverables: deliverables.map((d) => ({ id: d.id, kind: d.kind, title: d.title, rule: d.rule })),
      publishedAt: campaign.publishedAt?.toISOString() ?? null,
      editable: allows(actor, 'campaign.manage', organizer.path),
      liaisonUnits: await this.liaisonUnits(campaign, actor),
    };
    return { campaign, organizer, detail };
  }

  private async liaisonUnits(campaign: Campaign, actor: Actor): Promise<UnitSummary[]> {
    const mine = actor.memberships.filter((m) => m.role === 'liaison');
    const taking = mine.filter((m) => this.participates(campaign, m.unitPath)).map((m) => m.unitId);
    return (await this.units.findMany(taking)).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  }

  /**
   * Where the caller's committee looks into the campaign: the organizing unit and the participating
   * roots it covers, and, for a committee of a unit within a participating root, that unit's subtree
   * (it sees nothing above). A committee unit inside one already listed adds nothing.
   */
  private async overseenUnits(campaign: Campaign, organizer: Unit, actor: Actor): Promise<UnitSummary[]> {
    const committees = actor.memberships.filter((m) => m.role === 'committee');
    if (committees.length === 0) return [];
    const roots = campaign.participatingUnitIds.length ? await this.units.findMany(campaign.participatingUnitIds) : [organizer];
    const covered = [organizer, ...roots.filter((root) => root.id !== organizer.id)].filter((unit) =>
      committees.some((m) => isAtOrBelow(unit.path, m.unitId)),
    );
    const within = committees.filter(
      (m) => roots.some((root) => isAtOrBelow(m.unitPath, root.id)) && !covered.some((unit) => isAtOrBelow(m.unitPath, unit.id)),
    );
    // Of two such units, one above the other, the upper one.
    const outermost = within.filter((m) => !within.some((other) => other.unitId !== m.unitId && isAtOrBelow(m.unitPath, other.unitId)));
    const units = [...covered, ...(await this.units.findMany(outermost.map((m) => m.unitId)))];
    return units.sort((x, y) => (x.path < y.path ? -1 : 1)).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  }

  async create(request: CreateCampaignRequest): Promise<Campaign> {
    const organizer = await this.units.get(request.organizingUnitId);
    return this.database.transaction(() => this.createWithin(request, organizer));
  }

  templates(): CampaignTemplateSummary[] {
    return CAMPAIGN_TEMPLATES.map((t) => ({
      id: t.id,
      title: t.title,
      issuedBy: t.issuedBy,
      year: t.year,
      name: t.name,
      itemCount: templateItems(t).length,
      deliverableCount: t.deliverables.length,
    }));
  }

  /**
   * A draft made from one of the shipped templates, every date moved to `year` (default: the coming
   * June's). The title names no place: the template's is the issuer's own.
   */
  async createFromTemplate(templateId: string, organizingUnitId: string, year?: number, title?: string): Promise<Campaign> {
    const template: CampaignTemplate | undefined = CAMPAIGN_TEMPLATES.find((t) => t.id === templateId);
    if (!template) throw ApiException.notFound('模板不存在');
    const target = year ?? comingCampaignYear(this.clock.now());
    const shift = target - template.year;
    const organizer = await this.units.get(organizingUnitId);
    return this.database.transaction(async () => {
      const campaign = await this.createWithin({
        organizingUnitId,
        title: title?.trim() || defaultCampaignTitle(target, template.name),
        year: target,
        theme: template.theme,
        phases: shiftPhases(template.phases, shift),
        slogans: template.slogans,
        media: template.media,
        liaisonForm: template.liaisonForm,
      }, organizer);
      await this.writeItems(campaign.id, templateItems(template), new Map());
      await this.writeDeliverables(
        campaign.id,
        template.deliverables.map((d) => ({ ...d, title: shiftTitle(d.title, template.year, target), rule: shiftRule(d.rule, shift) })),
      );
      return campaign;
    });
  }

  /** A new draft for another year: same settings, items, fields and deliverables, dates moved. */
  async clone(id: string, year: number): Promise<Campaign> {
    const source = await this.getEntity(id);
    const shift = year - source.year;
    const [items, fields, deliverables] = await Promise.all([
      this.items.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
      this.fields.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
      this.deliverables.find({ where: { campaignId: id }, order: { position: 'ASC' } }),
    ]);
    const organizer = await this.units.get(source.organizingUnitId);
    return this.database.transaction(async () => {
      const campaign = await this.createWithin({
        organizingUnitId: source.organizingUnitId,
        title: shiftTitle(source.title, source.year, year),
        year,
        theme: source.theme,
        phases: shiftPhases(source.phases, shift),
        slogans: source.slogans,
        media: source.media,
        liaisonForm: source.liaisonForm,
        participatingUnitIds: source.participatingUnitIds,
        autoAcceptReports: source.autoAcceptReports,
        allowSelfReviewInSingleMemberUnits: source.allowSelfReviewInSingleMemberUnits,
      }, organizer);
      const copied = items.map((item) => ({
        title: item.title,
        requirement: item.requirement,
        fieldText: item.fieldText,
        fields: fields.filter((f) => f.itemId === item.id).map((f) => ({ kind: f.kind, label: f.label, unit: f.unit })),
      }));
      await this.writeItems(campaign.id, copied, new Map());
      await this.writeDeliverables(
        campaign.id,
        deliverables.map((d) => ({ kind: d.kind, title: shiftTitle(d.title, source.year, year), rule: shiftRule(d.rule, shift) })),
      );
      return campaign;
    });
  }

  async update(id: string, request: UpdateCampaignRequest): Promise<void> {
    const campaign = await this.getEntity(id);
    const organizer = await this.units.get(campaign.organizingUnitId);
    Object.assign(campaign, {
      ...(request.title !== undefined ? { title: request.title.trim() } : {}),
      ...(request.year !== undefined ? { year: request.year } : {}),
      ...(request.theme !== undefined ? { theme: request.theme.trim() } : {}),
      ...(request.phases ? { phases: request.phases } : {}),
      ...(request.slogans ? { slogans: cleanSlogans(request.slogans) } : {}),
      ...(request.media ? { media: request.media } : {}),
      ...(request.liaisonForm ? { liaisonForm: normalizeLiaisonForm(request.liaisonForm) } : {}),
      ...(request.participatingUnitIds ? { participatingUnitIds: [...new Set(request.participatingUnitIds)] } : {}),
      ...(request.autoAcceptReports !== undefined ? { autoAcceptReports: request.autoAcceptReports } : {}),
      ...(request.allowSelfReviewInSingleMemberUnits !== undefined
        ? { allowSelfReviewInSingleMemberUnits: request.allowSelfReviewInSingleMemberUnits }
        : {}),
    });
    await this.checkSettings(campaign, organizer);
    await this.campaigns.save(campaign);
  }

  /**
   * Replaces the campaign's items and their fields. Items and fields sent with their `id` are kept
   * (and any data in them); a field that holds data cannot be removed or change its kind.
   */
  async replaceItems(id: string, request: ReplaceItemsRequest): Promise<void> {
    await this.getEntity(id);
    await this.database.transaction(async () => {
      const existing = await this.fields.find({ where: { campaignId: id } });
      const byId = new Map(existing.map((f) => [f.id, f]));
      const existingItems = new Set((await this.items.find({ where: { campaignId: id }, select: ['id'] })).map((i) => i.id));
      const problems: ErrorDetail[] = [];
      request.items.forEach((item, i) => {
        if (item.id && !existingItems.has(item.id)) problems.push({ field: `items.${i}.id`, message: '活动项目不属于本活动' });
        item.fields.forEach((field, j) => {
          if (field.id && !byId.has(field.id)) problems.push({ field: `items.${i}.fields.${j}.id`, message: '统计项不属于本活动' });
        });
      });
      if (problems.length) throw ApiException.badRequest('请求参数有误（统计项不属于本活动）', problems);

      const kept = new Map(request.items.flatMap((item) => item.fields.filter((f) => f.id).map((f) => [f.id as string, f])));
      const withData = await this.statistics.fieldsWithData(existing.map((f) => f.id));
      const blocked: ErrorDetail[] = [];
      for (const field of existing) {
        if (!withData.has(field.id)) continue;
        const next = kept.get(field.id);
        if (!next) blocked.push({ field: `fields.${field.id}`, message: `统计项“${field.label}”已有数据，不能删除` });
        else if (next.kind !== field.kind) blocked.push({ field: `fields.${field.id}`, message: `统计项“${field.label}”已有数据，不能更改类型` });
      }
      if (blocked.length) {
        throw new ApiException(HttpStatus.CONFLICT, ErrorCode.Conflict, blocked.map((b) => b.message).join('；'), blocked);
      }
      await this.writeItems(id, request.items, byId);
    });
  }

  async replaceDeliverables(id: string, request: ReplaceDeliverablesRequest): Promise<void> {
    await this.getEntity(id);
    const problems = request.deliverables.flatMap((d, i) =>
      validateDeadlineRule(d.rule).map((message) => ({ field: `deliverables.${i}.rule`, message })),
    );
    if (problems.length) throw ApiException.badRequest(`截止规则有误：${problems[0].message}`, problems);
    await this.database.transaction(async () => {
      // Under the campaign's lock, as a saved liaison form: one saved meanwhile either sees the new
      // deliverables or has committed before the listeners look.
      await this.locked(id);
      const existing = new Set((await this.deliverables.find({ where: { campaignId: id }, select: ['id'] })).map((d) => d.id));
      const foreign = request.deliverables.findIndex((d) => d.id && !existing.has(d.id));
      if (foreign >= 0) throw ApiException.badRequest('材料不属于本活动', [{ field: `deliverables.${foreign}.id`, message: '材料不属于本活动' }]);
      await this.writeDeliverables(id, request.deliverables);
    });
    for (const listener of this.replacedListeners) await listener({ campaignId: id });
  }

  /** The deliverables of that kind, of the campaign or of every campaign. */
  async deliverablesOfKind(kind: DeliverableKind, campaignId?: string): Promise<{ id: string; campaignId: string }[]> {
    return this.deliverables.find({ where: { kind, ...(campaignId ? { campaignId } : {}) }, select: ['id', 'campaignId'], order: { campaignId: 'ASC', position: 'ASC' } });
  }

  /** The published campaigns, each with its deliverables in order: those whose units are reminded. */
  async publishedWithDeliverables(): Promise<{ campaign: Campaign; deliverables: Deliverable[] }[]> {
    const campaigns = await this.campaigns.findBy({ status: 'published' });
    const deliverables = campaigns.length ? await this.deliverables.find({ where: { campaignId: In(campaigns.map((c) => c.id)) }, order: { position: 'ASC' } }) : [];
    return campaigns.map((campaign) => ({ campaign, deliverables: deliverables.filter((d) => d.campaignId === campaign.id) }));
  }

  /** Opens a draft to its units. Published campaigns stay published. */
  async publish(id: string): Promise<void> {
    const campaign = await this.getEntity(id);
    if (campaign.status === 'published') throw ApiException.conflict('活动已经发布');
    const [itemCount, deliverableCount] = await Promise.all([
      this.items.countBy({ campaignId: id }),
      this.deliverables.countBy({ campaignId: id }),
    ]);
    const missing: ErrorDetail[] = [];
    if (itemCount === 0) missing.push({ field: 'items', message: '至少需要一个活动项目' });
    if (deliverableCount === 0) missing.push({ field: 'deliverables', message: '至少需要一项报送材料及截止时间' });
    if (campaign.phases.length === 0) missing.push({ field: 'phases', message: '请设置活动阶段（起止日期）' });
    if (missing.length) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, `活动还不能发布：${missing.map((m) => m.message).join('；')}`, missing);
    }
    // Guarded, so that two publishers at once publish it once.
    await this.campaigns.update({ id, status: 'draft' }, { status: 'published', publishedAt: this.clock.now() });
  }

  /** The summary as the actor sees it: the next deadline is the next of theirs to meet. */
  private summary(campaign: Campaign, organizer: Unit, deliverables: Deliverable[], actor: Actor): CampaignSummaryDto {
    // The same test as the app's (a liaison of a taking-part unit, or a manager: see liaisonUnits and editable).
    const fillsLiaisonForm =
      allows(actor, 'campaign.manage', organizer.path) ||
      actor.memberships.some((m) => m.role === 'liaison' && this.participates(campaign, m.unitPath));
    const theirs = deliverablesToMeet(deliverables, fillsLiaisonForm);
    const next = nextDeadline(theirs.map((d) => ({ id: d.id, rule: d.rule })), this.clock.now());
    const deliverable = next && theirs.find((d) => d.id === next.id);
    return {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      theme: campaign.theme,
      status: campaign.status,
      organizingUnit: { id: organizer.id, name: organizer.name, kind: organizer.kind },
      phases: campaign.phases,
      nextDeadline:
        next && deliverable
          ? { deliverableId: deliverable.id, title: deliverable.title, periodKey: next.instance.periodKey, dueAt: next.instance.dueAt }
          : null,
    };
  }

  private async createWithin(request: CreateCampaignRequest, organizer: Unit): Promise<Campaign> {
    const campaign = this.campaigns.create({
      organizingUnitId: organizer.id,
      title: request.title.trim(),
      year: request.year,
      theme: request.theme?.trim() ?? '',
      status: 'draft',
      phases: request.phases ?? [],
      slogans: cleanSlogans(request.slogans ?? []),
      media: request.media ?? defaultMediaRequirements(),
      liaisonForm: normalizeLiaisonForm(request.liaisonForm ?? defaultLiaisonForm()),
      participatingUnitIds: [...new Set(request.participatingUnitIds ?? [])],
      autoAcceptReports: request.autoAcceptReports ?? false,
      allowSelfReviewInSingleMemberUnits: request.allowSelfReviewInSingleMemberUnits ?? false,
      publishedAt: null,
    });
    await this.checkSettings(campaign, organizer);
    return this.campaigns.save(campaign);
  }

  private async writeItems(campaignId: string, items: ItemInput[], existing: Map<string, StatisticsField>) {
    const keptItems = new Set(items.map((i) => i.id).filter(Boolean));
    const keptFields = new Set(items.flatMap((i) => i.fields.map((f) => f.id)).filter(Boolean));
    const goneFields = [...existing.keys()].filter((fieldId) => !keptFields.has(fieldId));
    if (goneFields.length) await this.fields.delete({ id: In(goneFields) });
    // Items go last: a kept field may be moving out of one of them, and deleting an item takes its
    // fields along.
    const oldItems = await this.items.find({ where: { campaignId }, select: ['id'] });
    for (const [position, input] of items.entries()) {
      const item = this.items.create({
        ...(input.id ? { id: input.id } : {}),
        campaignId,
        position,
        title: input.title.trim(),
        requirement: input.requirement.trim(),
        fieldText: input.fieldText,
      });
      await this.items.save(item);
      const fields = input.fields.map((field, index) =>
        this.fields.create({
          ...(field.id ? { id: field.id } : {}),
          itemId: item.id,
          campaignId,
          position: index,
          kind: field.kind,
          label: field.label.trim(),
          unit: field.kind === 'count' ? field.unit.trim() : '',
        }),
      );
      if (fields.length) await this.fields.save(fields);
    }
    const goneItems = oldItems.map((i) => i.id).filter((itemId) => !keptItems.has(itemId));
    if (goneItems.length) await this.items.delete({ id: In(goneItems) });
  }

  private async writeDeliverables(
    campaignId: string,
    deliverables: { id?: string; kind: Deliverable['kind']; title: string; rule: DeadlineRule }[],
  ) {
    const kept = deliverables.map((d) => d.id).filter((x): x is string => !!x);
    const old = await this.deliverables.find({ where: { campaignId }, select: ['id'] });
    const gone = old.map((d) => d.id).filter((x) => !kept.includes(x));
    if (gone.length) await this.deliverables.delete({ id: In(gone) });
    await this.deliverables.save(
      deliverables.map((d, position) =>
        this.deliverables.create({ ...(d.id ? { id: d.id } : {}), campaignId, position, kind: d.kind, title: d.title.trim(), rule: cleanRule(d.rule) }),
      ),
    );
  }

  private async checkSettings(campaign: Campaign, organizer: Unit): Promise<void> {
    const problems: ErrorDetail[] = [];
    campaign.phases.forEach((phase, i) => {
      if (phase.start > phase.end) problems.push({ field: `phases.${i}`, message: `阶段“${phase.name}”的开始日期晚于结束日期` });
    });
    if (campaign.participatingUnitIds.length) {
      const units = await this.units.findMany(campaign.participatingUnitIds);
      campaign.participatingUnitIds.forEach((unitId, i) => {
        const unit = units.find((u) => u.id === unitId);
        if (!unit || !unit.path.startsWith(organizer.path)) {
          problems.push({ field: `participatingUnitIds.${i}`, message: '参与单位须是组织单位或其下级单位' });
        }
      });
    }
    if (problems.length) throw ApiException.badRequest(`请求参数有误（${problems[0].message}）`, problems);
  }
}

/** Every field of the form once, in the official order; a required field is always asked. */
export function normalizeLiaisonForm(settings: LiaisonFormSettings): LiaisonFormSettings {
  const given = new Map(settings.fields.map((f) => [f.key, f]));
  return {
    maxLiaisonsPerUnit: settings.maxLiaisonsPerUnit,
    fields: LIAISON_FIELDS.map((key) => {
      const field = given.get(key);
      return { key, asked: !!field && (field.asked || field.required), required: !!field?.required };
    }),
  };
}

function cleanSlogans(slogans: string[]): string[] {
  return slogans.map((s) => s.trim()).filter(Boolean);
}

/** Only the keys a rule of its kind has, so nothing else is stored with it. */
function cleanRule(rule: DeadlineRule): DeadlineRule {
  if (rule.kind === 'once') return { kind: 'once', due: rule.due, ...(rule.opens ? { opens: rule.opens } : {}) };
  if (rule.kind === 'weekly') return { kind: 'weekly', weekday: rule.weekday, ...(rule.time ? { time: rule.time } : {}), from: rule.from, until: rule.until };
  return { kind: 'monthly', day: rule.day, ...(rule.time ? { time: rule.time } : {}), from: rule.from, until: rule.until };
}
