import { findSlots } from './blanks';
import { htmlToText } from './html';
import { distinctLabels, isGenericLabel, nearestSubject, standAloneLabel, type Naming } from './labels';
import { unitAtStart } from './units';

/** One blank of an official statistics table, in the order it appears in the cell. */
export type ParsedField =
  | { kind: 'count'; label: string; unit: string }
  | { kind: 'boolean'; label: string }
  | { kind: 'text'; label: string };

/**
 * Punctuation that ends a sentence: the words before it are no subject for the fields after it. A
 * line break is not one: cells wrap inside a sentence (`开展"大讲堂"（ ）场，⏎参与（ ）人次`).
 */
const SENTENCE_END = /[；;。！!？?]/;
/** Punctuation that ends a clause: a label never reaches back across it. `、` does not: it lists things inside a label. */
const CLAUSE_END = /[，,；;。！!？?\n]/;
/** Words right after a blank (or its unit), up to a space or punctuation (`、` too: it starts another item). */
const WORDS_AHEAD = /^[^\s，,；;。！!？?：:、/／]*/;
const WORD_CHAR = /^[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]/;

const LIST_MARKER = /^(?:[（(](?:\d+|[一二三四五六七八九十]+)[）)]|(?:\d+|[一二三四五六七八九十]+)(?:[、.．]|是)|\d+[)）]|[①-⑳]|[-•·*])/;
// 共 alone is a connective ("共开展"), but not in 共青团, 共同, 共享, 共建, 共产党.
const CONNECTIVE = /^(?:其中|共计|共有|合计|总计|另外|同时|以及|并且|共(?![青同享建产]))/;
const EDGE_SEPARATORS = /^[\s、/／]+|[\s、/／]+$/g;
/** Words that ask for a description rather than a number when they end a label (`典型案例具体为（ ）`). */
const TEXT_CUE = /(?:为|是|如|包括|名称|内容|情况|做法|说明|地点|备注|简介|具体)$/;
const YES_NO_QUESTION = /^是否|是否$/;

/** Cleans one piece of label text: spaces, list markers (`1.`, `（二）`, `一是`) and leading connectives (其中, 共). */
function tidy(words: string): string {
  const label = words.replace(/\s+/g, ' ').replace(EDGE_SEPARATORS, '').replace(LIST_MARKER, '').trim();
  // A connective alone (`共有（ ）个企业`) names nothing, which lets the fallbacks name the blank.
  return label.replace(CONNECTIVE, '').trim();
}

/**
 * The words that name a blank: the end of the text before it, back to the previous blank or the end
 * of a clause; and the other pieces of the same sentence before them (`基地建设情况，新建（ ）个`),
 * which may be its subject. `region` is the text from the previous blank to this one.
 */
function readRegion(region: string): { before: string; pieces: string[] } {
  const clauses = region.split(SENTENCE_END).pop()!.split(CLAUSE_END);
  // A colon closes a heading: the label is what follows it, or the heading itself when nothing does (`…专题片：是（ ）否（ ）`).
  const last = clauses.pop()!.split(/[：:]/).map(tidy).filter((piece) => piece !== '');
  const before = last.pop() ?? '';
  const pieces = clauses.flatMap((clause) => clause.split(/[：:]/)).map(tidy).filter((piece) => piece !== '');
  return { before, pieces: [...pieces, ...last] };
}

/** What a single blank asks for, judged by the words after it and the label before it; `end` is where its text stops. */
function readBlank(text: string, blankEnd: number, nextSlotStart: number, before: string) {
  const after = text.slice(blankEnd, nextSlotStart);
  const unit = unitAtStart(after);
  const wordsStart = unit ? unit.length : 0;
  const words = WORDS_AHEAD.exec(after.slice(wordsStart))![0];
  // Words that run straight into the next blank are that blank's label, not this one's.
  const following = wordsStart + words.length === after.length && nextSlotStart < text.length ? '' : words;
  const end = blankEnd + wordsStart + following.length;
  if (unit) return { kind: 'count', unit: unit.unit, following, end } as const;
  // A blank inside a phrase (`以（ ）等形式`) is filled with words.
  if (WORD_CHAR.test(after)) return { kind: 'text', following, end } as const;
  if (YES_NO_QUESTION.test(before)) return { kind: 'boolean', following, end } as const;
  if (TEXT_CUE.test(before)) return { kind: 'text', following, end } as const;
  return { kind: 'count', unit: '', following, end } as const;
}

