import { classifyLogin, isMobile, passwordProblem } from './validation';
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
