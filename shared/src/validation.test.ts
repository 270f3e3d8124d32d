import { answerProblem, classifyLogin, hasInvalidCharacters, isAnswerOfKind, isCalendarDate, isInstant, isMobile, isPhone, passwordProblem } from './validation';
import { parseUnitKind } from './roles';

describe('classifyLogin', () => {
  it('recognises mobile numbers and usernames', () => {
    expect(classifyLogin('13800138000')).toEqual({ kind: 'phone' });
    expect(classifyLogin(' liaison.zw ')).toEqual({ kind: 'username' });
  });

  it('explains what is wrong in Chinese', () => {
    expect(classifyLogin('')).toEqual({ error: '请输入用户名或手机号' });
    expect(classifyLogin('12345')).toEqual({ error: '手机号应为 11 位数字，以 1 开头' });
    expect(classifyLogin('张三')).toHaveProperty('error');
    expect(classifyLogin('ab')).toHaveProperty('error');
  });
});

describe('isMobile', () => {
  it('accepts 11 digits starting 13–19 only', () => {
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('1380013800')).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('bounds the length', () => {
    expect(passwordProblem('short')).toBe('密码至少 8 位');
    expect(passwordProblem('x'.repeat(73))).toBe('密码最多 72 位');
    expect(passwordProblem('long enough')).toBeUndefined();
  });
});

describe('parseUnitKind', () => {
  it('takes codes, labels and common words', () => {
    expect(parseUnitKind('enterprise')).toBe('enterprise');
    expect(parseUnitKind('学校')).toBe('school');
    expect(parseUnitKind(' 市直部门 ')).toBe('department');
    expect(parseUnitKind('外星')).toBeUndefined();
  });
});

describe('hasInvalidCharacters', () => {
  it('finds NUL and surrogates outside a pair, wherever they are', () => {
    for (const text of ['\u0000', 'a\u0000b', '\uD800', 'a\uD83D', '\uDE00b', 'x\uDC00', '\uD83D\uD83D\uDE00\uDE00', '\uDFFF\uD800']) {
      expect(hasInvalidCharacters(text)).toBe(true);
    }
    for (const text of ['', '安全生产月', '😀', 'a😀b𠀀', '\u0001\t\n', '\uFFFD']) expect(hasInvalidCharacters(text)).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('takes YYYY-MM-DD dates that exist', () => {
    for (const text of ['2027-02-28', '2028-02-29', '2027-12-31']) expect(isCalendarDate(text)).toBe(true);
    for (const text of ['2027-02-29', '2027-02-30', '2027-04-31', '2027-13-01', '2027-00-10', '2027-6-1', '2027-06-01T00:00:00Z', '']) {
      expect(isCalendarDate(text)).toBe(false);
    }
  });
});

describe('isInstant', () => {
  it('takes an ISO date and time with its offset, on a date that exists', () => {
    for (const text of ['2027-06-01T01:30:00.000Z', '2028-02-29T23:59:59Z', '2027-06-01T09:30+08:00', '2027-06-01T09:30:00.123456-05:00']) {
      expect(isInstant(text)).toBe(true);
    }
    for (const text of ['2027-02-30T01:00:00Z', '2027-02-28T24:00:00Z', '2027-06-01T01:60:00Z', '2027-06-01T01:30:00', '2027-06-01', '2027-06-01 01:30:00Z', 'later', '']) {
      expect(isInstant(text)).toBe(false);
    }
  });
});

describe('isPhone', () => {
  it('takes a mobile or a landline with an optional area code and extension', () => {
    for (const phone of ['13800138000', '0955-1234567', '09551234567', '12345678', '010-12345678-801']) expect(isPhone(phone)).toBe(true);
    for (const phone of ['12345', '23800138000', '0955-123', 'tel:13800138000', '']) expect(isPhone(phone)).toBe(false);
  });
});

describe('isAnswerOfKind', () => {
  it('takes true or false for a yes/no field, text for a text field, nothing for a count field', () => {
    expect([true, false, 'true', ''].map((value) => isAnswerOfKind('boolean', value))).toEqual([true, true, false, false]);
    expect(['案例', '', true, 1].map((value) => isAnswerOfKind('text', value))).toEqual([true, true, false, false]);
    expect([1, true, '1'].map((value) => isAnswerOfKind('count', value))).toEqual([false, false, false]);
  });
});

describe('answerProblem', () => {
  const yesNo = { kind: 'boolean' as const, label: '发放宣传资料' };
  const text = { kind: 'text' as const, label: '典型案例' };

  it('takes true or false for a yes/no field, and nothing else', () => {
    expect(answerProblem(yesNo, true)).toBeUndefined();
    expect(answerProblem(yesNo, false)).toBeUndefined();
    for (const value of ['true', 1, null]) expect(answerProblem(yesNo, value)).toBe('“发放宣传资料”是“是/否”项，只能选择“是”或“否”');
  });

  it('takes non-blank text of at most 500 characters (trimmed) for a text field', () => {
    expect(answerProblem(text, ` ${'案'.repeat(500)} `)).toBeUndefined();
    expect(answerProblem(text, '案'.repeat(501))).toBe('答案最多 500 个字');
    for (const value of ['  ', true]) expect(answerProblem(text, value)).toBe('“典型案例”是文字项，请填写文字');
  });
});
