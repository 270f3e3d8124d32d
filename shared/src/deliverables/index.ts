export { completenessFromTally, completenessOf, INSTANCE_STATUS_LABELS, instanceCompleteness, instanceStatus } from './status';
export type { HandIn, HandInState, InstanceCompleteness, InstanceStatus } from './status';
export { ACCEPTED_DOCUMENTS_TEXT, DOCUMENT_FORMAT_LABELS, DOCUMENT_FORMATS } from './documents';
export type { DocumentFormat } from './documents';
