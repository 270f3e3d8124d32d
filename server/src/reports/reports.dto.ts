import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BulkAcceptRequest,
  CreateReportRequest,
  ProposedAnswerInput,
  REPORT_LIMITS,
  REPORT_MESSAGES,
  REPORT_SORTS,
  ReportSort,
  ReportStatus,
  ReviewReportRequest,
  UpdateReportRequest,
} from '@safemonth/shared';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { SortedPageQueryDto } from '../common/paging';
import { HasText, IsCalendarDate, IsInstant, Nested, Optional } from '../common/validation';

export class ContributionDto {
  @IsString()
  @HasText({ message: '请选择统计项' })
  fieldId: string;

  @IsInt({ message: REPORT_MESSAGES.amountNotInteger })
  @Min(0, { message: REPORT_MESSAGES.amountNegative })
  @Max(REPORT_LIMITS.amountMax, { message: REPORT_MESSAGES.amountTooLarge })
  amount: number;
}

/** Which of the two a value must be depends on the field's kind, which the service checks (`answerProblem`). */
export class ProposedAnswerDto implements ProposedAnswerInput {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择统计项' })
  fieldId: string;

  @ApiProperty({ oneOf: [{ type: 'boolean' }, { type: 'string' }] })
  @IsDefined({ message: '请填写建议的答案' })
  @ValidateBy(
    { name: 'isAnswer', validator: { validate: (value: unknown) => typeof value === 'boolean' || typeof value === 'string' } },
    { message: '建议的答案只能选择“是”或“否”，或填写文字' },
  )
  value: boolean | string;
}

/** Limits and messages are the shared report rules (`REPORT_LIMITS`), which the 报活动 form checks too. */
export class ReportInputDto implements UpdateReportRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: REPORT_MESSAGES.itemMissing })
  itemId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: REPORT_MESSAGES.titleMissing })
  @MaxLength(REPORT_LIMITS.titleMaxLength, { message: REPORT_MESSAGES.titleTooLong })
  title: string;

  @ApiProperty()
  @IsInstant({ message: REPORT_MESSAGES.startInvalid })
  startAt: string;

  @ApiProperty()
  @IsInstant({ message: REPORT_MESSAGES.endInvalid })
  endAt: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: REPORT_MESSAGES.placeMissing })
  @MaxLength(REPORT_LIMITS.placeMaxLength, { message: REPORT_MESSAGES.placeTooLong })
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
  @MaxLength(REPORT_LIMITS.descriptionMaxLength, { message: REPORT_MESSAGES.descriptionTooLong })
  description: string;

  @ApiProperty()
  @IsInt({ message: REPORT_MESSAGES.headcountNotInteger })
  @Min(0, { message: REPORT_MESSAGES.headcountNegative })
  @Max(REPORT_LIMITS.headcountMax, { message: REPORT_MESSAGES.headcountTooLarge })
  headcount: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(REPORT_LIMITS.mediaMax, { message: REPORT_MESSAGES.tooManyMedia })
  @IsString({ each: true })
  mediaIds: string[];

  @ApiProperty({ type: [ContributionDto] })
  @IsArray()
  @ArrayMaxSize(REPORT_LIMITS.contributionsMax, { message: REPORT_MESSAGES.tooManyContributions })
  @Nested(() => ContributionDto, { each: true })
  contributions: ContributionDto[];

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_LIMITS.evidenceLinksMax, description: 'http(s) addresses, each checked for form (`evidenceLinks.<index>`)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(REPORT_LIMITS.evidenceLinksMax, { message: REPORT_MESSAGES.tooManyEvidenceLinks })
  @IsString({ each: true, message: REPORT_MESSAGES.evidenceLinkInvalid })
  evidenceLinks?: string[];

  @ApiPropertyOptional({
    type: [ProposedAnswerDto],
    maxItems: REPORT_LIMITS.proposedAnswersMax,
    description: "Answers proposed to the item's yes/no and text fields, one per field; the unit's liaison may adopt them once the report is accepted",
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(REPORT_LIMITS.proposedAnswersMax, { message: REPORT_MESSAGES.tooManyProposedAnswers })
  @Nested(() => ProposedAnswerDto, { each: true })
  proposedAnswers?: ProposedAnswerDto[];
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
  @Optional()
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

/**
 * A page of a campaign's reports, filtered by unit (with its subtree), item, status, the China-time
 * days of the activity's start, reporter, or the caller's own, in the order asked for.
 */
export class ListReportsQuery extends SortedPageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_SORTS, description: 'Default: submittedAt, newest first' })
  @Optional()
  @IsIn(REPORT_SORTS, { message: '排序字段无效' })
  sort?: ReportSort;

  @ApiPropertyOptional({ description: 'The unit and every unit under it' })
  @Optional()
  @IsString({ message: '单位无效' })
  unitId?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString({ message: '活动项目无效' })
  @HasText({ message: '活动项目无效' })
  itemId?: string;

  @ApiPropertyOptional({ enum: ['submitted', 'accepted', 'returned'] })
  @Optional()
  @IsIn(['submitted', 'accepted', 'returned'], { message: '状态无效' })
  status?: ReportStatus;

  @ApiPropertyOptional({ description: 'First day (China time) of the activity start, YYYY-MM-DD' })
  @Optional()
  @IsCalendarDate({ message: '开始日期必须是存在的日期（YYYY-MM-DD）' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (China time) of the activity start, YYYY-MM-DD' })
  @Optional()
  @IsCalendarDate({ message: '结束日期必须是存在的日期（YYYY-MM-DD）' })
  to?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString({ message: '报告人无效' })
  @HasText({ message: '报告人无效' })
  reporterId?: string;

  @ApiPropertyOptional({ description: 'Only my own reports' })
  @Optional()
  @IsIn(['true', 'false'], { message: 'mine 只能是 true 或 false' })
  mine?: string;
}
