import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateManualEntryRequest, SetFieldAnswerRequest, STATISTICS_LIMITS, STATISTICS_SCOPES, StatisticsScope } from '@safemonth/shared';
import { IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { HasText, Optional } from '../common/validation';

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
    { message: `答案必须是“是/否”（true 或 false）或不超过 ${STATISTICS_LIMITS.textAnswerMaxLength} 个字的文字` },
  )
  value: boolean | string;
}
