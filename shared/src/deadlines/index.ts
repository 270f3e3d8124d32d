export { deadlineInstances, nextDeadline } from './deadlines';
export { chinaDay, chinaInstant, daysInMonth, END_OF_DAY, formatChinaDate, formatChinaInstant, parseDay } from './china-time';
export { validateDeadlineRule } from './validate';
export { ONCE_DEFAULT_OPEN_DAYS } from './rules';
export type { DeadlineInstance, DeadlineRule } from './rules';
export { deadlineUrgency, deliverablesToMeet, SOON_WITHIN_MS, URGENT_WITHIN_MS } from './urgency';
export type { DeadlineUrgency } from './urgency';
