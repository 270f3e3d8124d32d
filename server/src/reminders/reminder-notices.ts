import { ChannelName, formatDueAt, formatPeriod } from '@safemonth/shared';
import type { Notice } from '../notifications/notice';

/** The app's pages the notices open (the mini program's `Routes.unit` and `Routes.consoleCompleteness`). */
const UNIT_PAGE = '/subpackages/unit/index/index';
const COMPLETENESS_PAGE = '/subpackages/console/completeness/index';
const TITLE_MAX = 40;
/** Units the committee's digest names; the rest it counts. */
export const DIGEST_NAMES = 10;

/** One instance of a deliverable, as its reminders speak of it. */
export interface ReminderInstance {
  campaign: { id: string; title: string; organizingUnitId: string };
  deliverable: { id: string; title: string };
  periodKey: string;
  dueAt: string;
}

/** The reminders that go to a unit's liaisons; the committee's digest is `escalation_digest`. */
export type LiaisonReminder = 'deadline_reminder' | 'overdue_notice' | 'manual_reminder';

/** Where one notice goes: a person (in-app, WeChat, e-mail at `address`) or a group robot (WeCom, `address` its id). */
export interface Recipient {
  channel: ChannelName;
  /** The person's or the robot's id, as the notice's key names it. */
  id: string;
  personId: string | null;
  address: string | null;
}

/**
 * A unit's recipients on the channels: its liaisons on each personal channel (e-mail at the
 * address of their liaison form, null when they gave none: the channel then reports it), its robots on WeCom.
 */
export function recipientsOf(channels: readonly ChannelName[], people: string[], robots: string[], email: (personId: string) => string | null): Recipient[] {
  return channels.flatMap((channel): Recipient[] =>
    channel === 'wecom'
      ? robots.map((id) => ({ channel, id, personId: null, address: id }))
      : people.map((id) => ({ channel, id, personId: id, address: channel === 'email' ? email(id) : null })),
  );
}

/**
 * The outbox key of one reminder: deciding it again (another process, another tick, a second
 * press) writes nothing. It holds the instance's due instant (epoch ms), so that a deadline the
 * committee moves is reminded of again at its new moments. `scope` `remind` ends with the moment
 * (`before:1440`, `overdue`, `escalation`), `manual` with the minute of the press.
 */
export function reminderKey(scope: 'remind' | 'manual', instance: ReminderInstance, unitId: string, recipient: Recipient, last: string): string {
  return `${reminderStem(scope, instance, unitId, recipient)}/${last}`;
}

/** A reminder's key but its last part: the same reminder to the same recipient of the same instance, whatever its moment or press. */
export function reminderStem(scope: 'remind' | 'manual', instance: ReminderInstance, unitId: string, recipient: Recipient): string {
  return `${scope}/${instance.deliverable.id}/${instance.periodKey}/${unitId}/${recipient.id}/${recipient.channel}/${Date.parse(instance.dueAt)}`;
}

function titled(prefix: string, subject: string): string {
  const room = TITLE_MAX - prefix.length;
  return `${prefix}${subject.length > room ? `${subject.slice(0, room - 1)}…` : subject}`;
}

/** “每周活动材料”（2027年第23周）: the deliverable and its period. */
function itemText(instance: ReminderInstance): string {
  const period = formatPeriod(instance.periodKey);
  return `“${instance.deliverable.title}”${period ? `（${period}）` : ''}`;
}

function facts(instance: ReminderInstance, unitName: string, title: string): Record<string, string> {
  const period = formatPeriod(instance.periodKey);
  return { campaign: instance.campaign.title, item: `${instance.deliverable.title}${period ? ` ${period}` : ''}`, unit: unitName, dueAt: instance.dueAt, title };
}

const PREFIXES: Record<LiaisonReminder, string> = { deadline_reminder: '截止提醒：', overdue_notice: '逾期提醒：', manual_reminder: '催报提醒：' };

function liaisonBody(kind: LiaisonReminder, instance: ReminderInstance, unitName: string, returned: boolean, now: Date): string {
  const [item, due] = [itemText(instance), formatDueAt(instance.dueAt)];
  switch (kind) {
    case 'deadline_reminder':
      return returned ? `${unitName}：${item}已被退回，请于 ${due} 截止前修改后重新报送。` : `${unitName}：${item}将于 ${due} 截止，贵单位尚未报送，请及时报送。`;
    case 'overdue_notice':
      return returned ? `${unitName}：${item}已于 ${due} 截止，退回的材料尚未重新报送，请尽快修改后报送。` : `${unitName}：${item}已于 ${due} 截止，贵单位尚未报送，请尽快补报。`;
    case 'manual_reminder': {
      const late = now.getTime() >= Date.parse(instance.dueAt) ? '（已逾期）' : '';
      return `${unitName}：安委办提醒您尽快${returned ? '修改后重新报送' : '报送'}${item}，截止时间 ${due}${late}。`;
    }
  }
}

/** A reminder to a unit's liaison (or its group robot), opening the unit's page. */
export function liaisonNotice(kind: LiaisonReminder, instance: ReminderInstance, unit: { id: string; name: string }, returned: boolean, recipient: Recipient, key: string, now: Date): Notice {
  const title = titled(PREFIXES[kind], instance.deliverable.title);
  return {
    key,
    channel: recipient.channel,
    kind,
    personId: recipient.personId,
    address: recipient.address,
    title,
    body: liaisonBody(kind, instance, unit.name, returned, now),
    link: `${UNIT_PAGE}?campaignId=${instance.campaign.id}&unitId=${unit.id}`,
    facts: facts(instance, unit.name, title),
    campaignId: instance.campaign.id,
    unitId: unit.id,
    deliverableId: instance.deliverable.id,
    periodKey: instance.periodKey,
  };
}

/** The digest to a committee member of the organizing unit: how many units still owe, the first ones by name, opening the completeness page. */
export function digestNotice(instance: ReminderInstance, organizer: { id: string; name: string }, owing: { count: number; names: string[] }, recipient: Recipient, key: string): Notice {
  const title = titled('未交汇总：', instance.deliverable.title);
  const more = owing.count > owing.names.length ? ` 等 ${owing.count} 个单位` : '';
  return {
    key,
    channel: recipient.channel,
    kind: 'escalation_digest',
    personId: recipient.personId,
    address: recipient.address,
    title,
    body: `${itemText(instance)}已于 ${formatDueAt(instance.dueAt)} 截止，仍有 ${owing.count} 个单位未报送或退回后未重新报送：${owing.names.join('、')}${more}。`,
    link: `${COMPLETENESS_PAGE}?campaignId=${instance.campaign.id}`,
    facts: { ...facts(instance, organizer.name, title), count: String(owing.count) },
    campaignId: instance.campaign.id,
    unitId: organizer.id,
    deliverableId: instance.deliverable.id,
    periodKey: instance.periodKey,
  };
}
