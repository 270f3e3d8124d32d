/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fillBlanks, parseFieldText, type BlankValue, type ParsedField } from '.';

// Blanks and boxes left empty after filling.
const EMPTY = /[（(][^\S\n]*[）)]|[□☐]/g;
const emptyIn = (text: string) => (text.match(EMPTY) ?? []).length;
/** A value of each field's kind, as a filled table has. */
const valueFor = (field: ParsedField, index: number): BlankValue => (field.kind === 'count' ? index : field.kind === 'boolean' ? index % 2 === 0 : `答${index}`);

describe('fillBlanks', () => {
  it('writes counts, yes/no and text into the notice\'s own wording', () => {
    const cell = '<p>理论学习中心组学习（ ）次，参与（ ）人次；</p><p>专题片：是（ ）否（ ）；典型案例具体为（ ），每月报送。</p>';
    expect(fillBlanks(cell, [3, 45, true, '安全宣讲进社区'])).toEqual({
      text: '\n理论学习中心组学习（3）次，参与（45）人次；\n\n专题片：是（√）否（ ）；典型案例具体为（安全宣讲进社区），每月报送。\n',
      placed: 4,
    });
    expect(fillBlanks('使用平台：是（ ）否（ ）', [false]).text).toBe('使用平台：是（ ）否（√）');
  });

  it('keeps each blank\'s own brackets and boxes', () => {
    expect(fillBlanks('开展(  )场，( )是 ( )否', [2, true]).text).toBe('开展(2)场，(√)是 ( )否');
    expect(fillBlanks('是否开展：□是□否；☐是/☐否', [false, true]).text).toBe('是否开展：□是☑否；☑是/☐否');
    expect(fillBlanks('覆盖（ ）家企业（含线上）', [7]).text).toBe('覆盖（7）家企业（含线上）');
  });

  it('leaves blanks without a value as they are, and says how many values found a blank', () => {
    expect(fillBlanks('培训（ ）场（ ）人次；专题片：是（ ）否（ ）', [null, 30, null])).toEqual({ text: '培训（ ）场（30）人次；专题片：是（ ）否（ ）', placed: 3 });
    expect(fillBlanks('培训（ ）场', [1, 2, 3])).toEqual({ text: '培训（1）场', placed: 1 });
    expect(fillBlanks('根据实际情况选填', [5])).toEqual({ text: '根据实际情况选填', placed: 0 });
    // A yes/no pair takes only a boolean; a single blank given one reads 是 or 否.
    expect(fillBlanks('是（ ）否（ ）；报送（ ）', [4, true]).text).toBe('是（ ）否（ ）；报送（是）');
  });

  it('fills every blank of the seed tables, leaving only the box not chosen of each yes/no pair', () => {
    const folder = join(__dirname, '../../fixtures/seed-tables');
    for (const name of readdirSync(folder)) {
      const table = readFileSync(join(folder, name), 'utf8');
      const fields = parseFieldText(table);
      const { text, placed } = fillBlanks(table, fields.map(valueFor));
      expect(placed).toBe(fields.length);
      expect(emptyIn(text)).toBe(fields.filter((f) => f.kind === 'boolean').length);
    }
  });

  it('fills as many blanks as the parser finds fields, in any text', () => {
    const piece = fc.constantFrom('（ ）', '( )', '是（ ）否（ ）', '□是□否', '场', '人次', '，', '；', '开展', '参与', '\n', ' ', '<p>', '典型案例为');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const fields = parseFieldText(text);
        const { text: filled, placed } = fillBlanks(text, fields.map(valueFor));
        expect(placed).toBe(fields.length);
        expect(emptyIn(filled)).toBe(fields.filter((f) => f.kind === 'boolean').length);
      }),
    );
  });
});
