import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatChinaInstant, HAZARD_LIMITS, HAZARD_STATUS_LABELS, REWARD_STATUS_LABELS, type HazardFollowUpDto, type HazardStatus } from '@safemonth/shared';
import { Badge } from '../../components/Badge';
import { Notice } from '../../components/Notice';
import { Section } from '../../components/Section';
import { TextArea } from '../../components/TextArea';
import { Button } from '../../components/ui';
import './hazard.scss';

/** A status's badge: closed done, not verified grey, the rest under way. */
export const statusTone = (status: HazardStatus) => (status === 'closed' ? 'success' : status === 'unfounded' ? 'muted' : 'primary');

/** Yuan as written on a notice: whole yuan plainly, else with its two decimals. */
const yuan = (amount: number) => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));

export interface FollowUpProps {
  followUp: HazardFollowUpDto;
  /** Sends a message to the handlers; answers whether it went. */
  onSend: (body: string) => Promise<boolean>;
  sending: boolean;
  /** Why the last message did not go (the server's words). */
  sendFailure?: string;
}

/**
 * A hazard report as its reporter follows it: where it stands (the reason when not verified, the
 * reward if any), what was reported, the messages with the handlers, and a box to answer them.
 */
export function FollowUp({ followUp, onSend, sending, sendFailure }: FollowUpProps) {
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string>();

  const send = async () => {
    const body = reply.trim();
    if (!body) {
      setReplyError('请输入要发送的内容');
      return;
    }
    setReplyError(undefined);
    if (await onSend(body)) setReply('');
  };

  return (
    <View>
      <Section title='举报进度' extra={<Badge tone={statusTone(followUp.status)}>{HAZARD_STATUS_LABELS[followUp.status]}</Badge>}>
        <Text className='muted'>{followUp.campaignTitle}</Text>
        {followUp.status === 'unfounded' ? <Notice>核查结论：不属实。原因：{followUp.reason || '未说明'}</Notice> : null}
        {followUp.reward ? (
          <Notice kind='success'>
            举报奖励：{yuan(followUp.reward.amountYuan)} 元（{REWARD_STATUS_LABELS[followUp.reward.status]}）
          </Notice>
        ) : null}
        <View className='hazard-facts'>
          <Text>隐患类别：{followUp.category}</Text>
          <Text>地点：{followUp.place}</Text>
          <Text>照片/视频：{followUp.mediaCount} 个</Text>
          <Text>提交时间：{formatChinaInstant(followUp.createdAt)}</Text>
          <Text>更新时间：{formatChinaInstant(followUp.updatedAt)}</Text>
        </View>
        <Text className='hazard-facts__description'>{followUp.description}</Text>
      </Section>

      <Section title='与处理人沟通'>
        {followUp.messages.length === 0 ? <Text className='muted'>暂无消息。处理人有问题时会在这里留言，请不时回来查看。</Text> : null}
        {followUp.messages.map((message) => (
          <View key={message.id} className={`hazard-message${message.from === 'reporter' ? ' hazard-message--mine' : ''}`}>
            <Text className='hazard-message__from'>
              {message.from === 'reporter' ? '我' : '处理人'} · {formatChinaInstant(message.createdAt)}
            </Text>
            <Text className='hazard-message__body'>{message.body}</Text>
          </View>
        ))}
        <TextArea
          label='回复处理人'
          placeholder='补充情况或回答处理人的问题'
          value={reply}
          onChange={(value) => {
            setReply(value);
            setReplyError(undefined);
          }}
          error={replyError}
          maxLength={HAZARD_LIMITS.messageLength}
        />
        {sendFailure ? <Notice kind='error'>{sendFailure}</Notice> : null}
        <Button type='primary' block loading={sending} disabled={sending} onClick={() => void send()}>
          发送
        </Button>
      </Section>
    </View>
  );
}
