import { RefreshToken } from '../auth/refresh-token.entity';
import { ActivityItem, Campaign, Deliverable, StatisticsField } from '../campaigns/campaign.entity';
import { HandIn, HandInEvent, HandInTally } from '../deliverables/hand-in.entity';
import { ExportJob } from '../exports/export-job.entity';
import { Hazard, HazardEvent, HazardHandler, HazardIdentityAccess, HazardMedia, HazardMessage, HazardReporter, HazardSettings } from '../hazards/hazard.entity';
import { Invite } from '../invites/invite.entity';
import { LiaisonRegistration } from '../liaisons/liaison-registration.entity';
import { Media } from '../media/media.entity';
import { WechatSubscription } from '../notifications/channels/wechat-subscription.entity';
import { WechatToken } from '../notifications/channels/wechat-token.entity';
import { WecomRobot } from '../notifications/channels/wecom-robot.entity';
import { InboxMessage } from '../notifications/inbox-message.entity';
import { DeliveryAttempt, OutboxMessage } from '../notifications/outbox-message.entity';
import { Membership } from '../people/membership.entity';
import { Person } from '../people/person.entity';
import { RateLimitBucket } from '../rate-limit/rate-limit-bucket.entity';
import { FieldTotal } from '../statistics/field-total.entity';
import { Contribution } from '../statistics/contribution.entity';
import { FieldAnswer } from '../statistics/field-answer.entity';
import { FieldSubtreeTotal } from '../statistics/field-subtree-total.entity';
import { ManualEntry } from '../statistics/manual-entry.entity';
import { TableSubmission } from '../statistics/table-submission.entity';
import { ProposedAnswer, Report, ReportEvent, ReportLink } from '../reports/report.entity';
import { ReminderPolicy } from '../reminders/reminder-policy.entity';
import { ReminderTick } from '../reminders/reminder-tick.entity';
import { Unit } from '../units/unit.entity';

/** Every entity, for the data source and the migration generator. */
export const ENTITIES = [
  Unit,
  Person,
  Membership,
  RefreshToken,
  Invite,
  RateLimitBucket,
  Campaign,
  ActivityItem,
  StatisticsField,
  Deliverable,
  FieldTotal,
  LiaisonRegistration,
  Report,
  ReportEvent,
  Contribution,
  FieldSubtreeTotal,
  ManualEntry,
  FieldAnswer,
  Media,
  HandIn,
  HandInEvent,
  HandInTally,
  ReportLink,
  TableSubmission,
  ExportJob,
  ProposedAnswer,
  ReminderPolicy,
  ReminderTick,
  OutboxMessage,
  DeliveryAttempt,
  InboxMessage,
  WechatSubscription,
  Hazard,
  HazardReporter,
  HazardMedia,
  HazardMessage,
  HazardEvent,
  HazardSettings,
  HazardHandler,
  HazardIdentityAccess,
  WechatToken,
  WecomRobot,
];
