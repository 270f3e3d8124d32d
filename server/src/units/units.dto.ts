import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateUnitRequest, MoveUnitRequest, UNIT_KINDS, UNIT_SORTS, UnitKind, UnitSort, UpdateUnitRequest } from '@safemonth/shared';
import { IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import { SortedPageQueryDto } from '../common/paging';
import { HasText, Optional } from '../common/validation';

const CREATABLE_KINDS = UNIT_KINDS.filter((k) => k !== 'committee');

export class CreateUnitDto implements CreateUnitRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请填写单位名称' })
  @MaxLength(100, { message: '单位名称最多 100 个字' })
  name: string;

  @ApiProperty({ enum: CREATABLE_KINDS })
  @IsIn(CREATABLE_KINDS, { message: '单位类型无效' })
  kind: UnitKind;

  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择上级单位' })
  parentId: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(50, { message: '单位编码最多 50 个字符' })
  code?: string;
}

export class UpdateUnitDto implements UpdateUnitRequest {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @HasText({ message: '单位名称不能为空' })
  @MaxLength(100, { message: '单位名称最多 100 个字' })
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @Optional()
  @IsIn(UNIT_KINDS, { message: '单位类型无效' })
  kind?: UnitKind;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(50, { message: '单位编码最多 50 个字符' })
  code?: string | null;
}

export class MoveUnitDto implements MoveUnitRequest {
  @ApiProperty()
  @IsString()
  @HasText({ message: '请选择新的上级单位' })
  parentId: string;
}

export class ListUnitsQuery extends SortedPageQueryDto {
  @ApiPropertyOptional({ enum: UNIT_SORTS, description: 'Default: path, the tree order (parents before their subtrees)' })
  @Optional()
  @IsIn(UNIT_SORTS, { message: '排序字段无效' })
  sort?: UnitSort;

  @ApiPropertyOptional({ description: 'Only this unit and its subtree' })
  @Optional()
  @IsString()
  under?: string;

  @ApiPropertyOptional({ description: 'Not this unit nor its subtree (the targets a unit may move to)' })
  @Optional()
  @IsString()
  outside?: string;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @Optional()
  @IsString()
  @MaxLength(100, { message: '搜索词最多 100 个字' })
  q?: string;
}
