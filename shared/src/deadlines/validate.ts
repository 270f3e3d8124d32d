import { parseDay, parseMoment, parseTime } from './china-time';
import { instancesOf, type DeadlineRule } from './rules';

type Fields = Record<string, unknown>;

function received(value: unknown): string {
  return value === undefined ? '，但未填写' : `，收到：${String(value)}`;
}

function momentProblem(fields: Fields, key: 'due' | 'opens', name: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && parseMoment(value) !== undefined
    ? undefined
    : `${name}（${key}）应为存在的日期 YYYY-MM-DD 或日期时间 YYYY-MM-DD HH:mm${received(value)}`;
}

function dayProblem(fields: Fields, key: 'from' | 'until', name: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && parseDay(value) !== undefined ? undefined : `${name}（${key}）应为存在的日期 YYYY-MM-DD${received(value)}`;
}

function integerProblem(fields: Fields, key: 'weekday' | 'day', max: number, message: string): string | undefined {
  const value = fields[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? undefined : message;
}

function onceProblems(fields: Fields): (string | undefined)[] {
  const problems = [momentProblem(fields, 'due', '截止时间')];
  if (fields.opens !== undefined) problems.push(momentProblem(fields, 'opens', '开始时间'));
  return problems;
}

function periodicProblems(fields: Fields): (string | undefined)[] {
  const problems =
    fields.kind === 'weekly'
      ? [integerProblem(fields, 'weekday', 7, '星期（weekday）应为 1 到 7 的整数（1 为星期一，7 为星期日）')]
      : [integerProblem(fields, 'day', 31, '日期（day）应为 1 到 31 的整数')];
  if (fields.time !== undefined && (typeof fields.time !== 'string' || parseTime(fields.time) === undefined)) {
    problems.push(`时间（time）应为 00:00 到 23:59 之间的 HH:mm${received(fields.time)}`);
  }
  const from = dayProblem(fields, 'from', '开始日期');
  const until = dayProblem(fields, 'until', '结束日期');
  problems.push(from, until);
  if (!from && !until && parseDay(fields.until as string)! < parseDay(fields.from as string)!) {
    problems.push('结束日期（until）不能早于开始日期（from）');
  }
  return problems;
}

/** What is wrong with a deadline rule, in Chinese, one message per problem; [] when it is valid. */
export function validateDeadlineRule(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null) return ['截止规则应为对象'];
  const fields = rule as Fields;
  if (fields.kind !== 'once' && fields.kind !== 'weekly' && fields.kind !== 'monthly') {
    return ['截止规则类型（kind）应为 once（一次）、weekly（每周）或 monthly（每月）'];
  }
  const problems = (fields.kind === 'once' ? onceProblems(fields) : periodicProblems(fields)).filter((problem) => problem !== undefined);
  if (problems.length > 0) return problems;
  // Only now is the rule well-formed enough to compute its instances.
  const instances = instancesOf(rule as DeadlineRule);
  if (instances.length === 0) return ['开始日期与结束日期之间没有符合规则的截止日'];
  if (fields.kind === 'once' && Date.parse(instances[0].opensAt) >= Date.parse(instances[0].dueAt)) return ['开始时间（opens）应早于截止时间（due）'];
  return [];
}
