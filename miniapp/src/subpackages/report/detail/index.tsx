import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatChinaInstant, REPORT_ACTION_LABELS, REPORT_STATUS_LABELS } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { MediaGrid } from '../../../components/MediaGrid';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { SubscribePrompt } from '../../../components/SubscribePrompt';
import { useReport } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { answerText, returnComment, statusTone } from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';
import { ReportFacts } from '../../../components/ReportFacts';

/** One activity report: its fields, photos and videos, additions, proposed answers, status and history. */
export default function ReportPage() {
  const router = useRouter();
  const reportId = router.params.id ?? '';
  const signedIn = useSession(withQuery(Routes.report, { id: reportId }));
  const loaded = useReport(signedIn ? reportId : undefined);

  const report = loaded.data;
  if (!reportId) return <PageStatus failure='没有指定报告' />;
  if (!report) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;

  const comment = report.status === 'returned' ? returnComment(report) : undefined;
  return (
    <View className='page report'>
      <Section>
        <View className='section__head'>
          <Text className='section__title'>{report.title}</Text>
          <Badge tone={statusTone(report)}>{REPORT_STATUS_LABELS[report.status]}</Badge>
        </View>
        {comment ? <Notice kind='error'>退回意见：{comment}</Notice> : null}
        <ReportFacts report={report} />
        {/* Its reporter, waiting for the review (the form opens this page once the report is sent). */}
        {report.status === 'submitted' && report.allowed.edit ? <SubscribePrompt purpose='review' label='订阅审核结果通知' /> : null}
        {report.allowed.edit ? (
          <View className='actions'>
            <Button
              size='small'
              onClick={() =>
                Taro.navigateTo({ url: withQuery(Routes.reportForm, { campaignId: report.campaignId, reportId: report.id }) })
              }
            >
              修改后重新提交
            </Button>
          </View>
        ) : null}
      </Section>

      <Section title='统计数据'>
        {report.contributions.length === 0 ? <Text className='muted'>无</Text> : null}
        {report.contributions.map((c) => (
          <Text className='row' key={c.fieldId}>
            {c.label} {c.amount} {c.unit}
          </Text>
        ))}
      </Section>

      {report.proposedAnswers.length > 0 ? (
        <Section title='建议填报（由联络员采用）'>
          {report.proposedAnswers.map((p) => (
            <Text className='row' key={p.fieldId}>
              {p.label}：{answerText(p.value)}
            </Text>
          ))}
        </Section>
      ) : null}

      <Section title='照片和视频'>
        <MediaGrid media={report.media} />
      </Section>

      <Section title='处理记录'>
        {report.history.map((entry, index) => (
          <View className='history__entry' key={`${entry.at}-${index}`}>
            <Text className='row__title'>
              {REPORT_ACTION_LABELS[entry.action] ?? entry.action}
              {entry.by ? ` · ${entry.by.displayName}` : ''}
            </Text>
            <Text className='row__meta'>{formatChinaInstant(entry.at)}</Text>
            {entry.selfReview ? <Text className='row__meta'>本人审核：本活动允许仅有一名成员的单位自行审核</Text> : null}
            {entry.comment ? <Text>意见：{entry.comment}</Text> : null}
          </View>
        ))}
      </Section>
    </View>
  );
}
