import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { Allow, getMetadataStorage, IsDefined, IsInt, IsString, validate, Validate, ValidateIf, ValidateNested, ValidatorConstraint, ValidatorOptions } from 'class-validator';
import fc from 'fast-check';
import { ApiException } from './api-exception';
import { isCertainlyValid } from './quick-check';
import { createValidationPipe, validationPipeOptions } from './validation';

type Dto = new () => object;
type Plain = Record<string, unknown>;

const rulesOf = (dto: Dto) => getMetadataStorage().getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined);

/** Every class the server's DTO files export that class-validator has rules for. */
function serverDtos(): Dto[] {
  const src = join(__dirname, '..');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dto.ts'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = files.flatMap((f) => Object.values(require(join(src, f)) as Record<string, unknown>));
  return exported.filter((value): value is Dto => typeof value === 'function' && rulesOf(value as Dto).length > 0);
}

/** The class a nested property is made into (class-transformer's `@Type`), if any. */
function nestedClass(dto: Dto, property: string): Dto | undefined {
  const made = (plainToInstance(dto, { [property]: {} }) as Plain)[property] as object;
  return made.constructor === Object ? undefined : (made.constructor as Dto);
}

/** Values near every number and length the rules name, the items of their lists, and the usual suspects. */
function scalarsFor(dtos: Dto[]): unknown[] {
  const scalars: unknown[] = [null, true, false, 0, 1, -1, 1.5, 120, '', ' ', 'a', 'x1', 'abcdefgh-12', '2027-06-16T01:00:00.000Z', '2027-13-45', '0a8b2f5c-6d1e-4f7a-9b3c-2d4e6f8a0b1c', {}, []];
  for (const rule of dtos.flatMap(rulesOf)) {
    for (const constraint of rule.constraints ?? []) {
      if (typeof constraint === 'number') scalars.push(constraint - 1, constraint, constraint + 1, 'x'.repeat(Math.max(0, Math.min(constraint + 1, 6000))));
      if (Array.isArray(constraint)) scalars.push(...constraint);
    }
  }
  return [...new Set(scalars)];
}

const body = (metatype: Dto): ArgumentMetadata => ({ type: 'body', metatype });

/** What a pipe makes of `value`: the DTO it hands on, or the error details it refuses with. */
async function outcome(pipe: ValidationPipe, dto: Dto, value: unknown): Promise<unknown> {
  try {
    return { accepted: await pipe.transform(structuredClone(value), body(dto)) };
  } catch (error) {
    if (error instanceof ApiException) return { refused: error.body.error };
    throw error;
  }
}

