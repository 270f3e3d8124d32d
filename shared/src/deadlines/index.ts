export { deadlineInstances, nextDeadline } from './deadlines';
export { validateDeadlineRule } from './validate';
export { ONCE_DEFAULT_OPEN_DAYS } from './rules';
export type { DeadlineInstance, DeadlineRule } from './rules';
