import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WechatTemplatePurpose } from '@safemonth/shared';
import { useAction } from '../api/data';
import { wechatSubscriptionsApi } from '../api/endpoints';
import { keys, useWechatSubscriptions } from '../api/resources';
import { Button } from './ui';
import { Notice } from './Notice';
import './SubscribePrompt.scss';

const quiet = { toast: false } as const;

export interface SubscribePromptProps {
  /** Which template to ask for: deadline reminders or review results. */
  purpose: WechatTemplatePurpose;
  /** The button, e.g. 订阅截止提醒. */
  label: string;
}

/** What the person answered WeChat for a template, in Chinese, when it was not a yes. */
function refusal(answer: unknown): string {
  return answer === 'reject' ? '您没有同意接收，未订阅' : '该提醒已被关闭：请在小程序「设置 › 订阅消息」中允许后重试';
}

function WechatSubscribe({ purpose, label }: SubscribePromptProps) {
  const subscriptions = useWechatSubscriptions();
  const add = useAction(keys.wechatSubscriptions, (templateIds: string[]) => wechatSubscriptionsApi.add(templateIds, quiet), {
    populate: true,
    fallback: '订阅失败，请稍后重试',
  });
  const [problem, setProblem] = useState<string>();
  const template = subscriptions.data?.templates.find((t) => t.purpose === purpose);
  // Nothing to ask for while the server has no such template (or its answer has not come).
  if (!template) return null;

  const ask = async () => {
    setProblem(undefined);
    add.reset();
    // WeChat shows its dialog only within the tap: asked first, before anything that waits. (Taro's
    // types also ask for Alipay's `entityIds`; WeChat takes `tmplIds` alone.)
    const option = { tmplIds: [template.templateId] } as Taro.requestSubscribeMessage.Option;
    const answer = await Taro.requestSubscribeMessage(option).catch(() => undefined);
    if (!answer) {
      setProblem('未能订阅：请在小程序「设置 › 订阅消息」中允许接收后重试');
      return;
    }
    const choice = (answer as Record<string, unknown>)[template.templateId];
    // Only what the person accepted is counted by the server: one message more per acceptance.
    if (choice === 'accept') void add.run([template.templateId]);
    else setProblem(refusal(choice));
  };

  return (
    <View className='subscribe-prompt'>
      <View className='subscribe-prompt__row'>
        <Button size='small' type='primary' fill='outline' loading={add.busy} disabled={add.busy} onClick={() => void ask()}>
          {label}
        </Button>
        <Text className='row__meta'>还可接收 {template.remaining} 次提醒</Text>
      </View>
      {add.result && !add.busy ? <Notice kind='success'>订阅成功</Notice> : null}
      {problem ? <Notice>{problem}</Notice> : null}
      {add.failure ? <Notice kind='error'>{add.failure}</Notice> : null}
    </View>
  );
}

/**
 * Asks, on a tap, for WeChat subscribe messages (one message per acceptance) and tells the server
 * what was accepted; shows how many more messages may come. Only in the mini program: h5 has no
 * subscribe messages, so nothing shows there.
 */
export function SubscribePrompt(props: SubscribePromptProps) {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return <WechatSubscribe {...props} />;
}
