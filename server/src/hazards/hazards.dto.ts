import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AssignRectificationRequest,
  CreateHazardRequest,
  HAZARD_LIMITS,
  HAZARD_STATUSES,
  HazardLocation,
  HazardMessageRequest,
  HazardOutcome,
  HazardStatus,
  RECEIPT_CODE_DIGITS,
  ReceiptCodeRequest,
  ReceiptMessageRequest,
  RectificationDoneRequest,
  RejectHazardRequest,
  ReopenHazardRequest,
  REWARD_STATUSES,
  RewardRequest,
  RewardStatus,
  TypicalCaseRequest,
  UpdateHazardSettingsRequest,
} from '@safemonth/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { HasText, IsCalendarDate, Nested, Optional } from '../common/validation';

/** Room for the digits with a space or dash after each; anything longer cannot be a code. */
const RECEIPT_CODE_INPUT_LENGTH = 2 * RECEIPT_CODE_DIGITS;

/** Designated handlers of one campaign: a committee's few members. */
const MAX_HANDLERS = 50;

/** Sent always: a count field's id, or null for none. */
const FieldOrNull = () =>
  applyDecorators(
    ApiProperty({ type: String, nullable: true }),
    ValidateIf((_object, value) => value !== null),
    IsString({ message: '统计项无效' }),
    HasText({ message: '统计项无效' }),
  );

export class HazardFieldsDto implements Record<HazardOutcome, string | null> {
  @FieldOrNull()
  received: string | null;

  @FieldOrNull()
  verified: string | null;

  @FieldOrNull()
  rewarded: string | null;

  @FieldOrNull()
  exposed: string | null;

  @FieldOrNull()
  closed: string | null;
}

export class UpdateHazardSettingsDto implements UpdateHazardSettingsRequest {
  @ApiProperty()
  @IsBoolean({ message: '是否允许匿名举报必须是是或否' })
  allowAnonymous: boolean;

  @ApiProperty({ description: 'People without an account may report (always anonymously); needs allowAnonymous' })
  @IsBoolean({ message: '是否允许无账号举报必须是是或否' })
  allowPublic: boolean;

  @ApiProperty({ type: [String], minItems: 1, maxItems: HAZARD_LIMITS.categories })
  @IsArray({ message: '隐患类别必须是列表' })
  @ArrayMinSize(1, { message: '至少设置一个隐患类别' })
  @ArrayMaxSize(HAZARD_LIMITS.categories, { message: `隐患类别最多 ${HAZARD_LIMITS.categories} 个` })
  @IsString({ each: true, message: '隐患类别必须是文字' })
  @HasText({ each: true, message: '隐患类别不能为空' })
  @MaxLength(HAZARD_LIMITS.categoryLength, { each: true, message: `每个隐患类别最多 ${HAZARD_LIMITS.categoryLength} 个字` })
  categories: string[];

  @ApiProperty({ type: String, nullable: true, description: 'China-time day, YYYY-MM-DD' })
  @ValidateIf((_object, value) => value !== null)
  @IsCalendarDate({ message: '清零日期必须是存在的日期（YYYY-MM-DD）' })
  zeroingDate: string | null;

  @ApiProperty({ type: HazardFieldsDto, description: 'The count field each outcome adds to, or null' })
  @Nested(() => HazardFieldsDto)
  fields: HazardFieldsDto;

  @ApiProperty({ type: [String], maxItems: MAX_HANDLERS })
  @IsArray({ message: '处理人必须是列表' })
  @ArrayMaxSize(MAX_HANDLERS, { message: `处理人最多 ${MAX_HANDLERS} 名` })
  @IsString({ each: true, message: '处理人无效' })
  handlerIds: string[];
}

export class HazardLocationDto implements HazardLocation {
  @ApiProperty()
  @IsNumber({}, { message: '纬度必须是数字' })
  @Min(-90, { message: '纬度应在 -90 到 90 之间' })
  @Max(90, { message: '纬度应在 -90 到 90 之间' })
  latitude: number;

  @ApiProperty()
  @IsNumber({}, { message: '经度必须是数字' })
  @Min(-180, { message: '经度应在 -180 到 180 之间' })
  @Max(180, { message: '经度应在 -180 到 180 之间' })
  longitude: number;

