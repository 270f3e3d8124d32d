import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BulkAcceptRequest, CreateReportRequest, ReportStatus, ReviewReportRequest, UpdateReportRequest } from '@safemonth/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HasText } from '../common/validation';

export class ContributionDto {
  @IsString()
  @HasText({ message: '请选择统计项' })
  fieldId: string;

  @IsInt({ message: '数量必须是整数' })
  @Min(0, { message: '数量不能为负' })
  @Max(1_000_000, { message: '数量最多 1000000' })
  amount: number;
}

export class ReportInputDto implements UpdateReportRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择活动项目' })
  itemId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写活动名称' })
  @MaxLength(200, { message: '活动名称最多 200 个字' })
  title: string;

  @ApiProperty()
  @IsISO8601({}, { message: '开始时间格式不正确' })
  startAt: string;

  @ApiProperty()
  @IsISO8601({}, { message: '结束时间格式不正确' })
  endAt: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写活动地点' })
  @MaxLength(200, { message: '活动地点最多 200 个字' })
  place: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsNumber({}, { message: '纬度必须是数字' })
  @Min(-90, { message: '纬度应在 -90 到 90 之间' })
  @Max(90, { message: '纬度应在 -90 到 90 之间' })
  latitude?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsNumber({}, { message: '经度必须是数字' })
  @Min(-180, { message: '经度应在 -180 到 180 之间' })
  @Max(180, { message: '经度应在 -180 到 180 之间' })
  longitude?: number | null;

  @ApiProperty()
  @IsString()
  @MaxLength(5000, { message: '活动情况最多 5000 个字' })
  description: string;

  @ApiProperty()
  @IsInt({ message: '参与人次必须是整数' })
  @Min(0, { message: '参与人次不能为负' })
  @Max(10_000_000, { message: '参与人次过大' })
  headcount: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(30, { message: '每份报告最多 30 个照片或视频' })
  @IsString({ each: true })
  mediaIds: string[];

  @ApiProperty({ type: [ContributionDto] })
  @IsArray()
  @ArrayMaxSize(100, { message: '统计项过多' })
  @ValidateNested({ each: true })
  @Type(() => ContributionDto)
  contributions: ContributionDto[];
}

export class CreateReportDto extends ReportInputDto implements CreateReportRequest {
  @ApiProperty({ description: 'Made once per draft by the client; resending returns the same report' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: '幂等键格式不正确' })
  idempotencyKey: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '缺少活动' })
  campaignId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择单位' })
  unitId: string;
}

export class ReviewReportDto implements ReviewReportRequest {
  @ApiProperty({ enum: ['accept', 'return'] })
  @IsIn(['accept', 'return'], { message: '审核操作只能是通过或退回' })
  action: 'accept' | 'return';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '意见最多 1000 个字' })
  comment?: string;
}

export class BulkAcceptDto implements BulkAcceptRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200, { message: '一次最多通过 200 份报告' })
  @IsString({ each: true })
  reportIds: string[];
}

export class ListReportsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['submitted', 'accepted', 'returned'] })
  @IsOptional()
  @IsIn(['submitted', 'accepted', 'returned'], { message: '状态无效' })
  status?: ReportStatus;

  @ApiPropertyOptional({ description: 'Only my own reports' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'mine 只能是 true 或 false' })
  mine?: string;
}
