import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateBy, ValidateIf, ValidateNested, ValidationOptions } from 'class-validator';
import { ErrorDetail, hasInvalidCharacters, INVALID_TEXT_MESSAGE, isCalendarDate, isInstant } from '@safemonth/shared';
import { ApiException } from './api-exception';

/** Chinese wording of class-validator's constraints; DTOs give their own message where numbers matter. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必须填写',
  isNotEmpty: '不能为空',
  isString: '必须是文本',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是是/否',
  isIn: '取值无效',
  isEnum: '取值无效',
  isUUID: '格式无效',
  isUuid: '格式无效',
  isArray: '必须是列表',
  isObject: '必须是对象',
  isCalendarDate: '必须是存在的日期（YYYY-MM-DD）',
  isInstant: '必须是日期时间',
  matches: '格式不正确',
  min: '数值太小',
  max: '数值太大',
  minLength: '太短',
  maxLength: '太长',
  nestedValidation: '格式不正确',
  unknownValue: '请求体必须是 JSON 对象',
};

const NULL_MESSAGE = '不能为空';

function isChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = error.property ? `${prefix}${error.property}` : prefix.replace(/\.$/, '');
    // A null where a value belongs is one problem, not one per rule it also breaks.
    const constraints = error.value === null && error.constraints && !error.constraints.whitelistValidation ? { isDefined: NULL_MESSAGE } : (error.constraints ?? {});
    const own = Object.entries(constraints).map(([key, message]) => ({
      ...(field ? { field } : {}),
      message: isChinese(message) ? message : (CONSTRAINT_MESSAGES[key] ?? '格式不正确'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], `${field}.`)];
  });
}

function validationFailure(details: ErrorDetail[]): ApiException {
  const first = details[0];
  const summary = first ? `${first.field ? `${first.field}：` : ''}${first.message}` : '格式不正确';
  return ApiException.badRequest(`请求参数有误（${summary}）`, details);
}

/**
 * Text anywhere in a body, query or parameter (object keys too) holding what no text may hold
 * (`hasInvalidCharacters`), as one detail per field, named the way class-validator names it.
 */
function invalidText(value: unknown, field: string): ErrorDetail[] {
  const detail = (name: string): ErrorDetail => ({ ...(name ? { field: name } : {}), message: INVALID_TEXT_MESSAGE });
  if (typeof value === 'string') return hasInvalidCharacters(value) ? [detail(field)] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    // A key that is itself broken is named by where it is, not echoed.
    if (hasInvalidCharacters(key)) return [detail(field)];
    return invalidText(inner, field ? `${field}.${key}` : key);
  });
}

/**
 * Nest's ValidationPipe with the API's settings: unknown fields are refused, not silently dropped;
 * errors in the API's shape. Before any of it, text is checked for characters no field may hold,
 * whatever the DTO says (and also where it says nothing, as in free-form objects).
 */
class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => validationFailure(flattenValidationErrors(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const invalid = invalidText(value, metadata.data ?? '');
      if (invalid.length > 0) throw validationFailure(invalid);
    }
    return super.transform(value, metadata);
  }
}

/** Validates every body, query and param DTO. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}

/**
 * Required text: refuses a missing value, an empty string and one of spaces only (which would be
 * saved as nothing once trimmed). Reported as `isNotEmpty`, with the DTO's own message.
 */
export function HasText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotEmpty',
      validator: { validate: (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : value !== '' && value !== null && value !== undefined) },
    },
    options,
  );
}

/**
 * A field that may be left out but, when sent, holds a value: class-validator's @IsOptional also
 * lets null through, which would reach the service as if it were one. A field that may be cleared
 * with null says so with @ValidateIf instead.
 */
export function Optional(): PropertyDecorator {
  return applyDecorators(ValidateIf((_object, value) => value !== undefined), IsDefined({ message: NULL_MESSAGE }));
}

/**
 * A nested DTO, or with `each` a list of them. Objects they must be: @ValidateNested alone takes an
 * array where an object belongs, and checks its items instead.
 */
export function Nested(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(IsObject({ each: options.each }), ValidateNested({ each: options.each }), Type(type));
}

/** A `YYYY-MM-DD` date in the calendar (the shared rule, as the forms apply it). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) } }, options);
}

/** An ISO date and time with its offset, on a calendar date (the shared rule, as the forms apply it). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isInstant', validator: { validate: (value: unknown) => typeof value === 'string' && isInstant(value) } }, options);
}
