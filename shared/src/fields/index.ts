export { parseFieldText } from './parse-field-text';
export type { ParsedField } from './parse-field-text';
export { fillBlanks } from './fill-blanks';
export type { BlankValue, FilledCell } from './fill-blanks';
export { FIELD_LABEL_MAX_LENGTH, UNNAMED_FIELD_LABEL } from './labels';
export { FIELD_UNITS } from './units';
