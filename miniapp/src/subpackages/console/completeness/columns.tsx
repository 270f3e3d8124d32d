import { Text } from '@tarojs/components';
import type { InstanceCompleteness } from '@safemonth/shared';
import type { Column } from '../../../components/DataTable';
import { rateText } from './model';

/** The columns of the counts and rates of a completeness, for a table whose rows each have one (`of`). */
export function completenessColumns<T>(of: (row: T) => InstanceCompleteness): Column<T, never>[] {
  return [
    { title: '应报', cell: (row) => <Text>{of(row).expected}</Text> },
    { title: '按时', cell: (row) => <Text>{of(row).onTime}</Text> },
    { title: '逾期', cell: (row) => <Text>{of(row).late}</Text> },
    { title: '缺报', cell: (row) => <Text>{of(row).missing}</Text> },
    { title: '已退回', cell: (row) => <Text>{of(row).returned}</Text> },
    { title: '报送率', cell: (row) => <Text>{rateText(of(row), of(row).reportingRate)}</Text> },
    { title: '按时率', cell: (row) => <Text>{rateText(of(row), of(row).onTimeRate)}</Text> },
  ];
}
