import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsString, MaxLength } from 'class-validator';
import { ApiException } from './api-exception';
import { createValidationPipe } from './validation';

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
});
