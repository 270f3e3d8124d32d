import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CampaignPhase,
  CloneCampaignRequest,
  CreateCampaignRequest,
  CreateFromTemplateRequest,
  DeadlineRule,
  DELIVERABLE_KINDS,
  DeliverableKind,
  LIAISON_FIELDS,
  LiaisonField,
  LiaisonFormSettings,
  MediaRequirements,
  ParsedField,
  ReplaceDeliverablesRequest,
  ReplaceItemsRequest,
  UpdateCampaignRequest,
  FIELD_LABEL_MAX_LENGTH,
} from '@safemonth/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { HasText, IsCalendarDate, Nested, Optional } from '../common/validation';

/** A campaign's year. */
const IsYear = () =>
  applyDecorators(
    IsInt({ message: '年度必须是整数' }),
    Min(2000, { message: '年度不能早于 2000' }),
    Max(2100, { message: '年度不能晚于 2100' }),
  );
const FIELD_KINDS: ParsedField['kind'][] = ['count', 'boolean', 'text'];

export class PhaseDto implements CampaignPhase {
  @IsString()
  @HasText({ message: '请填写阶段名称' })
  @MaxLength(50, { message: '阶段名称最多 50 个字' })
  name: string;

  @IsCalendarDate({ message: '开始日期应为有效日期（YYYY-MM-DD）' })
  start: string;

  @IsCalendarDate({ message: '结束日期应为有效日期（YYYY-MM-DD）' })
  end: string;
}

export class MediaDto implements MediaRequirements {
  @IsInt({ message: '照片最小宽度必须是整数' })
  @Min(0, { message: '照片最小宽度不能为负' })
  @Max(10000, { message: '照片最小宽度最多 10000' })
  minPhotoWidth: number;

  @IsInt({ message: '照片最小高度必须是整数' })
  @Min(0, { message: '照片最小高度不能为负' })
  @Max(10000, { message: '照片最小高度最多 10000' })
  minPhotoHeight: number;

  @IsIn(['refuse', 'warn'], { message: '小尺寸照片的处理方式无效' })
  smallPhotoPolicy: 'refuse' | 'warn';

  @IsArray()
  @ArrayMinSize(1, { message: '至少接受一种照片格式' })
  @IsIn(['jpeg', 'png', 'heic'], { each: true, message: '照片格式只能是 jpeg、png、heic' })
  photoFormats: ('jpeg' | 'png' | 'heic')[];

  @IsArray()
  @IsIn(['mp4'], { each: true, message: '视频格式只能是 mp4' })
  videoFormats: 'mp4'[];

  @IsInt({ message: '文件大小上限必须是整数（MB）' })
  @Min(1, { message: '文件大小上限至少 1 MB' })
  @Max(2048, { message: '文件大小上限最多 2048 MB' })
  maxFileSizeMb: number;
}

export class LiaisonFieldSettingDto {
  @IsIn(LIAISON_FIELDS, { message: '联络员信息表字段无效' })
  key: LiaisonField;

  @IsBoolean()
  asked: boolean;

  @IsBoolean()
  required: boolean;
}

export class LiaisonFormDto implements LiaisonFormSettings {
  @IsArray()
  @Nested(() => LiaisonFieldSettingDto, { each: true })
  fields: LiaisonFieldSettingDto[];

  @IsInt({ message: '每单位联络员人数必须是整数' })
  @Min(1, { message: '每单位至少 1 名联络员' })
  @Max(5, { message: '每单位最多 5 名联络员' })
  maxLiaisonsPerUnit: number;
}