/**
 * The statistics fields written as blanks in a table cell, one per blank in order of appearance;
 * a yes/no pair (`是（ ）否（ ）`, `□是□否`) is one boolean field.
 *
 * - A blank followed by a unit (次, 人次, 条/份 …, even before a noun: `（ ）个企业`) is a count with
 *   that unit; a blank followed by punctuation or nothing is a count without unit, unless its label
 *   asks for words (`典型案例具体为（ ）`) or is a 是否 question; a blank followed straight by other
 *   words (`以（ ）等形式`) is text.
 * - The label is the text before the blank back to the previous blank or the end of a clause, without
 *   list markers and leading connectives. A text blank inside a phrase is labelled `以…等形式`; a
 *   generic word before a counted noun is labelled with it (`覆盖（ ）家企业` → 覆盖企业); when nothing
 *   precedes the blank, the words after it label it (`（ ）个企业开展演练` → 企业开展演练).
 * - Every label stands alone in a flat list of fields: one that is empty, only a unit or only a
 *   generic word (参与, 组织, 新建 …) is qualified by its subject, joined by `·` — the nearest label or
 *   heading before it in the same sentence that stands alone, else `itemTitle` — with a unit that
 *   is a noun (`理论学习中心组学习（ ）次，参与（ ）人次` → 理论学习中心组学习·参与人次; `培训（ ）场（ ）人次`
 *   → 培训, 培训·人次). Labels of one cell are distinct (see {@link distinctLabels}) and fit the
 *   server's limit (FIELD_LABEL_MAX_LENGTH); a blank without any words or subject is 未命名.
 * - HTML (`<p>`, `<br>`, entities) is read as plain text with line breaks; brackets with words inside
 *   (`（含线上）`) are not blanks; a cell without blanks ("根据实际情况选填") has no fields.
 */
export function parseFieldText(text: string, itemTitle = ''): ParsedField[] {
  const plain = htmlToText(text);
  const slots = findSlots(plain);
  const found: { kind: ParsedField['kind']; unit: string; naming: Naming }[] = [];
  // Labels and headings of the current sentence, nearest last: the subjects a label may take.
  let subjects: string[] = [];
  let regionStart = 0;
  slots.forEach((slot, index) => {
    const region = plain.slice(regionStart, slot.start);
    const { before, pieces } = readRegion(region);
    if (SENTENCE_END.test(region)) subjects = [];
    subjects.push(...pieces);
    const blank = slot.yesNo
      ? ({ kind: 'boolean', following: '', end: slot.end } as const)
      : readBlank(plain, slot.end, index + 1 < slots.length ? slots[index + 1].start : plain.length, before);
    const unit = blank.kind === 'count' ? blank.unit : '';
    const word =
      blank.kind === 'text' && blank.following !== ''
        ? `${before}…${blank.following}`
        : before !== '' && isGenericLabel(before) && unit !== ''
          ? before + blank.following
          : before || blank.following;
    const subject = nearestSubject(subjects, word) || itemTitle.trim();
    found.push({ kind: blank.kind, unit, naming: standAloneLabel(word, unit, subject) });
    subjects.push(word);
    regionStart = blank.end;
  });
  const labels = distinctLabels(found.map((field) => field.naming));
  return found.map(({ kind, unit }, index) => (kind === 'count' ? { kind, label: labels[index], unit } : { kind, label: labels[index] }));
}
