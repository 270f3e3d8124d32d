import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ManualReminderRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../api/data';
import { remindersApi } from '../../../api/endpoints';

/** What a manual reminder's answer (the notices queued) tells the committee. */
export function remindedText(queued: number): string {
  // 0: everyone owing was reminded of the instance by hand within the server's sliding window, or has no liaison to tell.
  return queued > 0 ? `已提醒，发出 ${queued} 条提醒` : '没有发出新的提醒：未报单位的联络员在最近 10 分钟内已提醒过，或未报单位尚无联络员';
}

export interface RemindButtonProps {
  campaignId: string;
  request: ManualReminderRequest;
  label: string;
  /** The confirmation's question, naming who is reminded of what. */
  question: string;
  primary?: boolean;
}

/**
 * Reminds now, after asking, the liaisons of the units owing an instance (in the subtree of the
 * request's unit); says how many notices went out, or why none did.
 */
export function RemindButton({ campaignId, request, label, question, primary = false }: RemindButtonProps) {
  // The delivery log shows the notices queued.
  const remind = useAction(['manual-reminders', campaignId] as const, (body: ManualReminderRequest) => remindersApi.remind(campaignId, body, { toast: false }), {
    fallback: '提醒失败，请稍后重试',
    stale: ['delivery-log'],
  });

  const ask = async () => {
    if (remind.busy) return;
    remind.reset();
    const answer = await Taro.showModal({ title: '提醒报送', content: question, confirmText: '提醒', cancelText: '取消' }).catch(() => ({ confirm: false }));
    if (answer.confirm) await remind.run(request);
  };

  return (
    <View className='remind'>
      <Button size='small' type={primary ? 'primary' : 'default'} loading={remind.busy} disabled={remind.busy} onClick={() => void ask()}>
        {label}
      </Button>
      {remind.failure ? <Notice kind='error'>{remind.failure}</Notice> : null}
      {remind.result ? <Text className={remind.result.queued > 0 ? 'remind__done' : 'muted'}>{remindedText(remind.result.queued)}</Text> : null}
    </View>
  );
}
