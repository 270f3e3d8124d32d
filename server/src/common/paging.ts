import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMITS, PageQuery, SORT_ORDERS, SortOrder } from '@safemonth/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Optional } from './validation';

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

/** Paging of a list that can be ordered (`?sort=…&order=desc`); each list's DTO adds its own `sort` keys. */
export class SortedPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SORT_ORDERS, description: 'Ascending unless desc; without sort, the list keeps its default order' })
  @Optional()
  @IsIn(SORT_ORDERS, { message: '排序方向只能是 asc 或 desc' })
  order?: SortOrder;
}

/**
 * Orders a query by `columns` (the expressions one sort key orders by), then by `id`, all in `order`:
 * a total order, so that pages cut from it neither repeat nor skip a row.
 */
export function orderRows<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, columns: string[], id: string, order: SortOrder): SelectQueryBuilder<T> {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  builder.orderBy();
  for (const column of [...columns, id]) builder.addOrderBy(column, direction);
  return builder;
}
