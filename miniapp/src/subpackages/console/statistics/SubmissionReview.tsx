import { Text, View } from '@tarojs/components';
import { formatChinaInstant, formatChinaDate, type ReviewTableRequest, type TableSubmissionDto, type TableSubmissionState } from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../api/data';
import { statisticsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { TableItems } from './TableItems';
import { ReviewActions } from '../../../components/ReviewActions';

export const SUBMISSION_STATE_LABELS: Record<TableSubmissionState, string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };

const TONES: Record<TableSubmissionState, 'primary' | 'success' | 'muted'> = { submitted: 'muted', accepted: 'success', returned: 'primary' };

/**
 * A unit's statistics table as its liaison handed it in: the header (填报单位, 联系人, 电话, 填报日期),
 * the values then, and the committee's review: accept, or return with a comment (both confirmed).
 */
export function SubmissionReview({ submission, onReviewed }: { submission: TableSubmissionDto; onReviewed: (message: string) => void }) {
  const { campaignId, unitId } = submission;
  const review = useAction(
    keys.statistics(campaignId, unitId, 'unit'),
    (body: ReviewTableRequest) => statisticsApi.reviewSubmission(campaignId, unitId, body, { toast: false }),
    {
      stale: ['statistics'],
      onSuccess: (_reviewed, { action }) => {
        onReviewed(action === 'accept' ? `已通过「${submission.unitName}」的统计表` : `已退回「${submission.unitName}」的统计表`);
      },
    },
  );

  return (
    <View className='submission'>
      <View className='section__head'>
        <Text className='section__title'>报送的统计表</Text>
        <Badge tone={TONES[submission.state]}>{SUBMISSION_STATE_LABELS[submission.state]}</Badge>
      </View>
      <View className='submission__header'>
        <Text className='row__meta'>填报单位：{submission.unitName}</Text>
        <Text className='row__meta'>联系人：{submission.contactName}</Text>
        <Text className='row__meta'>电话：{submission.phone}</Text>
        <Text className='row__meta'>填报日期：{formatChinaDate(submission.fillDate)}</Text>
        <Text className='row__meta'>
          报送：{submission.submittedBy.displayName}，{formatChinaInstant(submission.submittedAt)}
        </Text>
        {submission.reviewedBy && submission.reviewedAt ? (
          <Text className='row__meta'>
            审核：{submission.reviewedBy.displayName}，{formatChinaInstant(submission.reviewedAt)}
          </Text>
        ) : null}
      </View>
      {submission.state === 'returned' && submission.comment ? <Notice>退回意见：{submission.comment}</Notice> : null}
      <TableItems items={submission.snapshot} scope='unit' units={1} />
      {submission.state === 'returned' ? (
        <Notice>已退回，等待联络员修改后重新报送</Notice>
      ) : (
        <ReviewActions
          unitName={submission.unitName}
          what='统计表'
          kind='统计表'
          afterReturn='退回后联络员可以修改并重新报送。'
          canAccept={submission.state === 'submitted'}
          busy={review.busy}
          failure={review.failure}
          onStart={review.reset}
          onReview={review.run}
        />
      )}
    </View>
  );
}
