import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatChinaInstant, HAZARD_LIMITS, type HazardCaseDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { useAction } from '../../../api/data';
import { hazardHandlingApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';

/** The exchange with the reporter (sides, never names), oldest first, and the handler's reply. */
export function Messages({ hazard }: { hazard: HazardCaseDto }) {
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const send = useAction(keys.hazard(hazard.id), (text: string) => hazardHandlingApi.message(hazard.id, { body: text }, { toast: false }), {
    fallback: '发送失败，请稍后重试',
    onSuccess: () => setBody(''),
  });
  const submit = () => {
    send.reset();
    setMissing(!body.trim());
    if (body.trim()) void send.run(body.trim());
  };

  return (
    <View className='hazard-part'>
      <Text className='field__label'>与举报人沟通</Text>
      {hazard.messages.length === 0 ? <Text className='muted'>还没有留言</Text> : null}
      {hazard.messages.map((message) => (
        <View className={`hazard-message hazard-message--${message.from}`} key={message.id}>
          <Text className='row__meta'>{`${message.from === 'reporter' ? '举报人' : '处理人'} · ${formatChinaInstant(message.createdAt)}`}</Text>
          <Text className='hazard-message__body' userSelect>
            {message.body}
          </Text>
        </View>
      ))}
      <TextArea
        label='回复举报人'
        placeholder={hazard.anonymous ? '匿名举报人凭回执码查看回复' : '举报人在“我的举报”中查看回复'}
        value={body}
        onChange={setBody}
        error={missing ? '请填写回复内容' : undefined}
        maxLength={HAZARD_LIMITS.messageLength}
      />
      {send.failure ? <Notice kind='error'>{send.failure}</Notice> : null}
      <Button size='small' type='primary' loading={send.busy} disabled={send.busy} onClick={submit}>
        发送
      </Button>
    </View>
  );
}
