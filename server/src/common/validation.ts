import { ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { ErrorDetail } from '@safemonth/shared';
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
  isDateString: '必须是日期时间',
  isISO8601: '必须是日期时间',
  matches: '格式不正确',
  min: '数值太小',
  max: '数值太大',
  minLength: '太短',
  maxLength: '太长',
  nestedValidation: '格式不正确',
  unknownValue: '请求体必须是 JSON 对象',
};

function isChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = error.property ? `${prefix}${error.property}` : prefix.replace(/\.$/, '');
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) => ({
      ...(field ? { field } : {}),
      message: isChinese(message) ? message : (CONSTRAINT_MESSAGES[key] ?? '格式不正确'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], `${field}.`)];
  });
}

/** The pipe's settings: unknown fields are refused, not silently dropped; errors in the API's shape. */
function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const first = details[0];
      const summary = first ? `${first.field ? `${first.field}：` : ''}${first.message}` : '格式不正确';
      return ApiException.badRequest(`请求参数有误（${summary}）`, details);
    },
  };
}

/** Validates every body, query and param DTO. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe(validationPipeOptions());
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
