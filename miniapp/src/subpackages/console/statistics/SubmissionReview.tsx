import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaDate, type ReviewTableRequest, type TableSubmissionDto, type TableSubmissionState } from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { useAction } from '../../../api/data';
import { statisticsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { formatChinaTime } from '../../../utils/format';
import { TableItems } from './TableItems';

export const SUBMISSION_STATE_LABELS: Record<TableSubmissionState, string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };

const TONES: Record<TableSubmissionState, 'primary' | 'success' | 'muted'> = { submitted: 'muted', accepted: 'success', returned: 'primary' };

/**
 * A unit's statistics table as its liaison handed it in: the header (填报单位, 联系人, 电话, 填报日期),
 * the values then, and the committee's review: accept, or return with a comment (both confirmed).
 */
export function SubmissionReview({ submission, onReviewed }: { submission: TableSubmissionDto; onReviewed: (message: string) => void }) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const { campaignId, unitId } = submission;
  const review = useAction(
    keys.statistics(campaignId, unitId, 'unit'),
    (body: ReviewTableRequest) => statisticsApi.reviewSubmission(campaignId, unitId, body, { toast: false }),
    {
      stale: ['statistics'],
      onSuccess: (_reviewed, { action }) => {
        setReturning(false);
        setComment('');
        onReviewed(action === 'accept' ? `已通过「${submission.unitName}」的统计表` : `已退回「${submission.unitName}」的统计表`);
      },
    },
  );

  const confirm = async (action: 'accept' | 'return') => {
    review.reset();
    const text = comment.trim();
    setMissing(action === 'return' && !text);
    if (action === 'return' && !text) return;
    const answer = await Taro.showModal({
      title: action === 'accept' ? '通过统计表' : '退回统计表',
      content:
        action === 'accept'
          ? `确定通过「${submission.unitName}」报送的统计表？`
          : `确定退回「${submission.unitName}」的统计表？退回后联络员可以修改并重新报送。`,
      confirmText: action === 'accept' ? '通过' : '退回',
      cancelText: '取消',
    }).catch(() => ({ confirm: false }));
    if (answer.confirm) void review.run(action === 'accept' ? { action } : { action, comment: text });
  };

  const error = missing ? '请填写退回意见' : review.failure;
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
          报送：{submission.submittedBy.displayName}，{formatChinaTime(submission.submittedAt)}
        </Text>
        {submission.reviewedBy && submission.reviewedAt ? (
          <Text className='row__meta'>
            审核：{submission.reviewedBy.displayName}，{formatChinaTime(submission.reviewedAt)}
          </Text>
        ) : null}
      </View>
      {submission.state === 'returned' && submission.comment ? <Notice>退回意见：{submission.comment}</Notice> : null}
      <TableItems items={submission.snapshot} scope='unit' units={1} />
      {returning ? (
        <TextArea label='退回意见' placeholder='退回意见（必填）' value={comment} onChange={setComment} />
      ) : null}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      {submission.state === 'returned' ? (
        <Notice>已退回，等待联络员修改后重新报送</Notice>
      ) : (
        <View className='actions'>
          {returning ? (
            <>
              <Button type='primary' size='small' loading={review.busy} disabled={review.busy} onClick={() => void confirm('return')}>
                确认退回
              </Button>
              <Button size='small' disabled={review.busy} onClick={() => setReturning(false)}>
                取消
              </Button>
            </>
          ) : (
            <>
              {submission.state === 'submitted' ? (
                <Button type='primary' size='small' loading={review.busy} disabled={review.busy} onClick={() => void confirm('accept')}>
                  通过
                </Button>
              ) : null}
              <Button size='small' disabled={review.busy} onClick={() => setReturning(true)}>
                退回
              </Button>
            </>
          )}
        </View>
      )}
    </View>
  );
}
