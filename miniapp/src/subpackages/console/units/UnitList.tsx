import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UNIT_KIND_LABELS, type UnitDto, type UnitSort } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { DataTable, useWideTables, type Column, type TableOrder } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { useUnits } from '../../../api/resources';
import './UnitList.scss';

/** The table's columns; the name indented by `level` (in real pixels: the table is the desktop's). */
const columns = (level: (unit: UnitDto) => number): Column<UnitDto, UnitSort>[] => [
  { title: '名称', sort: 'name', grow: 3, cell: (unit) => <Text style={{ paddingLeft: `${level(unit) * 16}px` }}>{unit.name}</Text> },
  { title: '类型', cell: (unit) => <Text>{UNIT_KIND_LABELS[unit.kind]}</Text> },
  { title: '编码', cell: (unit) => <Text>{unit.code ?? ''}</Text> },
];

export interface UnitListProps {
  /** The unit whose subtree is listed. */
  rootId: string;
  /** Its depth in the whole tree, so that it is drawn flush left. */
  rootDepth: number;
  selectedId: string | undefined;
  onSelect: (unit: UnitDto) => void;
  /** Units shown but not to be chosen (e.g. a unit's own parent, as a move target). */
  disabled?: (unit: UnitDto) => boolean;
  /** A unit left out with its whole subtree (a unit cannot move under itself). */
  outside?: string;
}

/**
 * A subtree a page at a time, or the units of it found by name; cards on phones, a table sortable
 * by name on the desktop. The server sends each page in tree order (parents before their subtrees)
 * unless sorted, so indenting by depth draws the tree across pages.
 */
export function UnitList({ rootId, rootDepth, selectedId, onSelect, disabled, outside }: UnitListProps) {
  const [query, setQuery] = useState('');
  /** The name searched for ('' when the whole subtree is shown). */
  const [searchedFor, setSearchedFor] = useState('');
  /** Undefined: the tree's order. */
  const [order, setOrder] = useState<TableOrder<UnitSort>>();
  const units = useUnits(rootId, searchedFor, outside, order);
  const wide = useWideTables();
  // Search results and sorted units are scattered over the tree: listed flat.
  const level = (unit: UnitDto) => (searchedFor || order ? 0 : Math.max(unit.depth - rootDepth, 0));
  const off = (unit: UnitDto) => disabled?.(unit) ?? false;

  const search = () => {
    const q = query.trim();
    // The same name again searches anew.
    if (q === searchedFor) units.reload();
    else setSearchedFor(q);
  };

  const clear = () => {
    setQuery('');
    setSearchedFor('');
  };

  return (
    <View className='unit-list'>
      <View className='units__search'>
        <View className='units__search-input'>
          <Field label='按名称搜索' placeholder='输入单位名称' value={query} onChange={setQuery} maxLength={64} />
        </View>
        <Button size='small' type='primary' onClick={search}>
          搜索
        </Button>
        {searchedFor ? (
          <Button size='small' onClick={clear}>
            清除
          </Button>
        ) : null}
      </View>
      {searchedFor && units.data ? <Text className='muted'>“{searchedFor}”的搜索结果：{units.data.total} 个</Text> : null}
      <LoadFailure resource={units} />
      {units.loading ? <Text className='muted'>加载中…</Text> : null}
      {wide && units.data ? (
        <DataTable
          label='单位'
          columns={columns(level)}
          rows={units.data.items}
          rowKey={(unit) => unit.id}
          order={order}
          onSort={setOrder}
          onRow={onSelect}
          rowEnabled={(unit) => !off(unit)}
          selectedKey={selectedId ?? ''}
        />
      ) : (
        units.data?.items.map((unit) => (
          <View
            key={unit.id}
            className={`unit-row${unit.id === selectedId ? ' unit-row--selected' : ''}${off(unit) ? ' unit-row--disabled' : ''}`}
            style={{ paddingLeft: Taro.pxTransform(16 + level(unit) * 32) }}
            onClick={off(unit) ? undefined : () => onSelect(unit)}
          >
            <Text className='unit-row__name'>{unit.name}</Text>
            <Text className='unit-row__kind'>{UNIT_KIND_LABELS[unit.kind]}</Text>
          </View>
        ))
      )}
      <Pager page={units.data} onPage={units.setPage} />
    </View>
  );
}
