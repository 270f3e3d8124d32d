export { INSTANCE_STATUS_LABELS, instanceCompleteness, instanceStatus } from './status';
export type { HandIn, HandInState, InstanceCompleteness, InstanceStatus } from './status';
