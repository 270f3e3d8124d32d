import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMITS, PageQuery } from '@safemonth/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query-string paging (`?page=2&size=50`); list query DTOs extend it. */
export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ description: 'Page, from 1', default: 1, maximum: PAGE_LIMITS.maxPage })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码从 1 开始' })
  @Max(PAGE_LIMITS.maxPage, { message: `页码最大为 ${PAGE_LIMITS.maxPage}` })
  page?: number;

  @ApiPropertyOptional({ description: 'Items per page', default: PAGE_LIMITS.defaultSize, maximum: PAGE_LIMITS.maxSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(PAGE_LIMITS.maxSize, { message: `每页最多 ${PAGE_LIMITS.maxSize} 条` })
  size?: number;
}
