/**
 * Notifications (通知): deadline reminders and notices about reviews, delivered through one outbox
 * on several channels. See docs/notifications.md.
 */
import type { PageQuery } from './paging';

/** Where a notice goes: the in-app inbox, a WeChat subscribe message, a WeCom group robot, e-mail. */
export const CHANNEL_NAMES = ['inbox', 'wechat', 'wecom', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];
export const CHANNEL_LABELS: Record<ChannelName, string> = { inbox: '站内消息', wechat: '微信订阅消息', wecom: '企业微信群机器人', email: '电子邮件' };

export const NOTICE_KINDS = [
  'deadline_reminder',
  'overdue_notice',
  'escalation_digest',
  'manual_reminder',
  'report_accepted',
  'report_returned',
  'table_returned',
  'hand_in_returned',
  'table_submitted',
  'hazard_overdue',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  deadline_reminder: '截止提醒',
  overdue_notice: '逾期提醒',
  escalation_digest: '未交汇总',
  manual_reminder: '催报提醒',
  report_accepted: '报告已通过',
  report_returned: '报告被退回',
  table_returned: '统计表被退回',
  hand_in_returned: '材料被退回',
  table_submitted: '统计表已提交',
  hazard_overdue: '隐患整改逾期',
};

/**
 * - `queued`: waiting for its moment (or its next try);
 * - `sending`: claimed by a worker, under a lease;
 * - `sent`, `failed` (tries spent or refused for good), `skipped` (no longer owed when its moment came).
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = { queued: '待发送', sending: '发送中', sent: '已送达', failed: '发送失败', skipped: '无需发送' };

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';
export const DELIVERY_OUTCOME_LABELS: Record<DeliveryOutcome, string> = { sent: '已送达', retry: '稍后重试', failed: '失败', skipped: '无需发送' };

// --- inbox ---------------------------------------------------------------------------------

/** GET /api/inbox (newest first): the signed-in person's own messages. */
export interface InboxMessageDto {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** The app page it opens, or null. */
  link: string | null;
  createdAt: string;
  /** When the person read it; null while unread. */
  readAt: string | null;
}

/** GET /api/inbox/unread-count */
export interface InboxUnreadCountDto {
  unread: number;
}

/** POST /api/inbox/read-all: how many were marked read. */
export interface InboxReadAllResponse {
  marked: number;
}

// --- delivery log --------------------------------------------------------------------------

/** GET /api/campaigns/:campaignId/notifications: the campaign's notices, newest first. */
export interface DeliveryLogQuery extends PageQuery {
  kind?: NoticeKind;
  status?: OutboxStatus;
  unitId?: string;
}

export interface DeliveryAttemptDto {
  at: string;
  outcome: DeliveryOutcome;
  /** What the channel answered when it did not deliver. */
  error: string | null;
}

export interface DeliveryLogEntryDto {
  id: string;
  kind: NoticeKind;
  channel: ChannelName;
  status: OutboxStatus;
  /** Who it was for (null for a group robot). */
  person: { id: string; displayName: string } | null;
  unit: { id: string; name: string } | null;
  deliverableId: string | null;
  periodKey: string | null;
  title: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  /** The next try, while queued. */
  nextAttemptAt: string | null;
  lastError: string | null;
  attempts: DeliveryAttemptDto[];
}

// --- WeChat subscribe messages -------------------------------------------------------------

/** The subscribe-message templates the server sends with: one for reminders, one for reviews. */
export const WECHAT_TEMPLATE_PURPOSES = ['reminder', 'review'] as const;
export type WechatTemplatePurpose = (typeof WECHAT_TEMPLATE_PURPOSES)[number];

/** Which template a notice of each kind goes out with on WeChat. */
export const WECHAT_TEMPLATE_PURPOSE_OF: Record<NoticeKind, WechatTemplatePurpose> = {
  deadline_reminder: 'reminder',
  overdue_notice: 'reminder',
  escalation_digest: 'reminder',
  manual_reminder: 'reminder',
  report_accepted: 'review',
  report_returned: 'review',
  table_returned: 'review',
  hand_in_returned: 'review',
  table_submitted: 'review',
  hazard_overdue: 'reminder',
};

/**
 * One template the server is configured with, and how many messages the signed-in person may still
 * be sent with it (one per accepted `requestSubscribeMessage`, one spent per message).
 */
export interface WechatSubscriptionDto {
  purpose: WechatTemplatePurpose;
  templateId: string;
  remaining: number;
}

/** GET /api/notifications/wechat-subscriptions, and the answer to POST. */
export interface WechatSubscriptionsDto {
  templates: WechatSubscriptionDto[];
}

/** POST /api/notifications/wechat-subscriptions: the template ids the person accepted (`requestSubscribeMessage`'s `accept`). */
export interface AddWechatSubscriptionsRequest {
  templateIds: string[];
}

// --- WeCom group robots --------------------------------------------------------------------

/** GET /api/units/:unitId/wecom-robots (by name, in Chinese order). */
export interface WecomRobotDto {
  id: string;
  unitId: string;
  name: string;
  /** The webhook's key, masked (`693a…3f2c`): whoever has it may post to the group. */
  webhookKey: string;
  /** Sends plain text instead of markdown (WeChat members of a group do not see markdown). */
  textOnly: boolean;
  createdAt: string;
}

/** POST /api/units/:unitId/wecom-robots. `webhook`: the robot's webhook address as WeCom shows it, or its key alone. */
export interface CreateWecomRobotRequest {
  name: string;
  webhook: string;
  textOnly?: boolean;
}

/** PATCH (or PUT) /api/units/:unitId/wecom-robots/:robotId. */
export interface UpdateWecomRobotRequest {
  name?: string;
  webhook?: string;
  textOnly?: boolean;
}
