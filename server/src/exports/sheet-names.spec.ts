import { sheetNamer } from './sheet-names';

describe('sheetNamer', () => {
  it('keeps names Excel accepts: unique ignoring case, at most 31 characters, no []:*?/\\', () => {
    const name = sheetNamer();
    expect(name('汇总')).toBe('汇总');
    expect(name('城东区[一]:*?/\\')).toBe('城东区_一______');
    expect(name("'引号'")).toBe('引号');
    expect(name('')).toBe('Sheet');
    const long = '某某市某某区某某街道某某社区居民委员会安全生产委员会办公室第一分部';
    const first = name(long);
    expect(Array.from(first)).toHaveLength(31);
    expect(name(long)).toBe(`${Array.from(long).slice(0, 28).join('')}(2)`);
    expect(name('Unit')).toBe('Unit');
    expect(name('UNIT')).toBe('UNIT(2)');
    expect(name('汇总')).toBe('汇总(2)');
  });
});
