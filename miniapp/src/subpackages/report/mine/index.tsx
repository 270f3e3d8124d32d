import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatChinaInstant, REPORT_STATUS_LABELS } from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { useReports } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { returnComment, statusTone } from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';

/** The reports I sent for a campaign, newest first, a page at a time. */
export default function MyReportsPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const signedIn = useSession(withQuery(Routes.myReports, { campaignId }));
  const loaded = useReports(signedIn ? campaignId : undefined, { mine: true });

  const reports = loaded.data;
  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!reports) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;
  return (
    <View className='page'>
      <Section title='我的报告'>
        {reports.total === 0 ? <Text className='muted'>还没有报告</Text> : null}
        {reports.items.map((report) => {
          const comment = report.status === 'returned' ? returnComment(report) : undefined;
          return (
            <View className='row' key={report.id}>
              <View className='row__main' onClick={() => Taro.navigateTo({ url: withQuery(Routes.report, { id: report.id }) })}>
                <Text className='row__title'>{report.title}</Text>
                <Text className='row__meta'>
                  {report.unit.name} · {report.item.title} · {formatChinaInstant(report.startAt)}
                </Text>
                {report.status === 'returned' ? <Text className='field__error'>退回意见：{comment ?? '无'}</Text> : null}
              </View>
              <Badge tone={statusTone(report)}>{REPORT_STATUS_LABELS[report.status]}</Badge>
              {report.status === 'returned' && report.allowed.edit ? (
                <Text
                  className='link'
                  onClick={() => Taro.navigateTo({ url: withQuery(Routes.reportForm, { campaignId, reportId: report.id }) })}
                >
                  修改后重新提交
                </Text>
              ) : null}
            </View>
          );
        })}
        {reports.total > 0 ? <Pager page={reports} onPage={loaded.setPage} /> : null}
      </Section>
    </View>
  );
}
