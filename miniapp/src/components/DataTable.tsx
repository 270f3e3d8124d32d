import { Fragment, useSyncExternalStore, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { SortOrder, SortQuery } from '@safemonth/shared';
import './DataTable.scss';

/** The console frame's breakpoint: from this width a list is a table, below it stays cards. */
const WIDE = '(min-width: 1024px)';

const wideQuery = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(WIDE) : undefined);

function subscribe(changed: () => void): () => void {
  const query = wideQuery();
  query?.addEventListener('change', changed);
  return () => query?.removeEventListener('change', changed);
}

const isWide = () => wideQuery()?.matches ?? false;

/**
 * Whether lists show as wide tables: in the h5 build on a window of the desktop console's width,
 * following the window as it is resized. Never in weapp, where phones keep the cards.
 */
export function useWideTables(): boolean {
  const wide = useSyncExternalStore(subscribe, isWide, () => false);
  return process.env.TARO_ENV === 'h5' && wide;
}

export interface Column<T, K extends string> {
  title: string;
  cell: (row: T) => ReactNode;
  /** The list's sort key the column orders by, when it can. */
  sort?: K;
  /** Its order at the first click: dates start with the newest. */
  firstOrder?: SortOrder;
  /** Relative width (a flex grow factor, 1 by default). */
  grow?: number;
}

/** The order a list is in: by a key, or undefined where no column says it (e.g. the unit tree's order). */
export type TableOrder<K extends string> = Required<SortQuery<K>> | undefined;

export interface DataTableProps<T, K extends string> {
  columns: Column<T, K>[];
  rows: T[];
  rowKey: (row: T) => string;
  order: TableOrder<K>;
  /** Asks for another order; undefined: the list's own default order. */
  onSort: (order: TableOrder<K>) => void;
  /** Clicking a row (e.g. to select it); rows it answers false for are shown dimmed and do nothing. */
  onRow?: (row: T) => void;
  rowEnabled?: (row: T) => boolean;
  /** The row shown as chosen. */
  selectedKey?: string;
  /** What opens under a row, across the whole table (e.g. the report to review), or nothing. */
  detail?: (row: T) => ReactNode;
  label: string;
}

const flip = (order: SortOrder): SortOrder => (order === 'asc' ? 'desc' : 'asc');
const ARIA: Record<SortOrder, 'ascending' | 'descending'> = { asc: 'ascending', desc: 'descending' };

/**
 * What clicking a sortable column asks for: its first order, then the other, then the list's
 * default again (as desktop tables do).
 */
export function nextOrder<K extends string>(current: TableOrder<K>, column: Pick<Column<unknown, K>, 'sort' | 'firstOrder'>): TableOrder<K> {
  const sort = column.sort as K;
  const first = column.firstOrder ?? 'asc';
  if (current?.sort !== sort) return { sort, order: first };
  return current.order === first ? { sort, order: flip(first) } : undefined;
}

/**
 * A wide table of a page of a list, for the desktop console: sortable column headers (the server
 * sorts; `aria-sort` says how), rows that may be chosen, and a detail opened under a row. Made of
 * Views with table roles, so that it also renders where Taro has no table elements.
 */
export function DataTable<T, K extends string>({ columns, rows, rowKey, order, onSort, onRow, rowEnabled, selectedKey, detail, label }: DataTableProps<T, K>) {
  const style = (column: Column<T, K>) => ({ flex: `${column.grow ?? 1} 1 0` });
  return (
    <View className='data-table' role='table' aria-label={label}>
      <View className='data-table__row data-table__row--head' role='row'>
        {columns.map((column) => {
          const sorted = column.sort !== undefined && order?.sort === column.sort ? order.order : undefined;
          if (column.sort === undefined) {
            return (
              <View key={column.title} className='data-table__head' role='columnheader' style={style(column)}>
                <Text>{column.title}</Text>
              </View>
            );
          }
          return (
            <View
              key={column.title}
              className={`data-table__head data-table__head--sortable${sorted ? ' data-table__head--sorted' : ''}`}
              role='columnheader'
              aria-sort={sorted ? ARIA[sorted] : 'none'}
              style={style(column)}
              onClick={() => onSort(nextOrder(order, column))}
            >
              <Text>{column.title}</Text>
              <Text className='data-table__arrow' aria-hidden>
                {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
              </Text>
            </View>
          );
        })}
      </View>
      {rows.map((row) => {
        const key = rowKey(row);
        const enabled = rowEnabled?.(row) ?? true;
        const opened = detail?.(row);
        const classes = [
          'data-table__row',
          onRow && enabled ? 'data-table__row--clickable' : '',
          enabled ? '' : 'data-table__row--disabled',
          key === selectedKey ? 'data-table__row--selected' : '',
        ];
        return (
          <Fragment key={key}>
            <View
              className={classes.filter(Boolean).join(' ')}
              role='row'
              aria-selected={selectedKey === undefined ? undefined : key === selectedKey}
              onClick={onRow && enabled ? () => onRow(row) : undefined}
            >
              {columns.map((column) => (
                <View key={column.title} className='data-table__cell' role='cell' style={style(column)}>
                  {column.cell(row)}
                </View>
              ))}
            </View>
            {opened ? <View className='data-table__detail'>{opened}</View> : null}
          </Fragment>
        );
      })}
    </View>
  );
}
