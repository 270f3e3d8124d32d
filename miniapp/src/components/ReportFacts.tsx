import { Text, View } from '@tarojs/components';
import type { ReportDto } from '@safemonth/shared';
import { formatChinaInstant } from '@safemonth/shared';
import { answerText } from '../utils/reports';
import { ExternalLink } from './ExternalLink';
import './ReportFacts.scss';

/**
 * What a report says happened: unit, item, time, place (and location), headcount, reporter, evidence
 * links, and its description; with `additions`, also what it adds and the answers it proposes.
 */
export function ReportFacts({ report, additions = false }: { report: ReportDto; additions?: boolean }) {
  return (
    <>
      <View className='report-facts'>
        <Text>单位：{report.unit.name}</Text>
        <Text>活动项目：{report.item.title}</Text>
        <Text>
          时间：{formatChinaInstant(report.startAt)} 至 {formatChinaInstant(report.endAt)}
        </Text>
        <Text>地点：{report.place}</Text>
        {report.latitude != null && report.longitude != null ? (
          <Text>
            位置：{report.latitude.toFixed(5)}，{report.longitude.toFixed(5)}
          </Text>
        ) : null}
        <Text>参与人次：{report.headcount}</Text>
        <Text>填报人：{report.reporter.displayName}</Text>
        {additions
          ? report.contributions.map((c) => (
              <Text key={c.fieldId}>
                计入：{c.label} {c.amount} {c.unit}
              </Text>
            ))
          : null}
        {additions
          ? report.proposedAnswers.map((p) => (
              <Text key={p.fieldId}>
                建议填报：{p.label} {answerText(p.value)}
              </Text>
            ))
          : null}
        {report.evidenceLinks.length > 0 ? (
          <View className='report-facts__links'>
            <Text>网址链接：</Text>
            {report.evidenceLinks.map((url, index) => (
              <ExternalLink key={`${index}-${url}`} url={url} />
            ))}
          </View>
        ) : null}
      </View>
      {report.description ? <Text className='report-facts__description'>{report.description}</Text> : null}
    </>
  );
}
