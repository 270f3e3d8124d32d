import { renderHook, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { click, render, setWindowWidth } from '../../test/helpers';
import { DataTable, nextOrder, useWideTables, type TableOrder } from './DataTable';

interface Row {
  id: string;
  name: string;
  kind: string;
}
const ROWS: Row[] = [
  { id: 'a', name: '城东区', kind: '区县' },
  { id: 'b', name: '城西区', kind: '区县' },
];
const COLUMNS = [
  { title: '名称', sort: 'name' as const, cell: (row: Row) => <Text>{row.name}</Text> },
  { title: '提交时间', sort: 'submittedAt' as const, firstOrder: 'desc' as const, cell: () => <Text>—</Text> },
  { title: '类型', cell: (row: Row) => <Text>{row.kind}</Text> },
];
type Sort = 'name' | 'submittedAt';

const header = (title: string) => screen.getByText(title).closest('[role="columnheader"]') as HTMLElement;

describe('DataTable', () => {
  it('asks for a column\'s first order, then the other, then the list\'s default again', () => {
    const name = { sort: 'name' as Sort };
    const date = { sort: 'submittedAt' as Sort, firstOrder: 'desc' as const };
    expect(nextOrder<Sort>(undefined, name)).toEqual({ sort: 'name', order: 'asc' });
    expect(nextOrder<Sort>({ sort: 'name', order: 'asc' }, name)).toEqual({ sort: 'name', order: 'desc' });
    expect(nextOrder<Sort>({ sort: 'name', order: 'desc' }, name)).toBeUndefined();
    expect(nextOrder<Sort>({ sort: 'name', order: 'desc' }, date)).toEqual({ sort: 'submittedAt', order: 'desc' });
    // The default order (newest first) is already the date column's first: the next is the other.
    expect(nextOrder<Sort>({ sort: 'submittedAt', order: 'desc' }, date)).toEqual({ sort: 'submittedAt', order: 'asc' });
  });

  it('marks the sorted column with aria-sort and asks for another order when a header is clicked', async () => {
    const asked: TableOrder<Sort>[] = [];
    const { rerender } = render(
      <DataTable label='单位' columns={COLUMNS} rows={ROWS} rowKey={(row) => row.id} order={undefined} onSort={(order) => asked.push(order)} />,
    );
    expect(screen.getByRole('table', { name: '单位' })).toBeTruthy();
    expect(header('名称').getAttribute('aria-sort')).toBe('none');
    expect(header('类型').hasAttribute('aria-sort')).toBe(false);
    expect(screen.getAllByRole('row')).toHaveLength(3);

    await click('名称');
    expect(asked).toEqual([{ sort: 'name', order: 'asc' }]);
    rerender(<DataTable label='单位' columns={COLUMNS} rows={ROWS} rowKey={(row) => row.id} order={{ sort: 'name', order: 'asc' }} onSort={(order) => asked.push(order)} />);
    expect(header('名称').getAttribute('aria-sort')).toBe('ascending');
    expect(header('提交时间').getAttribute('aria-sort')).toBe('none');
    await click('名称');
    await click('类型');
    expect(asked).toEqual([{ sort: 'name', order: 'asc' }, { sort: 'name', order: 'desc' }]);
  });

  it('lets enabled rows be chosen and shows the chosen one and a row\'s detail', async () => {
    const chosen: string[] = [];
    render(
      <DataTable
        label='单位'
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(row) => row.id}
        order={undefined}
        onSort={() => undefined}
        onRow={(row) => chosen.push(row.id)}
        rowEnabled={(row) => row.id !== 'b'}
        selectedKey='a'
        detail={(row) => (row.id === 'a' ? <Text>城东区的详情</Text> : null)}
      />,
    );
    await click('城西区');
    await click('城东区');
    expect(chosen).toEqual(['a']);
    expect(screen.getByText('城东区').closest('[role="row"]')?.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('城东区的详情')).toBeTruthy();
  });

  it('is for h5 windows of the desktop console\'s width only', () => {
    expect(renderHook(() => useWideTables()).result.current).toBe(false);
    let restore = setWindowWidth(1366);
    expect(renderHook(() => useWideTables()).result.current).toBe(true);
    restore();
    restore = setWindowWidth(1023);
    expect(renderHook(() => useWideTables()).result.current).toBe(false);
    restore();
  });
});
