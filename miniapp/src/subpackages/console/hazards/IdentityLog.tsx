import { Text, View } from '@tarojs/components';
import { formatChinaInstant, type IdentityAccessDto } from '@safemonth/shared';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { useHazardIdentityLog } from '../../../api/resources';

const columns: Column<IdentityAccessDto, never>[] = [
  { title: '查看时间', grow: 2, cell: (entry) => <Text>{formatChinaInstant(entry.at)}</Text> },
  { title: '查看人', grow: 2, cell: (entry) => <Text>{entry.byName}</Text> },
  { title: '举报编号', grow: 3, cell: (entry) => <Text userSelect>{entry.hazardId}</Text> },
];

/** 查看日志: every look at a reporter's identity, who and when, newest first, a page at a time. */
export function IdentityLog({ campaignId }: { campaignId: string }) {
  const log = useHazardIdentityLog(campaignId);
  const wide = useWideTables();
  const entries = log.data?.items ?? [];
  return (
    <Section title='举报人身份查看日志'>
      <Text className='row__meta'>处理人每次查看举报人身份都记录在此。</Text>
      <LoadFailure resource={log} />
      {log.loading ? <Text className='muted'>加载中…</Text> : null}
      {log.data?.total === 0 ? <Text className='muted'>还没有人查看过举报人身份</Text> : null}
      {entries.length > 0 && wide ? <DataTable label='查看日志' columns={columns} rows={entries} rowKey={(entry) => entry.id} order={undefined} onSort={() => undefined} /> : null}
      {entries.length > 0 && !wide
        ? entries.map((entry) => (
            <View className='row' key={entry.id}>
              <View className='row__main'>
                <Text className='row__title'>{`${entry.byName} 查看了举报人`}</Text>
                <Text className='row__meta'>{`${formatChinaInstant(entry.at)} · 举报编号 ${entry.hazardId}`}</Text>
              </View>
            </View>
          ))
        : null}
      <Pager page={log.data} onPage={log.setPage} />
    </Section>
  );
}