describe('quick check', () => {
  const dtos = serverDtos();
  const scalars = scalarsFor(dtos);
  const ours = createValidationPipe();
  // Nest's own pipe with the same settings: what the server did before the quick check.
  const nests = new ValidationPipe(validationPipeOptions());

  const examples = new Map<Dto, Plain>();

  /** A value of `dto` (kept, with those of its nested classes) that Nest's pipe accepts, property by property from the candidates. */
  async function validExample(dto: Dto): Promise<Plain> {
    const known = examples.get(dto);
    if (known) return known;
    const example: Plain = {};
    for (const property of Object.keys(getMetadataStorage().groupByPropertyName(rulesOf(dto)))) {
      const nested = nestedClass(dto, property);
      const inner = nested && (await validExample(nested));
      const candidates = [...(inner ? [[inner], inner, []] : []), ...scalars, ...scalars.map((s) => [s]), undefined];
      for (const candidate of candidates) {
        const tried = { ...example, [property]: candidate };
        if (candidate === undefined) delete tried[property];
        const result = (await outcome(nests, dto, tried)) as { refused?: { details?: { field?: string }[] } };
        const fails = result.refused?.details?.some((d) => d.field === property || d.field?.startsWith(`${property}.`));
        if (!fails) {
          Object.assign(example, tried);
          break;
        }
      }
    }
    examples.set(dto, example);
    return example;
  }

  /** Values of `dto`: its valid example with up to three properties changed, removed or added. */
  function samples(dto: Dto, depth = 0): fc.Arbitrary<Plain> {
    const example = examples.get(dto) as Plain;
    const properties = Object.keys(getMetadataStorage().groupByPropertyName(rulesOf(dto)));
    const nestedValues = properties.flatMap((p) => {
      const nested = nestedClass(dto, p);
      if (!nested || depth > 1) return [];
      const inner = samples(nested, depth + 1);
      return [inner, fc.array(inner, { maxLength: 3 })];
    });
    const value = fc.oneof(fc.constantFrom(...scalars), fc.array(fc.constantFrom(...scalars), { maxLength: 3 }), ...nestedValues);
    const change = fc.tuple(fc.constantFrom(...properties, 'unexpected'), fc.option(value, { nil: undefined }));
    return fc.array(change, { maxLength: 3 }).map((changes) => {
      const changed: Plain = structuredClone(example);
      for (const [property, to] of changes) {
        if (to === undefined) delete changed[property];
        else changed[property] = to;
      }
      return changed;
    });
  }

  it('finds the DTOs of the server', () => {
    expect(dtos.map((d) => d.name)).toEqual(expect.arrayContaining(['CreateReportDto', 'ContributionDto', 'ReviewReportDto', 'PasswordSignInDto']));
  });

  it('answers every DTO of the server exactly as Nest\'s own pipe does, and is sure of a value only when class-validator finds no error', async () => {
    // What our pipe hands the check: the DTO instance and the options Nest derives from the settings.
    const checked = jest.spyOn(ours as unknown as { validate: (object: object, options?: ValidatorOptions) => unknown }, 'validate');
    let sure = 0;
    for (const dto of dtos) {
      await validExample(dto);
      await fc.assert(
        fc.asyncProperty(samples(dto), async (value) => {
          checked.mockClear();
          expect(await outcome(ours, dto, value)).toStrictEqual(await outcome(nests, dto, value));
          for (const [object, options] of checked.mock.calls) {
            if (!isCertainlyValid(object, options)) continue;
            sure++;
            expect(await validate(object, options)).toEqual([]);
          }
        }),
        // Fixed: the same values on every run, so that a failure is never a matter of luck.
        { numRuns: 150, seed: 20261124 },
      );
    }
    checked.mockRestore();
    // The check said "valid" often enough for the comparison to mean something.
    expect(sure).toBeGreaterThan(dtos.length * 10);
  });

  it('lets the valid value of every DTO through without running class-validator', async () => {
    const longWay = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
    try {
      const seen = [];
      for (const dto of dtos) {
        const example = await validExample(dto);
        longWay.mockClear();
        const accepted = ((await outcome(ours, dto, example)) as { accepted?: unknown }).accepted instanceof dto;
        seen.push({ dto: dto.name, accepted, longWay: longWay.mock.calls.length });
      }
      expect(seen).toEqual(dtos.map((dto) => ({ dto: dto.name, accepted: true, longWay: 0 })));
    } finally {
      longWay.mockRestore();
    }
  });

  describe('is sure only of what it follows', () => {
    class Note {
      @IsString()
      text: string;
    }
    const note = Object.assign(new Note(), { text: 'a' });

    it('follows the options the pipe uses, and no others', () => {
      expect(isCertainlyValid(note, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false })).toBe(true);
      expect(isCertainlyValid(note, { groups: ['admin'] })).toBe(false);
      expect(isCertainlyValid(note, { skipMissingProperties: true })).toBe(false);
      // Whitelisting without refusing deletes the unknown properties: class-validator's job.
      expect(isCertainlyValid(note, { whitelist: true })).toBe(false);
      expect(isCertainlyValid(Object.assign(new Note(), { text: 'a', extra: 1 }), { whitelist: true, forbidNonWhitelisted: true })).toBe(false);
    });

    it('treats a class without rules as class-validator does: an unknown value, unless allowed', () => {
      class Bare {}
      expect(isCertainlyValid(new Bare())).toBe(false);
      expect(isCertainlyValid(new Bare(), { forbidUnknownValues: false })).toBe(true);
      expect(isCertainlyValid(Object.assign(new Bare(), { a: 1 }), { forbidUnknownValues: false, whitelist: true, forbidNonWhitelisted: true })).toBe(false);
    });

    it('skips a property whose condition says no, and checks each item of a collection', () => {
      class Tagged {
        @ValidateIf((o: Tagged) => o.kind === 'tagged')
        @IsString({ each: true })
        tags: unknown;

        @IsString()
        kind: string;
      }
      const tagged = (kind: string, tags: unknown) => Object.assign(new Tagged(), { kind, tags });
      expect(isCertainlyValid(tagged('plain', 42))).toBe(true);
      expect(isCertainlyValid(tagged('tagged', new Set(['a', 'b'])))).toBe(true);
      expect(isCertainlyValid(tagged('tagged', new Set(['a', 2])))).toBe(false);
      expect(isCertainlyValid(tagged('tagged', new Map([[1, 'a']])))).toBe(true);
    });

    /** The check's answer, which must be class-validator's whenever it is sure. */
    async function agreed(object: object, options: ValidatorOptions = {}): Promise<boolean> {
      const sure = isCertainlyValid(object, options);
      if (sure) expect(await validate(object, options)).toEqual([]);
      return sure;
    }

    it('checks @IsDefined, @Allow and nested values as class-validator does', async () => {
      class Inner {
        @IsString()
        text: string;
      }
      class Outer {
        @IsDefined()
        id: unknown;

        @Allow()
        free: unknown;

        @ValidateNested()
        @Type(() => Inner)
        inner: unknown;
      }
      const outer = (fields: object) => Object.assign(new Outer(), fields);
      const inner = (text: unknown) => Object.assign(new Inner(), { text });
      const strict = { whitelist: true, forbidNonWhitelisted: true };
      expect(await agreed(outer({ id: 1, free: { any: 'thing' } }), strict)).toBe(true);
      expect(await agreed(outer({ free: 1 }), strict)).toBe(false);
      expect(await agreed(outer({ id: 1, inner: inner('a') }), strict)).toBe(true);
      expect(await agreed(outer({ id: 1, inner: inner(2) }), strict)).toBe(false);
      expect(await agreed(outer({ id: 1, inner: null }), strict)).toBe(false);
      expect(await agreed(outer({ id: 1, inner: 'a' }), strict)).toBe(false);
      expect(await agreed(outer({ id: 1, inner: [inner('a'), [inner('b')]] }), strict)).toBe(true);
      expect(await agreed(outer({ id: 1, inner: [inner('a'), undefined] }), strict)).toBe(true);
      expect(await agreed(outer({ id: 1, inner: new Set([inner('a'), inner(3)]) }), strict)).toBe(false);
      expect(await agreed(outer({ id: 1, inner: new Map([['k', inner('a')]]) }), strict)).toBe(true);
      expect(await agreed(outer({ id: 1, inner: [{ text: 'a' }] }), strict)).toBe(false);
    });

    it('leaves a promise answered by a constraint not declared asynchronous to class-validator, handled', async () => {
      @ValidatorConstraint({ name: 'failing' })
      class Failing {
        validate() {
          return Promise.reject(new Error('lookup failed'));
        }
      }
      class Checked {
        @Validate(Failing)
        value: number;
      }
      const unhandled: unknown[] = [];
      const listen = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', listen);
      try {
        expect(isCertainlyValid(Object.assign(new Checked(), { value: 1 }))).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', listen);
      }
    });

    it('leaves a constraint that answers a promise to class-validator', async () => {
      let asked = 0;
      @ValidatorConstraint({ name: 'later', async: true })
      class Later {
        validate(value: unknown) {
          asked++;
          return Promise.resolve(value === 1);
        }
      }
      class Counted {
        @IsInt()
        @Validate(Later)
        count: number;
      }
      expect(isCertainlyValid(Object.assign(new Counted(), { count: 1 }))).toBe(false);
      // The pipe still accepts it, the long way.
      expect(await outcome(ours, Counted, { count: 1 })).toEqual({ accepted: Object.assign(new Counted(), { count: 1 }) });
      expect(await outcome(ours, Counted, { count: 2 })).toMatchObject({ refused: { details: [{ field: 'count' }] } });
      // Run once per validation, by class-validator: an asynchronous check may cost a query.
      expect(asked).toBe(2);
    });
  });
});
