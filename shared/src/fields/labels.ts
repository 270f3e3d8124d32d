import { unitAtStart } from './units';

/** Longest statistics field label the server stores, in characters. */
export const FIELD_LABEL_MAX_LENGTH = 200;

/** Label of a blank that has no words to name it at all. */
export const UNNAMED_FIELD_LABEL = '未命名';

/**
 * Words that name no field on their own: that people took part, that something was organised, built
 * or planned, but not in what. A label that is only one of them is qualified by its subject.
 */
const GENERIC_WORDS = new Set(['参与', '参加', '组织', '开展', '举办', '举行', '发放', '覆盖', '受众', '新建', '改扩建', '计划', '其他', '累计', '合计', '以', '为', '等', '和', '及']);

/** Units that are nouns of their own: a generic word with one of them names a count (参与人次). */
const NOUN_UNITS = new Set(['人次', '场次', '条次']);

const JOINER = '·';

function isUnitWord(word: string): boolean {
  return unitAtStart(word)?.length === word.length;
}

/** True for a label that cannot tell its field from others: nothing, only a unit, only a generic word. */
export function isGenericLabel(label: string): boolean {
  return label === '' || GENERIC_WORDS.has(label) || isUnitWord(label);
}

/** `text` cut to `max` characters (code points, as the database counts them), the cut marked with `…`. */
function bounded(text: string, max = FIELD_LABEL_MAX_LENGTH): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

/** `subject·label`, the subject shortened first when the whole would be too long. */
function qualify(subject: string, label: string): string {
  const room = FIELD_LABEL_MAX_LENGTH - Array.from(label).length - JOINER.length;
  return bounded(`${bounded(subject, Math.max(room, 2))}${JOINER}${label}`);
}

/**
 * The words nearest before a field that can qualify its label, from `candidates` (nearest last): not
 * generic themselves, and not a sibling of the field that starts with the same word (覆盖企业 is no
 * subject for 覆盖).
 */
export function nearestSubject(candidates: readonly string[], word: string): string {
  for (let index = candidates.length - 1; index >= 0; index--) {
    const candidate = candidates[index];
    if (!isGenericLabel(candidate) && (word === '' || !candidate.startsWith(word))) return candidate;
  }
  return '';
}

export interface Naming {
  label: string;
  /** The words that qualify the label when it does not stand alone, or '' when none were found. */
  subject: string;
  /** Whether `label` already carries its subject. */
  qualified: boolean;
}

/**
 * The label of a field whose own words are `word` (may be '') and whose count is in `unit` (may be
 * ''): the words themselves when they stand alone; otherwise qualified by the subject, with a unit
 * that is a noun (`理论学习中心组学习·参与人次`) or, without words, any unit (`安全培训·人次`). With no
 * subject, a generic word keeps only that unit (`参与人次`) and a blank without words is unnamed.
 */
export function standAloneLabel(word: string, unit: string, subject: string): Naming {
  if (!isGenericLabel(word)) return { label: bounded(word), subject, qualified: false };
  const named = word === '' ? unit : word + (NOUN_UNITS.has(unit) && !word.endsWith(unit) ? unit : '');
  if (subject !== '') return { label: named === '' ? bounded(subject) : qualify(subject, named), subject, qualified: true };
  return { label: named === '' || isUnitWord(named) ? UNNAMED_FIELD_LABEL : named, subject, qualified: false };
}

/** How many times each value occurs in `values`. */
function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Labels made distinct within one item: coinciding labels are qualified by their subjects where
 * that tells them apart (the same wording after two different counts), and any that still coincide
 * are numbered （1）, （2）….
 */
export function distinctLabels(namings: readonly Naming[]): string[] {
  const labelCounts = tally(namings.map((naming) => naming.label));
  // A subject tells a label apart only if no other field with that label has the same subject.
  const subjectCounts = tally(namings.map((naming) => `${naming.label}\n${naming.subject}`));
  const labels = namings.map(({ label, subject, qualified }) =>
    labelCounts.get(label)! > 1 && !qualified && subject !== '' && subjectCounts.get(`${label}\n${subject}`) === 1 ? qualify(subject, label) : label,
  );

  const counts = tally(labels);
  const taken = new Set(labels);
  const lastNumber = new Map<string, number>();
  return labels.map((label) => {
    if (counts.get(label)! === 1) return label;
    for (let number = (lastNumber.get(label) ?? 0) + 1; ; number++) {
      const suffix = `（${number}）`;
      const numbered = bounded(label, FIELD_LABEL_MAX_LENGTH - suffix.length) + suffix;
      if (!taken.has(numbered)) {
        lastNumber.set(label, number);
        taken.add(numbered);
        return numbered;
      }
    }
  });
}
