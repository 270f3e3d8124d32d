import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from './ui';
import { Notice } from './Notice';
import { TextArea } from './TextArea';

export type ReviewBody = { action: 'accept' } | { action: 'return'; comment: string };

/**
 * The committee's review of what a unit handed in: 通过, or 退回 with a comment (required), each
 * asked first ("确定通过「东城区」报送的统计表？"). `onReview` answers undefined when it failed (its
 * `failure` is then shown); after a success the comment is cleared.
 */
export function ReviewActions({
  unitName,
  what,
  kind,
  afterReturn,
  canAccept,
  busy,
  failure,
  maxCommentLength,
  onStart,
  onReview,
}: {
  unitName: string;
  /** What was handed in, in the question, e.g. "统计表" or "每周材料（6月8日 24:00）". */
  what: string;
  /** Its kind, in the dialog's title ("通过材料"). */
  kind: string;
  /** What a return means for the unit, after the question. */
  afterReturn: string;
  canAccept: boolean;
  busy: boolean;
  failure: string | undefined;
  maxCommentLength?: number;
  /** Called as a review starts (e.g. to forget the last failure). */
  onStart: () => void;
  onReview: (body: ReviewBody) => Promise<unknown>;
}) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);

  const confirm = async (action: 'accept' | 'return') => {
    onStart();
    const text = comment.trim();
    setMissing(action === 'return' && !text);
    if (action === 'return' && !text) return;
    const answer = await Taro.showModal({
      title: action === 'accept' ? `通过${kind}` : `退回${kind}`,
      content: action === 'accept' ? `确定通过「${unitName}」报送的${what}？` : `确定退回「${unitName}」的${what}？${afterReturn}`,
      confirmText: action === 'accept' ? '通过' : '退回',
      cancelText: '取消',
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    if ((await onReview(action === 'accept' ? { action } : { action, comment: text })) === undefined) return;
    setReturning(false);
    setComment('');
  };

  const error = missing ? '请填写退回意见' : failure;
  return (
    <View>
      {returning ? <TextArea label='退回意见' placeholder='退回意见（必填）' value={comment} onChange={setComment} maxLength={maxCommentLength} /> : null}
      {error ? <Notice kind='error'>{error}</Notice> : null}
      <View className='actions'>
        {returning ? (
          <>
            <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => void confirm('return')}>
              确认退回
            </Button>
            <Button size='small' disabled={busy} onClick={() => setReturning(false)}>
              取消
            </Button>
          </>
        ) : (
          <>
            {canAccept ? (
              <Button type='primary' size='small' loading={busy} disabled={busy} onClick={() => void confirm('accept')}>
                通过
              </Button>
            ) : null}
            <Button size='small' disabled={busy} onClick={() => setReturning(true)}>
              退回
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