  @ApiPropertyOptional({ maxLength: HAZARD_LIMITS.placeLength })
  @Optional()
  @IsString({ message: '位置名称必须是文字' })
  @MaxLength(HAZARD_LIMITS.placeLength, { message: `位置名称最多 ${HAZARD_LIMITS.placeLength} 个字` })
  address?: string;
}

export class CreateHazardDto implements CreateHazardRequest {
  @ApiPropertyOptional({ description: "The unit concerned, one of the campaign's tree" })
  @Optional()
  @IsString({ message: '单位无效' })
  @HasText({ message: '单位无效' })
  unitId?: string;

  @ApiProperty({ maxLength: HAZARD_LIMITS.placeLength })
  @IsString({ message: '请填写隐患所在的单位或地点' })
  @HasText({ message: '请填写隐患所在的单位或地点' })
  @MaxLength(HAZARD_LIMITS.placeLength, { message: `单位或地点最多 ${HAZARD_LIMITS.placeLength} 个字` })
  place: string;

  @ApiProperty()
  @IsString({ message: '请选择隐患类别' })
  @HasText({ message: '请选择隐患类别' })
  category: string;

  @ApiProperty({ maxLength: HAZARD_LIMITS.descriptionLength })
  @IsString({ message: '请描述隐患情况' })
  @HasText({ message: '请描述隐患情况' })
  @MaxLength(HAZARD_LIMITS.descriptionLength, { message: `隐患描述最多 ${HAZARD_LIMITS.descriptionLength} 个字` })
  description: string;

  @ApiProperty({ type: [String], maxItems: HAZARD_LIMITS.media, description: 'From POST /api/campaigns/:campaignId/hazard-media' })
  @IsArray({ message: '照片或视频必须是列表' })
  @ArrayMaxSize(HAZARD_LIMITS.media, { message: `照片和视频最多 ${HAZARD_LIMITS.media} 个` })
  @IsString({ each: true, message: '照片或视频无效' })
  mediaIds: string[];

  @ApiPropertyOptional({ type: HazardLocationDto })
  @Optional()
  @Nested(() => HazardLocationDto)
  location?: HazardLocationDto;

  @ApiProperty({ description: 'Anonymous: nothing of the caller is kept, a receipt code is answered once' })
  @IsBoolean({ message: '请选择是否匿名举报' })
  anonymous: boolean;
}

export class HazardMessageInputDto implements HazardMessageRequest {
  @ApiProperty({ maxLength: HAZARD_LIMITS.messageLength })
  @IsString({ message: '请填写留言' })
  @HasText({ message: '请填写留言' })
  @MaxLength(HAZARD_LIMITS.messageLength, { message: `留言最多 ${HAZARD_LIMITS.messageLength} 个字` })
  body: string;
}

/** A receipt code as typed, any text: a code of the wrong form is answered as an unknown one (and counted as such). */
const ReceiptCode = () =>
  applyDecorators(
    ApiProperty({ description: '16 digits; spaces and dashes between them are allowed' }),
    IsString({ message: '请输入回执码' }),
    MaxLength(RECEIPT_CODE_INPUT_LENGTH, { message: '回执码为 16 位数字' }),
  );

export class ReceiptCodeDto implements ReceiptCodeRequest {
  @ReceiptCode()
  code: string;
}

export class ReceiptMessageDto extends HazardMessageInputDto implements ReceiptMessageRequest {
  @ReceiptCode()
  code: string;
}

// --- handling and rectification --------------------------------------------------------------

const FLAG = ['true', 'false'] as const;

