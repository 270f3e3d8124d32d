import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, IsInt, IsString, MaxLength } from 'class-validator';
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
  // First: the pipe wraps class-validator's lookup once per test file, and the spy must be under it.
  it('looks a class\'s rules up once, and again only after a rule is added', async () => {
    const lookUp = jest.spyOn(getMetadataStorage(), 'getTargetValidationMetadatas');
    const pipe = createValidationPipe();
    class Tally extends Named {
      @IsInt()
      count: number;
    }
    const lookUpsOfTally = () => lookUp.mock.calls.filter(([target]) => target === Tally).length;
    await pipe.transform({ name: 'a', count: 1 }, body(Tally));
    await pipe.transform({ name: 'b', count: 2 }, body(Tally));
    expect(lookUpsOfTally()).toBe(1);
    IsString()(Tally.prototype, 'note');
    expect(await pipe.transform({ name: 'c', count: 3, note: 'x' }, body(Tally))).toEqual({ name: 'c', count: 3, note: 'x' });
    expect(lookUpsOfTally()).toBe(2);
  });

  it('keeps applying each class\'s own and inherited rules, also to classes defined after it started', async () => {
    const pipe = createValidationPipe();
    expect(await pipe.transform({ name: 'abc' }, body(Named))).toEqual({ name: 'abc' });
    expect(await refusal(() => pipe.transform({ name: 'abcd' }, body(Named)))).toEqual([{ field: 'name', message: '太长' }]);

    // Defined (its decorators run) after the pipe has remembered Named's rules.
    class Counted extends Named {
      @IsInt()
      count: number;
    }
    expect(await refusal(() => pipe.transform({ name: 'abcd', count: 'x' }, body(Counted)))).toEqual([
      { field: 'count', message: '必须是整数' },
      { field: 'name', message: '太长' },
    ]);
    expect(await refusal(() => pipe.transform({ name: 'ab', extra: 1 }, body(Named)))).toEqual([{ field: 'extra', message: '不允许的字段' }]);
  });

  it('sees a rule added to a class it has already validated', async () => {
    const pipe = createValidationPipe();
    class Later extends Named {}
    expect(await refusal(() => pipe.transform({ name: 'ab', count: 1 }, body(Later)))).toEqual([{ field: 'count', message: '不允许的字段' }]);
    IsInt()(Later.prototype, 'count');
    expect(await pipe.transform({ name: 'ab', count: 1 }, body(Later))).toEqual({ name: 'ab', count: 1 });
  });
});
