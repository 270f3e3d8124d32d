export { defaultReminderPolicy, normalizeReminderPolicy, REMINDER_POLICY_LIMITS, validateReminderPolicy } from './policy';
export type { ManualReminderRequest, ManualReminderResponse, OverdueAt, QuietHours, ReminderPoliciesDto, ReminderPolicy } from './policy';
export { reminderMoments } from './moments';
export type { ReminderMoment } from './moments';
export { formatDueAt, formatPeriod } from './format';
