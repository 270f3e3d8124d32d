import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { IsBoolean, IsInt, IsObject, IsString, MaxLength } from 'class-validator';
import { ApiException } from './api-exception';
import { createValidationPipe, IsCalendarDate, Nested, Optional } from './validation';

class Named {
  @IsString()
  @MaxLength(3)
  name: string;
}

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiException) return error.body.error.details;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validation pipe', () => {
  it('answers the API error shape, in Chinese, one detail per problem', async () => {
    const pipe = createValidationPipe();
    class Counted extends Named {
      @IsInt()
      count: number;
    }
    expect(await pipe.transform({ name: 'abc', count: 1 }, body(Counted))).toEqual({ name: 'abc', count: 1 });
    expect(await refusal(() => pipe.transform({ name: 'abcd', count: 'x' }, body(Counted)))).toEqual([
      { field: 'count', message: '必须是整数' },
      { field: 'name', message: '太长' },
    ]);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const pipe = createValidationPipe();
    expect(await refusal(() => pipe.transform({ name: 'ab', extra: 1 }, body(Named)))).toEqual([{ field: 'extra', message: '不允许的字段' }]);
  });

  it('refuses a body that is not an object', async () => {
    const pipe = createValidationPipe();
    expect(await refusal(() => pipe.transform([1, 2], body(Named)))).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
  });

  it('refuses null for an optional field, once, and takes it left out', async () => {
    const pipe = createValidationPipe();
    class Settings {
      @Optional()
      @IsString()
      @MaxLength(3)
      theme?: string;

      @Optional()
      @IsBoolean()
      open?: boolean;
    }
    expect(await pipe.transform({}, body(Settings))).toEqual({});
    expect(await refusal(() => pipe.transform({ theme: null, open: null }, body(Settings)))).toEqual([
      { field: 'theme', message: '不能为空' },
      { field: 'open', message: '不能为空' },
    ]);
  });

  it('takes a nested DTO as an object only, never an array in its place', async () => {
    const pipe = createValidationPipe();
    class Phase {
      @IsCalendarDate()
      start: string;
    }
    class Plan {
      @Nested(() => Named)
      owner: Named;

      @Nested(() => Phase, { each: true })
      phases: Phase[];
    }
    expect(await pipe.transform({ owner: { name: 'ab' }, phases: [{ start: '2028-02-29' }] }, body(Plan))).toBeInstanceOf(Plan);
    expect(await refusal(() => pipe.transform({ owner: [], phases: [[]] }, body(Plan)))).toEqual([
      { field: 'owner', message: '必须是对象' },
      { field: 'phases', message: '必须是对象' },
    ]);
    expect(await refusal(() => pipe.transform({ owner: { name: 'ab' }, phases: [{ start: '2027-02-29' }] }, body(Plan)))).toEqual([
      { field: 'phases.0.start', message: '必须是存在的日期（YYYY-MM-DD）' },
    ]);
  });

  it('refuses NUL and unpaired surrogates in any text, keys and free-form objects included, naming the field', async () => {
    const pipe = createValidationPipe();
    class Form {
      @IsString()
      name: string;

      @IsObject()
      values: Record<string, unknown>;
    }
    const invalid = '含有无效字符（空字符或不完整的 Unicode 字符）';
    expect(await refusal(() => pipe.transform({ name: 'a\u0000', values: { list: ['ok', '\uD800'], 'k\uDC00': 1 } }, body(Form)))).toEqual([
      { field: 'name', message: invalid },
      { field: 'values.list.1', message: invalid },
      { field: 'values', message: invalid },
    ]);
    expect(await refusal(() => pipe.transform('\u0000', { type: 'param', data: 'id', metatype: String }))).toEqual([{ field: 'id', message: invalid }]);
    expect(await pipe.transform({ name: '安全😀', values: {} }, body(Form))).toEqual({ name: '安全😀', values: {} });
  });
});
