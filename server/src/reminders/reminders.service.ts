import { HttpStatus, Injectable } from '@nestjs/common';
import {
  ChannelName,
  deadlineInstances,
  defaultReminderPolicy,
  ErrorCode,
  ErrorDetail,
  ManualReminderRequest,
  normalizeReminderPolicy,
  ReminderPoliciesDto,
  ReminderPolicy as Policy,
  Role,
  validateReminderPolicy,
} from '@safemonth/shared';
import { In } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { LiaisonsService } from '../liaisons/liaisons.service';
import type { OutboxMessage } from '../notifications/channel';
import type { Notice } from '../notifications/notice';
import { WecomRobotsService } from '../notifications/channels/wecom-robots.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PeopleService } from '../people/people.service';
import { ReminderPolicy } from './reminder-policy.entity';
import { ReminderTick } from './reminder-tick.entity';
import { DIGEST_NAMES, digestNotice, LiaisonReminder, liaisonNotice, Recipient, recipientsOf, reminderKey, ReminderInstance, reminderStem } from './reminder-notices';

export type { Recipient } from './reminder-notices';

/** The one row of `reminder_tick`. */
const LAST_TICK = 'last';
/** Units whose reminders are decided and written together, in one transaction. */
export const REMINDER_BATCH = 500;
/** A manual reminder to a recipient who had one of the same instance within this window (sliding, back from the press) is not sent again. */
export const MANUAL_REMINDER_WINDOW_MS = 10 * 60_000;

/** One reminder to decide for the liaisons of the units owing an instance, with the last part of its outbox key. */
export interface LiaisonReminderToDecide {
  kind: LiaisonReminder;
  scope: 'remind' | 'manual';
  last: string;
}

