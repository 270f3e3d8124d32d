export { parseFieldText, UNNAMED_FIELD_LABEL } from './parse-field-text';
export type { ParsedField } from './parse-field-text';
export { FIELD_UNITS } from './units';
