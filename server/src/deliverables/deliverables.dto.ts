import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HAND_IN_LIMITS, HandInRequest, ReviewHandInRequest } from '@safemonth/shared';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { HasText, Optional } from '../common/validation';

export class SubmitHandInDto implements HandInRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择活动' })
  campaignId: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择报送材料' })
  deliverableId: string;

  @ApiProperty({ description: 'The instance: once, 2022-W23, 2020-07' })
  @IsString()
  @HasText({ message: '请选择报送期次' })
  @MaxLength(20, { message: '报送期次无效' })
  periodKey: string;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择单位' })
  unitId: string;

  @ApiProperty()
  @IsString()
  @MaxLength(HAND_IN_LIMITS.maxTextLength, { message: `说明最多 ${HAND_IN_LIMITS.maxTextLength} 个字` })
  text: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(HAND_IN_LIMITS.maxDocuments, { message: `一次最多报送 ${HAND_IN_LIMITS.maxDocuments} 个文档` })
  @IsString({ each: true })
  documentIds: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(HAND_IN_LIMITS.maxReports, { message: `一次最多选择 ${HAND_IN_LIMITS.maxReports} 份活动报告` })
  @IsString({ each: true })
  reportIds: string[];
}

export class ReviewHandInDto implements ReviewHandInRequest {
  @ApiProperty({ enum: ['accept', 'return'] })
  @IsIn(['accept', 'return'], { message: '审核操作只能是通过或退回' })
  action: 'accept' | 'return';

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(HAND_IN_LIMITS.maxCommentLength, { message: `意见最多 ${HAND_IN_LIMITS.maxCommentLength} 个字` })
  comment?: string;
}

/** The subtree whose completeness is asked for, a page of its units at a time. */
export class HandInStatusQuery extends PageQueryDto {
  @ApiProperty({ description: 'The unit and every unit under it' })
  @IsString({ message: '单位无效' })
  @HasText({ message: '请选择单位' })
  unitId: string;
}