/** Settings shared by create and update; every one optional. */
class CampaignSettingsDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(200, { message: '主题最多 200 个字' })
  theme?: string;

  @ApiPropertyOptional({ type: [PhaseDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10, { message: '最多 10 个阶段' })
  @Nested(() => PhaseDto, { each: true })
  phases?: PhaseDto[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100, { message: '最多 100 条宣传标语' })
  @IsString({ each: true })
  @MaxLength(200, { each: true, message: '每条标语最多 200 个字' })
  slogans?: string[];

  @ApiPropertyOptional({ type: MediaDto })
  @Optional()
  @Nested(() => MediaDto)
  media?: MediaDto;

  @ApiPropertyOptional({ type: LiaisonFormDto })
  @Optional()
  @Nested(() => LiaisonFormDto)
  liaisonForm?: LiaisonFormDto;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean({ message: '自动通过必须是是/否' })
  autoAcceptReports?: boolean;

  @ApiPropertyOptional({ description: 'The only member of a unit may review their own reports' })
  @Optional()
  @IsBoolean({ message: '单人单位本人审核必须是是/否' })
  allowSelfReviewInSingleMemberUnits?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000, { message: '参与单位最多 1000 个' })
  @IsString({ each: true })
  participatingUnitIds?: string[];
}

export class CreateCampaignDto extends CampaignSettingsDto implements CreateCampaignRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择组织单位' })
  organizingUnitId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写活动名称' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title: string;

  @ApiProperty()
  @IsYear()
  year: number;
}

export class UpdateCampaignDto extends CampaignSettingsDto implements UpdateCampaignRequest {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @HasText({ message: '活动名称不能为空' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsYear()
  year?: number;
}

export class CreateFromTemplateDto implements CreateFromTemplateRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择模板' })
  templateId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择组织单位' })
  organizingUnitId: string;

  @ApiPropertyOptional({ description: "Default: the coming June's year (China time)" })
  @Optional()
  @IsYear()
  year?: number;

  @ApiPropertyOptional({ description: 'Default: the year and the template name, e.g. 2027年“安全生产月”活动' })
  @Optional()
  @IsString({ message: '活动名称必须是文本' })
  @HasText({ message: '活动名称不能为空' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title?: string;
}

export class CloneCampaignDto implements CloneCampaignRequest {
  @ApiProperty()
  @IsYear()
  year: number;
}

export class FieldDto {
  @Optional()
  @IsString()
  id?: string;

  @IsIn(FIELD_KINDS, { message: '统计项类型只能是数量、是否或文字' })
  kind: ParsedField['kind'];

  @IsString()
  @HasText({ message: '请填写统计项名称' })
  @MaxLength(FIELD_LABEL_MAX_LENGTH, { message: `统计项名称最多 ${FIELD_LABEL_MAX_LENGTH} 个字` })
  label: string;

  @IsString()
  @MaxLength(10, { message: '单位最多 10 个字' })
  unit: string;
}

export class ItemDto {
  @Optional()
  @IsString()
  id?: string;

  @IsString()
  @HasText({ message: '请填写活动项目名称' })
  @MaxLength(500, { message: '活动项目名称最多 500 个字' })
  title: string;

  @IsString()
  @MaxLength(5000, { message: '内容要求最多 5000 个字' })
  requirement: string;

  @IsString()
  @MaxLength(5000, { message: '进展情况原文最多 5000 个字' })
  fieldText: string;

  @IsArray()
  @ArrayMaxSize(100, { message: '每个活动项目最多 100 个统计项' })
  @Nested(() => FieldDto, { each: true })
  fields: FieldDto[];
}

export class ReplaceItemsDto implements ReplaceItemsRequest {
  @ApiProperty({ type: [ItemDto] })
  @IsArray()
  @ArrayMaxSize(300, { message: '最多 300 个活动项目' })
  @Nested(() => ItemDto, { each: true })
  items: ItemDto[];
}

export class DeliverableDto {
  @Optional()
  @IsString()
  id?: string;

  @IsIn(DELIVERABLE_KINDS, { message: '材料类型无效' })
  kind: DeliverableKind;

  @IsString()
  @HasText({ message: '请填写材料名称' })
  @MaxLength(200, { message: '材料名称最多 200 个字' })
  title: string;

  /** Checked by the service with the shared deadline rules. */
  @IsObject({ message: '请设置截止规则' })
  rule: DeadlineRule;
}

export class ReplaceDeliverablesDto implements ReplaceDeliverablesRequest {
  @ApiProperty({ type: [DeliverableDto] })
  @IsArray()
  @ArrayMaxSize(100, { message: '最多 100 项材料' })
  @Nested(() => DeliverableDto, { each: true })
  deliverables: DeliverableDto[];
}