/** The handlers' queue: a page of the campaign's cases, newest first, filtered. */
export class ListHazardsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: HAZARD_STATUSES })
  @Optional()
  @IsIn(HAZARD_STATUSES, { message: '状态无效' })
  status?: HazardStatus;

  @ApiPropertyOptional()
  @Optional()
  @IsString({ message: '隐患类别无效' })
  @HasText({ message: '隐患类别无效' })
  @MaxLength(HAZARD_LIMITS.categoryLength, { message: '隐患类别无效' })
  category?: string;

  @ApiPropertyOptional({ description: 'Cases concerning the unit or a unit under it, or assigned to one' })
  @Optional()
  @IsString({ message: '单位无效' })
  @HasText({ message: '单位无效' })
  unitId?: string;

  @ApiPropertyOptional({ enum: FLAG })
  @Optional()
  @IsIn(FLAG, { message: 'overdue 只能是 true 或 false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: FLAG })
  @Optional()
  @IsIn(FLAG, { message: 'typical 只能是 true 或 false' })
  typical?: 'true' | 'false';
}

export class RejectHazardDto implements RejectHazardRequest {
  @ApiProperty()
  @IsString({ message: '请填写不属实的理由' })
  @HasText({ message: '请填写不属实的理由' })
  @MaxLength(HAZARD_LIMITS.reasonLength, { message: `理由最多 ${HAZARD_LIMITS.reasonLength} 个字` })
  reason: string;
}

export class AssignRectificationDto implements AssignRectificationRequest {
  @ApiProperty()
  @IsString({ message: '请选择整改单位' })
  @HasText({ message: '请选择整改单位' })
  unitId: string;

  @ApiProperty({ description: 'China-time day, YYYY-MM-DD, today or later' })
  @IsCalendarDate({ message: '整改期限必须是存在的日期（YYYY-MM-DD）' })
  dueDate: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString({ message: '整改要求必须是文字' })
  @MaxLength(HAZARD_LIMITS.descriptionLength, { message: `整改要求最多 ${HAZARD_LIMITS.descriptionLength} 个字` })
  requirement?: string;
}

export class ReopenHazardDto implements ReopenHazardRequest {
  @ApiProperty()
  @IsString({ message: '请填写重新整改的意见' })
  @HasText({ message: '请填写重新整改的意见' })
  @MaxLength(HAZARD_LIMITS.reasonLength, { message: `意见最多 ${HAZARD_LIMITS.reasonLength} 个字` })
  comment: string;

  @ApiPropertyOptional({ description: 'A new due day (China time, YYYY-MM-DD), else the old one stays' })
  @Optional()
  @IsCalendarDate({ message: '整改期限必须是存在的日期（YYYY-MM-DD）' })
  dueDate?: string;
}

export class RewardDto implements RewardRequest {
  @ApiProperty({ description: 'Yuan, more than 0, at most two decimals', maximum: HAZARD_LIMITS.maxRewardYuan })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: '奖励金额必须是数字，最多两位小数' })
  @Min(0.01, { message: '奖励金额必须大于 0' })
  @Max(HAZARD_LIMITS.maxRewardYuan, { message: `奖励金额最多 ${HAZARD_LIMITS.maxRewardYuan} 元` })
  amountYuan: number;

  @ApiProperty({ enum: REWARD_STATUSES })
  @IsIn(REWARD_STATUSES, { message: '奖励状态只能是已批准或已发放' })
  status: RewardStatus;
}

export class TypicalCaseDto implements TypicalCaseRequest {
  @ApiProperty()
  @IsBoolean({ message: '是否典型案例必须是是或否' })
  typical: boolean;

  @ApiPropertyOptional({ description: "The media report's page, http(s)" })
  @Optional()
  @IsString({ message: '曝光链接必须是网址' })
  @MaxLength(HAZARD_LIMITS.linkLength, { message: `曝光链接最多 ${HAZARD_LIMITS.linkLength} 个字符` })
  link?: string;
}

export class RectificationDoneDto implements RectificationDoneRequest {
  @ApiProperty()
  @IsString({ message: '请填写整改情况' })
  @HasText({ message: '请填写整改情况' })
  @MaxLength(HAZARD_LIMITS.descriptionLength, { message: `整改情况最多 ${HAZARD_LIMITS.descriptionLength} 个字` })
  description: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: HAZARD_LIMITS.media, description: 'From POST /api/rectifications/:hazardId/media' })
  @IsArray({ message: '整改照片必须是列表' })
  @ArrayMinSize(1, { message: '请上传整改后的照片或视频' })
  @ArrayMaxSize(HAZARD_LIMITS.media, { message: `整改照片或视频最多 ${HAZARD_LIMITS.media} 个` })
  @IsString({ each: true, message: '照片或视频无效' })
  mediaIds: string[];
}
