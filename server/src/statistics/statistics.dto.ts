import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateManualEntryRequest,
  isPhone,
  ReviewTableRequest,
  SetFieldAnswerRequest,
  STATISTICS_LIMITS,
  STATISTICS_SCOPES,
  StatisticsScope,
  SubmitTableRequest,
} from '@safemonth/shared';
import { IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { HasText, IsCalendarDate, Optional } from '../common/validation';

export class StatisticsTableQuery {
  @ApiPropertyOptional({ enum: STATISTICS_SCOPES, default: 'unit', description: "The unit's own table, or the sums over its subtree" })
  @Optional()
  @IsIn(STATISTICS_SCOPES, { message: '范围只能是 unit 或 subtree' })
  scope?: StatisticsScope;
}

export class CreateManualEntryDto implements CreateManualEntryRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择统计项' })
  fieldId: string;

  @ApiProperty({ minimum: 1, maximum: STATISTICS_LIMITS.manualAmountMax })
  @IsInt({ message: '数量必须是整数' })
  @Min(1, { message: '数量至少为 1' })
  @Max(STATISTICS_LIMITS.manualAmountMax, { message: `数量最多为 ${STATISTICS_LIMITS.manualAmountMax}` })
  amount: number;

  @ApiProperty({ maxLength: STATISTICS_LIMITS.noteMaxLength })
  @IsString()
  @HasText({ message: '请填写说明' })
  @MaxLength(STATISTICS_LIMITS.noteMaxLength, { message: `说明最多 ${STATISTICS_LIMITS.noteMaxLength} 个字` })
  note: string;
}

/** Which of the two a value must be depends on the field's kind, which the service checks. */
export class SetFieldAnswerDto implements SetFieldAnswerRequest {
  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string', maxLength: STATISTICS_LIMITS.textAnswerMaxLength }] })
  @IsDefined({ message: '请填写答案' })
  @ValidateBy(
    {
      name: 'isAnswer',
      validator: {
        validate: (value: unknown) => typeof value === 'boolean' || (typeof value === 'string' && value.length <= STATISTICS_LIMITS.textAnswerMaxLength),
      },
    },
    { message: `答案只能选择“是”或“否”，或填写不超过 ${STATISTICS_LIMITS.textAnswerMaxLength} 个字的文字` },
  )
  value: boolean | string;
}

/** 联系人 and 电话 of the table's header; 填报日期 today (China time) unless given. */
export class SubmitTableDto implements SubmitTableRequest {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @HasText({ message: '请填写联系人' })
  @MaxLength(50, { message: '联系人最多 50 个字' })
  contactName: string;

  @ApiProperty({ description: 'A mobile (11 digits) or a landline (0955-1234567)' })
  @IsString()
  @HasText({ message: '请填写电话' })
  @ValidateBy({ name: 'isPhone', validator: { validate: (value: unknown) => typeof value === 'string' && isPhone(value.trim()) } }, { message: '电话应为 11 位手机号或如 0955-1234567 的固定电话' })
  phone: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD, China time; today when left out' })
  @Optional()
  @IsCalendarDate({ message: '填报日期必须是存在的日期（YYYY-MM-DD）' })
  fillDate?: string;
}

export class ReviewTableDto implements ReviewTableRequest {
  @ApiProperty({ enum: ['accept', 'return'] })
  @IsIn(['accept', 'return'], { message: '审核操作只能是通过或退回' })
  action: 'accept' | 'return';

  @ApiPropertyOptional({ description: 'Required when returning' })
  @Optional()
  @IsString()
  @MaxLength(1000, { message: '意见最多 1000 个字' })
  comment?: string;
}
