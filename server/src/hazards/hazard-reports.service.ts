import { createHmac, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import {
  CreateHazardRequest,
  CreateHazardResponse,
  ErrorCode,
  ErrorDetail,
  HazardCampaignDto,
  HazardFollowUpDto,
  HazardMediaDto,
  HazardMessageDto,
  HazardPassDto,
  HazardReporterDto,
  IdentityAccessDto,
  normalizeReceiptCode,
  Page,
  PageQuery,
  pageWindow,
  RECEIPT_CODE_DIGITS,
} from '@safemonth/shared';
import { In, IsNull, LessThan } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import type { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { PollingLoop } from '../common/polling-loop';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database.service';
import { isUniqueViolation } from '../database/errors';
import { MediaService } from '../media/media.service';
import { PeopleService } from '../people/people.service';
import { clientKey, Hit, RateLimitService } from '../rate-limit/rate-limit.service';
import type { Unit } from '../units/unit.entity';
import { isAtOrBelow, UnitsService } from '../units/units.service';
import { Hazard, HazardIdentityAccess, HazardMedia, HazardMessage, HazardReporter } from './hazard.entity';
import { E6, HAZARD_NOT_FOUND, holdMedia, MB, rewardOf, storedKeys, toHazardMediaDto, toMessageDto, unprocessable } from './hazard-case';
import { HazardHandlingService } from './hazard-handling.service';
import { isPassFor, issuePass } from './hazard-pass';
import { HazardSettingsService, StoredHazardSettings } from './hazard-settings.service';

/** How often each process removes the photos and videos no case holds (several processes may do it at once). */
const SWEEP_INTERVAL_MS = 6 * 60 * 60 * 1000;
const SWEEP_BATCH = 200;
/** Half a code: randomInt draws below 2⁴⁸, so a code is two draws of 8 digits. */
const HALF = 10 ** (RECEIPT_CODE_DIGITS / 2);

const WRONG_CODE = '回执码不存在，请核对后重新输入';

const tooMany = (what: string) => (seconds: number) => new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `${what}，请 ${seconds} 秒后再试`);
const notPublished = () => unprocessable('活动尚未发布，暂不能举报', [{ field: 'campaignId', message: '活动尚未发布' }]);
const NO_ANONYMOUS = '本活动不接受匿名举报，请登录后实名举报';
const PASS_REFUSED = '匿名举报凭证无效或已过期，请重新打开举报页面';

/** 16 random digits from the system's CSPRNG: 10¹⁶ codes (more than 2⁵³), each digit as likely as any other. */
export function newReceiptCode(): string {
  const half = () => String(randomInt(HALF)).padStart(RECEIPT_CODE_DIGITS / 2, '0');
  return half() + half();
}

/** A campaign taking reports from the caller, with its settings. */
interface Open {
  campaign: Campaign;
  settings: StoredHazardSettings;
  organizer: Unit;
}

/**
 * The reporting side of hidden-hazard reports: who may report where, evidence uploads (every
 * metadata stripped), new reports (anonymous ones keep nothing of their reporter: the receipt
 * code's HMAC is the only link), the reporter's follow-up (by receipt code or in "my reports")
 * and messages both ways, and the handlers' audited reads of named reporters.
 */
@Injectable()
export class HazardReportsService implements OnModuleDestroy {
  private readonly sweeper = new PollingLoop(HazardReportsService.name, SWEEP_INTERVAL_MS, () => this.sweepUnattached());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly settings: HazardSettingsService,
    private readonly handling: HazardHandlingService,
    private readonly media: MediaService,
    private readonly rateLimit: RateLimitService,
    private readonly clock: Clock,
  ) {}

  private get hazards() {
    return this.database.repository(Hazard);
  }

  private get reporters() {
    return this.database.repository(HazardReporter);
  }

  private get files() {
    return this.database.repository(HazardMedia);
  }

  private get messages() {
    return this.database.repository(HazardMessage);
  }

  private get identityReads() {
    return this.database.repository(HazardIdentityAccess);
  }

  /** What the access guard needs: the tree path of the organizing unit of the report's campaign, whose committee handles it. */
  async accessTarget(id: string): Promise<{ path: string } | null> {
    const row = await this.hazards
      .createQueryBuilder('h')
      .innerJoin('h.campaign', 'c')
      .innerJoin('c.organizingUnit', 'u')
      .select('u.path', 'path')
      .where('h.id = :id', { id })
      .getRawOne<{ path: string }>();
    return row ? { path: row.path } : null;
  }

  // --- who may report where ----------------------------------------------------------------------

  /**
   * The published campaigns taking reports from the caller: those open to the public, and for the
   * signed-in those they can see (published, in the organizing unit's subtree).
   */
  async campaignsFor(actor: Actor | null): Promise<HazardCampaignDto[]> {
    const readable = actor ? (await this.campaigns.listFor(actor)).filter((c) => c.status === 'published').map((c) => c.id) : [];
    const open = await this.settings.publicCampaignIds();
    const ids = [...new Set([...readable, ...open])];
    const settings = await this.settings.storedMany(ids);
    const campaigns = (await Promise.all(ids.map((id) => this.campaigns.getEntity(id)))).filter((c) => c.status === 'published');
    const organizers = new Map((await this.units.findMany([...new Set(campaigns.map((c) => c.organizingUnitId))])).map((u) => [u.id, u]));
    return campaigns
      .sort((a, b) => b.year - a.year || b.createdAt.getTime() - a.createdAt.getTime())
      .map((c) => {
        const s = settings.get(c.id) as StoredHazardSettings;
        return {
          id: c.id,
          title: c.title,
          organizingUnitName: organizers.get(c.organizingUnitId)?.name ?? '',
          categories: s.categories,
          allowAnonymous: s.allowAnonymous,
          allowPublic: s.allowPublic,
        };
      });
  }

  /**
   * The campaign, if it takes named reports from the signed-in caller: published, and open to the
   * public or seen by the caller.
   */
  private async open(campaignId: string, caller: Actor): Promise<Open> {
    const target = await this.campaigns.accessTarget(campaignId);
    const settings = await this.settings.stored(campaignId);
    if (!target?.published || !settings.allowPublic) {
      if (!target || !allows(caller, 'campaign.read', target.organizerPath, { published: target.published })) throw ApiException.notFound('活动不存在');
    }
    return this.opened(campaignId, settings);
  }

  /**
   * The campaign, if it takes anonymous reports and their evidence with this pass (or none). No
   * bearer token is looked at: a campaign open to the public takes them from anyone, any other one
   * only with its own unexpired pass (`issuePass`), which names nobody.
   */
  private async openAnonymously(campaignId: string, pass: string | undefined): Promise<Open> {
    const target = await this.campaigns.accessTarget(campaignId);
    const settings = await this.settings.stored(campaignId);
    if (!target?.published || !settings.allowPublic) {
      // Without a pass any id but a published campaign open to all (missing, a draft, members
      // only) answers alike, so that none is confirmed.
      if (pass === undefined) throw ApiException.unauthenticated('本活动只接受已登录用户的举报，请先登录');
      if (!isPassFor(this.config.hazards.receiptSecret, pass, campaignId, this.clock.now())) throw ApiException.unauthenticated(PASS_REFUSED);
    }
    return this.opened(campaignId, settings);
  }

  private async opened(campaignId: string, settings: StoredHazardSettings): Promise<Open> {
    const campaign = await this.campaigns.getEntity(campaignId);
    if (campaign.status !== 'published') throw notPublished();
    return { campaign, settings, organizer: await this.units.get(campaign.organizingUnitId) };
  }

  /**
   * A pass for anonymous reports to a published campaign taking them, for a caller who sees it (the
   * access guard): what the form fetches when it opens, so that the report itself goes without the
   * session. Nothing is written, and the caller is in no part of it.
   */
  async pass(campaignId: string): Promise<HazardPassDto> {
    const campaign = await this.campaigns.getEntity(campaignId);
    if (campaign.status !== 'published') throw notPublished();
    if (!(await this.settings.stored(campaignId)).allowAnonymous) throw ApiException.forbidden(NO_ANONYMOUS);
    return issuePass(this.config.hazards.receiptSecret, campaignId, this.clock.now());
  }

  // --- evidence ------------------------------------------------------------------------------------

  /**
   * Receives one photo or video for a report of the campaign, its metadata (EXIF, GPS, maker notes)
   * stripped before it is stored: for an anonymous report when a pass is sent or no one is signed
   * in (the pass rules), else for the caller's named report. Counted per campaign, not per caller:
   * nothing of an anonymous uploader is kept, not even to count.
   */
  async upload(campaignId: string, caller: Actor | null, pass: string | undefined, request: IncomingMessage): Promise<HazardMediaDto> {
    const { campaign } = pass !== undefined || !caller ? await this.openAnonymously(campaignId, pass) : await this.open(campaignId, caller);
    await this.rateLimit.consume(`hazard-media:${campaignId}`, { limit: this.config.hazards.mediaPerMinute, windowSeconds: 60 }, tooMany('本活动的上传过于频繁'));
    const rules = campaign.media;
    const file = await this.media.receiveLoose(request, {
      maxBytes: rules.maxFileSizeMb * MB,
      stripMetadata: true,
      photoFormats: rules.photoFormats,
      videoFormats: rules.videoFormats,
    });
    const row = this.files.create({ campaignId, hazardId: null, role: 'evidence', ...file, createdAt: this.clock.now() });
    try {
      await this.files.createQueryBuilder().insert().values(row).updateEntity(false).execute();
    } catch (error) {
      await this.media.removeStored(storedKeys(file));
      throw error;
    }
    return toHazardMediaDto(row, false);
  }

  /**
   * Removes, file and all, the photos and videos uploaded more than UNATTACHED_MEDIA_DAYS ago that no
   * case holds: evidence of a report given up on, rectification photos never sent or dropped when
   * the unit sent others. Each row goes with a guarded delete, so that a case taking it at that
   * moment keeps it and several processes may sweep at once. Answers how many went.
   */
  async sweepUnattached(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.unattachedMediaDays * 24 * 60 * 60 * 1000);
    let removed = 0;
    for (;;) {
      const stale = await this.files.find({
        where: { hazardId: IsNull(), createdAt: LessThan(cutoff) },
        select: ['id', 'storageKey', 'thumbnailKey'],
        take: SWEEP_BATCH,
      });
      for (const file of stale) {
        const { affected } = await this.files.delete({ id: file.id, hazardId: IsNull() });
        if (!affected) continue;
        removed++;
        await this.media.removeStored(storedKeys(file));
      }
      if (stale.length < SWEEP_BATCH) return removed;
    }
  }

  /** Sweeps now and every 6 hours, in the background (the server process starts this; tests sweep when they say). */
  startSweeping(): void {
    this.sweeper.start(true);
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
  }

  // --- new reports ---------------------------------------------------------------------------------

  /**
   * Files a report. Anonymous: the caller is not looked at, only the pass where the campaign wants
   * one; the answer carries the receipt code, once. Named: the reporter's identity is written apart
   * from the case (`hazard_reporter`).
   */
  async create(campaignId: string, request: CreateHazardRequest, caller: Actor | null, clientAddress: string, pass?: string): Promise<CreateHazardResponse> {
    if (request.anonymous) return this.createAnonymous(await this.openAnonymously(campaignId, pass), request);
    if (!caller) throw ApiException.unauthenticated('实名举报请先登录；未登录只能匿名举报');
    return this.createNamed(await this.open(campaignId, caller), request, caller, clientAddress);
  }

  private async createAnonymous({ campaign, settings, organizer }: Open, request: CreateHazardRequest): Promise<CreateHazardResponse> {
    if (!settings.allowAnonymous) throw ApiException.forbidden(NO_ANONYMOUS);
    const unit = await this.checkInput(settings, organizer, request);
    // Per campaign, never per caller: counting a caller would keep something of them.
    await this.rateLimit.consume(
      `hazard-anonymous:${campaign.id}`,
      { limit: this.config.hazards.anonymousReportsPerMinute, windowSeconds: 60 },
      tooMany('本活动的匿名举报过于频繁'),
    );
    for (let attempt = 0; ; attempt++) {
      const code = newReceiptCode();
      const hazard = this.newHazard(campaign, request, unit, this.receiptHash(code));
      try {
        await this.database.transaction(() => this.write(hazard, request.mediaIds));
      } catch (error) {
        // 10¹⁶ codes: a clash is all but impossible, and another draw settles it.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        continue;
      }
      return { receiptCode: code, followUp: (await this.followUps([hazard]))[0] };
    }
  }

  private async createNamed({ campaign, settings, organizer }: Open, request: CreateHazardRequest, actor: Actor, clientAddress: string): Promise<CreateHazardResponse> {
    const unit = await this.checkInput(settings, organizer, request);
    const person = await this.people.get(actor.personId);
    const hazard = this.newHazard(campaign, request, unit, null);
    await this.database.transaction(async () => {
      await this.write(hazard, request.mediaIds);
      await this.reporters.insert(
        this.reporters.create({
          hazardId: hazard.id,
          personId: person.id,
          displayName: person.displayName,
          phone: person.phone,
          wechatOpenId: person.wechatOpenId,
          ip: clientAddress,
        }),
      );
    });
    return { receiptCode: null, followUp: (await this.followUps([hazard]))[0] };
  }

  /** The case as reported: waiting for a handler, counted at the organizing unit until verified. */
  private newHazard(campaign: Campaign, request: CreateHazardRequest, unit: Unit | null, receiptHash: string | null): Hazard {
    const now = this.clock.now();
    return this.hazards.create({
      campaignId: campaign.id,
      unitId: unit?.id ?? null,
      accountableUnitId: campaign.organizingUnitId,
      place: request.place.trim(),
      category: request.category.trim(),
      description: request.description.trim(),
      latitudeE6: request.location ? Math.round(request.location.latitude * E6) : null,
      longitudeE6: request.location ? Math.round(request.location.longitude * E6) : null,
      address: request.location?.address?.trim() || null,
      anonymous: request.anonymous,
      receiptHash,
      status: 'submitted',
      reason: null,
      responsibleUnitId: null,
      dueDate: null,
      requirement: null,
      rectificationText: null,
      rectifiedAt: null,
      rewardFen: null,
      rewardStatus: null,
      typical: false,
      typicalLink: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Writes the case and takes its evidence, within the caller's transaction; it counts as received from now. */
  private async write(hazard: Hazard, mediaIds: string[]): Promise<void> {
    await this.hazards.createQueryBuilder().insert().values(hazard).updateEntity(false).execute();
    await holdMedia(this.files, hazard, 'evidence', mediaIds);
    await this.handling.recount(hazard.id);
  }

  /** The category is one of the campaign's, the unit concerned (if any) is in its organizing unit's tree; answers that unit. */
  private async checkInput(settings: StoredHazardSettings, organizer: Unit, request: CreateHazardRequest): Promise<Unit | null> {
    const problems: ErrorDetail[] = [];
    if (!settings.categories.includes(request.category.trim())) problems.push({ field: 'category', message: '请从本活动的隐患类别中选择' });
    let unit: Unit | null = null;
    if (request.unitId !== undefined) {
      unit = await this.units.find(request.unitId);
      if (!unit || !isAtOrBelow(unit.path, organizer.id)) {
        problems.push({ field: 'unitId', message: '所选单位不在本活动的范围内' });
        unit = null;
      }
    }
    if (problems.length) throw ApiException.badRequest(`举报内容有误：${problems[0].message}`, problems);
    return unit;
  }

  // --- follow-up by receipt code -------------------------------------------------------------------

  /** The case of a receipt code, as its reporter sees it. */
  async lookup(code: string, clientAddress: string): Promise<HazardFollowUpDto> {
    return this.byCode(code, clientAddress, async (hazard) => (await this.followUps([hazard]))[0]);
  }

  /** The reporter's message, by receipt code; answers the case with it. */
  async messageByCode(code: string, body: string, clientAddress: string): Promise<HazardFollowUpDto> {
    return this.byCode(code, clientAddress, async (hazard) => {
      await this.addMessage(hazard.id, 'reporter', null, body);
      return (await this.followUps([hazard]))[0];
    });
  }

  /**
   * Runs `work` on the case of a receipt code someone typed, throttling guesses across processes:
   * a wrong code counts against the caller's address (by its HMAC: the buckets keep no address) and
   * against all callers together (a right one is counted there too, then taken back); beyond a limit
   * every code is refused, the right ones too. A code of the wrong form is answered as an unknown one.
   */
  private async byCode<T>(code: string, clientAddress: string, work: (hazard: Hazard) => Promise<T>): Promise<T> {
    const { perAddress, overall } = this.config.hazards.wrongReceiptCodesPerMinute;
    const refusal = tooMany('回执码输错次数过多');
    // The client's bucket is only read unless the code is wrong: a follow-up with the right code
    // leaves no row of its address behind, not even one keyed by its HMAC.
    const address = { key: `hazard-receipt:${this.hmac(`address:${clientKey(clientAddress)}`)}`, limit: { limit: perAddress, windowSeconds: 60 } };
    await this.rateLimit.holdBack(address.key, address.limit, refusal);
    const everyone: Hit = await this.rateLimit.consume('hazard-receipt:all', { limit: overall, windowSeconds: 60 }, refusal);
    const normalized = normalizeReceiptCode(code);
    const hazard = normalized ? await this.hazards.findOneBy({ receiptHash: this.receiptHash(normalized) }) : null;
    if (!hazard) {
      await this.rateLimit.consume(address.key, address.limit, refusal);
      throw ApiException.notFound(WRONG_CODE);
    }
    try {
      return await work(hazard);
    } finally {
      await this.rateLimit.refund(everyone);
    }
  }

  /** What a receipt code is stored as: its HMAC-SHA-256 under HAZARD_RECEIPT_SECRET, never the code. */
  private receiptHash(code: string): string {
    return this.hmac(`receipt:${code}`);
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.config.hazards.receiptSecret).update(text).digest('hex');
  }

  // --- named reporters' own reports ----------------------------------------------------------------

  /** The signed-in person's named reports, newest first. */
  async mine(actor: Actor, query: PageQuery): Promise<Page<HazardFollowUpDto>> {
    const { page, size, skip } = pageWindow(query);
    const [hazards, total] = await this.hazards
      .createQueryBuilder('h')
      .innerJoin(HazardReporter, 'r', 'r.hazardId = h.id')
      .where('r.personId = :personId', { personId: actor.personId })
      .orderBy('h.createdAt', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .offset(skip)
      .limit(size)
      .getManyAndCount();
    return { items: await this.followUps(hazards), total, page, size };
  }

  async myOne(actor: Actor, id: string): Promise<HazardFollowUpDto> {
    return (await this.followUps([await this.own(actor, id)]))[0];
  }

  async myMessage(actor: Actor, id: string, body: string): Promise<HazardFollowUpDto> {
    const hazard = await this.own(actor, id);
    await this.addMessage(id, 'reporter', null, body);
    return (await this.followUps([hazard]))[0];
  }

  /** One of the person's own named reports; anyone else's is missing. */
  private async own(actor: Actor, id: string): Promise<Hazard> {
    const mine = await this.reporters.existsBy({ hazardId: id, personId: actor.personId });
    const hazard = mine ? await this.hazards.findOneBy({ id }) : null;
    if (!hazard) throw ApiException.notFound(HAZARD_NOT_FOUND);
    return hazard;
  }

  // --- handlers ------------------------------------------------------------------------------------

  /** A designated handler's message to the reporter, who sees it by receipt code or in "my reports". */
  async handlerMessage(actor: Actor, id: string, body: string): Promise<HazardMessageDto> {
    const hazard = await this.get(id);
    await this.settings.assertHandler(hazard.campaignId, actor);
    return toMessageDto(await this.addMessage(id, 'handler', actor.personId, body));
  }

  /** Who made the report, to a designated handler only; the read is written to the audit log in the same transaction. */
  async reporter(actor: Actor, id: string): Promise<HazardReporterDto> {
    const hazard = await this.get(id);
    await this.settings.assertHandler(hazard.campaignId, actor);
    return this.database.transaction(async () => {
      await this.identityReads.insert(this.identityReads.create({ campaignId: hazard.campaignId, hazardId: id, personId: actor.personId, at: this.clock.now() }));
      const reporter = hazard.anonymous ? null : await this.reporters.findOneBy({ hazardId: id });
      if (!reporter) return { anonymous: true as const };
      const { personId, displayName, phone, wechatOpenId, ip } = reporter;
      return { anonymous: false as const, personId, displayName, phone, wechatOpenId, ip };
    });
  }

  /** Who read which reporter, when: a page of the campaign's audit log, newest first. */
  async identityLog(campaignId: string, query: PageQuery): Promise<Page<IdentityAccessDto>> {
    const { page, size, skip } = pageWindow(query);
    const [reads, total] = await this.identityReads.findAndCount({ where: { campaignId }, order: { at: 'DESC', id: 'DESC' }, skip, take: size });
    const names = new Map((await this.people.findMany([...new Set(reads.map((r) => r.personId))])).map((p) => [p.id, p.displayName]));
    return {
      items: reads.map((r) => ({ id: r.id, hazardId: r.hazardId, byName: names.get(r.personId) ?? '（已删除的用户）', at: r.at.toISOString() })),
      total,
      page,
      size,
    };
  }

  private async get(id: string): Promise<Hazard> {
    const hazard = await this.hazards.findOneBy({ id });
    if (!hazard) throw ApiException.notFound(HAZARD_NOT_FOUND);
    return hazard;
  }

  private async addMessage(hazardId: string, fromSide: HazardMessage['fromSide'], handlerId: string | null, body: string): Promise<HazardMessage> {
    const message = this.messages.create({ hazardId, fromSide, handlerId, body: body.trim(), createdAt: this.clock.now() });
    await this.messages.createQueryBuilder().insert().values(message).updateEntity(false).execute();
    return message;
  }

  /** Cases as their reporter sees them: both sides' messages, never a handler's name. */
  private async followUps(hazards: Hazard[]): Promise<HazardFollowUpDto[]> {
    if (hazards.length === 0) return [];
    const ids = hazards.map((h) => h.id);
    const [messages, mediaCounts, titles] = await Promise.all([
      this.messages.find({ where: { hazardId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.files
        .createQueryBuilder('m')
        .select('m.hazardId', 'hazardId')
        .addSelect('COUNT(*)', 'count')
        .where('m.hazardId IN (:...ids) AND m.role = :role', { ids, role: 'evidence' })
        .groupBy('m.hazardId')
        .getRawMany<{ hazardId: string; count: string | number }>(),
      this.campaignTitles([...new Set(hazards.map((h) => h.campaignId))]),
    ]);
    const counts = new Map(mediaCounts.map((c) => [c.hazardId, Number(c.count)]));
    return hazards.map((h) => ({
      id: h.id,
      campaignTitle: titles.get(h.campaignId) ?? '',
      category: h.category,
      place: h.place,
      description: h.description,
      status: h.status,
      reason: h.status === 'unfounded' ? h.reason : null,
      mediaCount: counts.get(h.id) ?? 0,
      reward: rewardOf(h),
      messages: messages.filter((m) => m.hazardId === h.id).map(toMessageDto),
      createdAt: h.createdAt.toISOString(),
      updatedAt: h.updatedAt.toISOString(),
    }));
  }

  private async campaignTitles(ids: string[]): Promise<Map<string, string>> {
    const campaigns = await Promise.all(ids.map((id) => this.campaigns.getEntity(id)));
    return new Map(campaigns.map((c) => [c.id, c.title]));
  }
}
