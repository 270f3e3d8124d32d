import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ManualReminderRequest, ReminderPoliciesDto, ReminderPolicy } from '@safemonth/shared';
import { ArrayMaxSize, IsArray, IsObject, IsString, MaxLength } from 'class-validator';
import { HasText, Nested, Optional } from '../common/validation';

/** A policy's fields are checked by the service with the shared rules (`validateReminderPolicy`), field by field. */
const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: 'offsetsBeforeMinutes: number[]; overdueAt: { afterMinutes } | { nextDayAt: "HH:mm" } | null; escalation: boolean; quietHours: { from, to } | null; channels: ("inbox"|"wechat"|"wecom"|"email")[]',
} as const;

export class ReminderPolicyOverrideDto {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择报送材料' })
  deliverableId: string;

  @ApiProperty(POLICY_SCHEMA)
  @IsObject({ message: '请设置提醒规则' })
  policy: ReminderPolicy;
}

export class ReplaceReminderPoliciesDto implements ReminderPoliciesDto {
  @ApiProperty(POLICY_SCHEMA)
  @IsObject({ message: '请设置活动的默认提醒规则' })
  campaignDefault: ReminderPolicy;

  @ApiProperty({ type: [ReminderPolicyOverrideDto] })
  @IsArray()
  @ArrayMaxSize(100, { message: '最多 100 条单项提醒规则' })
  @Nested(() => ReminderPolicyOverrideDto, { each: true })
  overrides: ReminderPolicyOverrideDto[];
}

export class ManualReminderDto implements ManualReminderRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择报送材料' })
  deliverableId: string;

  @ApiProperty({ description: 'The instance: once, 2022-W23, 2020-07' })
  @IsString()
  @HasText({ message: '请选择报送期次' })
  @MaxLength(20, { message: '报送期次无效' })
  periodKey: string;

  @ApiPropertyOptional({ description: 'The unit and every unit under it; default: the whole campaign (organizing committee only)' })
  @Optional()
  @IsString()
  @HasText({ message: '单位不能为空' })
  unitId?: string;
}
