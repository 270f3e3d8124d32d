/**
 * Paging contract for every list that can grow: the client asks for a page (1-based) of a size up
 * to PAGE_LIMITS.maxSize; the answer carries the items of that page and the total over all pages.
 */
export const PAGE_LIMITS = { defaultSize: 50, maxSize: 200, maxPage: 100_000 } as const;

export interface PageQuery {
  page?: number;
  size?: number;
}

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * A list's order (`?sort=name&order=desc`): by one of the list's sort keys, ascending unless said
 * otherwise; without `sort`, the list's own default order. Rows that tie are ordered by id, so
 * that pages neither repeat nor skip one.
 */
export interface SortQuery<K extends string> {
  sort?: K;
  order?: SortOrder;
}

/** The order a query asks for, with the list's default (`fallback`) where it says nothing. */
export function sortOf<K extends string>(query: SortQuery<K>, fallback: Required<SortQuery<K>>): Required<SortQuery<K>> {
  return { sort: query.sort ?? fallback.sort, order: query.order ?? (query.sort ? 'asc' : fallback.order) };
}

export interface Page<T> {
  items: T[];
  /** Number of items over all pages. */
  total: number;
  page: number;
  size: number;
}

/** Rows to skip and take for a page query, with the defaults applied. */
export function pageWindow(query: PageQuery): { page: number; size: number; skip: number } {
  const page = query.page ?? 1;
  const size = query.size ?? PAGE_LIMITS.defaultSize;
  return { page, size, skip: (page - 1) * size };
}