/**
 * Reminders of deliverables' deadlines (see docs/notifications.md): the campaign's policies, the
 * reminders decided for the units still owing an instance (by the scheduler, or a committee's
 * press), and the check before one is sent that the unit still owes it.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly deliverables: DeliverablesService,
    private readonly people: PeopleService,
    private readonly liaisons: LiaisonsService,
    private readonly notifications: NotificationsService,
    private readonly robots: WecomRobotsService,
    private readonly clock: Clock,
  ) {}

  private get policies() {
    return this.database.repository(ReminderPolicy);
  }

  private get ticks() {
    return this.database.repository(ReminderTick);
  }

  /** The instant of the last tick any process's scheduler completed; null before the first. */
  async lastTick(): Promise<Date | null> {
    return (await this.ticks.findOneBy({ id: LAST_TICK }))?.tickedAt ?? null;
  }

  /** Records a completed tick at `at`, unless a later one is recorded already (processes tick at once). */
  async ticked(at: Date): Promise<void> {
    await this.ticks.createQueryBuilder().insert().into(ReminderTick).values({ id: LAST_TICK, tickedAt: at }).orIgnore().execute();
    await this.ticks.createQueryBuilder().update(ReminderTick).set({ tickedAt: at }).where('id = :id AND tickedAt < :at', { id: LAST_TICK, at }).execute();
  }

  /** The campaign's default (the built-in one until the committee sets its own) and the deliverables that have their own, in the deliverables' order. */
  async policiesOf(campaignId: string): Promise<ReminderPoliciesDto> {
    await this.campaigns.getEntity(campaignId);
    const rows = await this.policies.find({ where: { campaignId }, relations: { deliverable: true }, order: { deliverable: { position: 'ASC' } } });
    return {
      campaignDefault: rows.find((r) => r.deliverableId === null)?.policy ?? defaultReminderPolicy(),
      overrides: rows.flatMap((r) => (r.deliverableId ? [{ deliverableId: r.deliverableId, policy: r.policy }] : [])),
    };
  }

  /** Replaces the campaign's policies: its default, and the deliverables' own (those left out follow the default from now on). */
  async replacePolicies(campaignId: string, request: ReminderPoliciesDto): Promise<ReminderPoliciesDto> {
    const problems: ErrorDetail[] = [
      ...prefixed(validateReminderPolicy(request.campaignDefault), 'campaignDefault'),
      ...request.overrides.flatMap((o, i) => prefixed(validateReminderPolicy(o.policy), `overrides.${i}.policy`)),
    ];
    const { deliverables } = await this.campaigns.get(campaignId, { personId: '', displayName: '', memberships: [] });
    request.overrides.forEach((o, i) => {
      if (!deliverables.some((d) => d.id === o.deliverableId)) problems.push({ field: `overrides.${i}.deliverableId`, message: '报送材料不属于本活动' });
      else if (request.overrides.findIndex((other) => other.deliverableId === o.deliverableId) < i) {
        problems.push({ field: `overrides.${i}.deliverableId`, message: '同一报送材料只能设置一条提醒规则' });
      }
    });
    if (problems.length) throw ApiException.badRequest(`提醒规则有误：${problems[0].message}`, problems);
    await this.database.transaction(async () => {
      // Under the campaign's lock, so that two replacements at once leave one default.
      await this.campaigns.locked(campaignId);
      await this.policies.delete({ campaignId });
      const rows = [{ deliverableId: null, policy: request.campaignDefault }, ...request.overrides].map((p) =>
        this.policies.create({ campaignId, deliverableId: p.deliverableId, policy: normalizeReminderPolicy(p.policy) }),
      );
      await this.policies.save(rows);
    });
    return this.policiesOf(campaignId);
  }

  /** For the campaigns, the policy that applies to each deliverable: its own, else its campaign's default, else the built-in default. */
  async policyResolver(campaignIds: string[]): Promise<(campaignId: string, deliverableId: string) => Policy> {
    const rows = campaignIds.length ? await this.policies.findBy({ campaignId: In(campaignIds) }) : [];
    const byKey = new Map(rows.map((r) => [`${r.campaignId}/${r.deliverableId ?? ''}`, r.policy]));
    const fallback = defaultReminderPolicy();
    return (campaignId, deliverableId) => byKey.get(`${campaignId}/${deliverableId}`) ?? byKey.get(`${campaignId}/`) ?? fallback;
  }

  /**
   * A committee's reminder, now, to every unit owing the instance in the subtree of `unitId` (the
   * access rule checked the actor's committee over it), or in the whole campaign (the organizing
   * unit's committee only), on the channels of the deliverable's policy. A recipient reminded of
   * the instance by hand within the last MANUAL_REMINDER_WINDOW_MS is left out; notices are keyed
   * by the minute of the press, so that two presses at once write each notice once. Answers how
   * many notices were queued.
   */
  async remindNow(actor: Actor, campaignId: string, request: ManualReminderRequest): Promise<number> {
    const target = await this.campaigns.accessTarget(campaignId);
    if (!target) throw ApiException.notFound('活动不存在');
    if (!request.unitId && !allows(actor, 'campaign.manage', target.organizerPath)) throw ApiException.forbidden('只有组织单位的安委办可以提醒全部单位，请选择单位');
    if (!target.published) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, '活动尚未发布，不能提醒报送', [{ field: 'campaignId', message: '活动尚未发布' }]);
    }
    const campaign = await this.campaigns.get(campaignId, actor);
    const deliverable = campaign.deliverables.find((d) => d.id === request.deliverableId);
    const instance = deliverable && deadlineInstances(deliverable.rule).find((i) => i.periodKey === request.periodKey);
    if (!deliverable || !instance) {
      const [field, message] = deliverable ? ['periodKey', '报送期次不属于该材料'] : ['deliverableId', '报送材料不属于本活动'];
      throw ApiException.badRequest(message, [{ field, message }]);
    }
    const policy = (await this.policyResolver([campaignId]))(campaignId, deliverable.id);
    const now = this.clock.now().getTime();
    const recent = await this.notifications.keysSince(
      { kind: 'manual_reminder', campaignId, deliverableId: deliverable.id, periodKey: instance.periodKey },
      new Date(now - MANUAL_REMINDER_WINDOW_MS),
    );
    const { queued } = await this.remindOwing(
      { campaign: { id: campaign.id, title: campaign.title, organizingUnitId: campaign.organizingUnit.id }, deliverable, periodKey: instance.periodKey, dueAt: instance.dueAt },
      [{ kind: 'manual_reminder', scope: 'manual', last: String(Math.floor(now / 60_000)) }],
      policy.channels,
      { unitId: request.unitId, heldBack: new Set(recent.map((key) => key.slice(0, key.lastIndexOf('/')))) },
    );
    return queued;
  }

  /**
   * Decides reminders for the liaisons of every unit owing the instance now (in the subtree of
   * `unitId`, default the whole campaign): one notice per reminder, unit, recipient and channel
   * (but those whose key's stem, see `reminderStem`, is `heldBack`),
   * `REMINDER_BATCH` units at a time, each batch's notices written in one transaction. Answers how
   * many notices were written, and how many units owe with the first ones' names (the digest's).
   * Costs, per batch: a page of owing units (two queries), their liaisons, their e-mail addresses
   * and robots when those channels are used, and the insert.
   */
  async remindOwing(
    instance: ReminderInstance,
    reminders: LiaisonReminderToDecide[],
    channels: readonly ChannelName[],
    { unitId, heldBack }: { unitId?: string; heldBack?: ReadonlySet<string> } = {},
  ): Promise<{ queued: number; owing: number; names: string[] }> {
    let [queued, owing] = [0, 0];
    const names: string[] = [];
    const now = this.clock.now();
    const pages = this.deliverables.owing(instance.campaign.id, instance.deliverable.id, instance.periodKey, { unitId, size: REMINDER_BATCH });
    for await (const page of pages) {
      owing += page.length;
      names.push(...page.slice(0, DIGEST_NAMES - names.length).map((p) => p.unit.name));
      if (reminders.length === 0) continue;
      const recipients = await this.liaisonRecipients(instance.campaign.id, page.map((p) => p.unit.id), channels);
      const notices: Notice[] = page.flatMap(({ unit, returned }) => {
        return reminders.flatMap((r) =>
          (recipients.get(unit.id) ?? [])
            .filter((recipient) => !heldBack?.has(reminderStem(r.scope, instance, unit.id, recipient)))
            .map((recipient) => liaisonNotice(r.kind, instance, unit, returned, recipient, reminderKey(r.scope, instance, unit.id, recipient, r.last), now)),
        );
      });
      // In key order, so that processes deciding the same batch at once take the keys' locks in one order.
      queued += await this.notifications.enqueue(notices.sort((x, y) => (x.key < y.key ? -1 : 1)));
    }
    return { queued, owing, names };
  }

  /**
   * Who hears of what units owe: each unit's liaisons on each personal channel (e-mail at the
   * address of their liaison form), its robots on WeCom. Three queries at most, whatever the units.
   */
  async liaisonRecipients(campaignId: string, unitIds: string[], channels: readonly ChannelName[]): Promise<Map<string, Recipient[]>> {
    const [liaisons, emails, robots] = await Promise.all([
      this.people.holders(unitIds, Role.Liaison),
      channels.includes('email') ? this.liaisons.emails(campaignId, unitIds) : new Map<string, string>(),
      channels.includes('wecom') ? this.robots.idsByUnit(unitIds) : new Map<string, string[]>(),
    ]);
    return new Map(
      unitIds.map((unitId) => {
        const people = liaisons.filter((l) => l.unitId === unitId).map((l) => l.personId);
        return [unitId, recipientsOf(channels, people, robots.get(unitId) ?? [], (personId) => emails.get(`${unitId}/${personId}`) ?? null)];
      }),
    );
  }

  /** The digest to the organizing unit's committee: how many units still owe the instance, and the first ones by name. Nothing when none does. */
  async escalate(instance: ReminderInstance, channels: readonly ChannelName[], owing: { count: number; names: string[] }): Promise<number> {
    if (owing.count === 0) return 0;
    const { organizingUnit } = await this.campaigns.get(instance.campaign.id, { personId: '', displayName: '', memberships: [] });
    const [committee, robots] = await Promise.all([
      this.people.holders([organizingUnit.id], Role.Committee),
      channels.includes('wecom') ? this.robots.idsByUnit([organizingUnit.id]) : new Map<string, string[]>(),
    ]);
    // Not by e-mail: the addresses are those of liaison forms, which committee members do not fill in.
    const recipients = recipientsOf(
      channels.filter((c) => c !== 'email'),
      committee.map((c) => c.personId),
      robots.get(organizingUnit.id) ?? [],
      () => null,
    );
    const notices = recipients.map((recipient) => digestNotice(instance, organizingUnit, owing, recipient, reminderKey('remind', instance, organizingUnit.id, recipient, 'escalation')));
    return this.notifications.enqueue(notices);
  }

  /**
   * Of a batch of reminders about to be sent, those whose unit still owes their instance as it is
   * due now (`DeliverablesService.owingAmong`, once per instance in the batch); a reminder before a
   * deadline that has passed is not sent any more.
   */
  async stillOwed(messages: OutboxMessage[]): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    const wanted = new Set<string>();
    const byInstance = new Map<string, OutboxMessage[]>();
    for (const message of messages) {
      const { campaignId, deliverableId, periodKey, unitId } = message;
      if (!campaignId || !deliverableId || !periodKey || !unitId) wanted.add(message.id);
      else if (message.kind !== 'deadline_reminder' || now < Date.parse(message.facts.dueAt)) {
        const key = [campaignId, deliverableId, periodKey, message.facts.dueAt].join('/');
        byInstance.set(key, [...(byInstance.get(key) ?? []), message]);
      }
    }
    for (const group of byInstance.values()) {
      const [{ campaignId, deliverableId, periodKey, facts }] = group;
      const owing = await this.deliverables.owingAmong(campaignId as string, deliverableId as string, periodKey as string, facts.dueAt, [
        ...new Set(group.map((message) => message.unitId as string)),
      ]);
      for (const message of group) if (owing.has(message.unitId as string)) wanted.add(message.id);
    }
    return wanted;
  }
}

function prefixed(problems: ErrorDetail[], prefix: string): ErrorDetail[] {
  return problems.map((p) => ({ ...p, field: p.field ? `${prefix}.${p.field}` : prefix }));
}
