import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HazardCaseDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../api/data';
import { hazardHandlingApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';

/**
 * 查看举报人: the reporter's identity, asked for only after the handler confirms that the access is
 * recorded in the log; kept in this panel only (never in the cache), gone when it closes.
 */
export function Reporter({ hazard, campaignId }: { hazard: HazardCaseDto; campaignId: string }) {
  // The log gains a line with every look: its pages load again.
  const look = useAction(keys.hazardIdentityLog(campaignId), () => hazardHandlingApi.reporter(hazard.id, { toast: false }), {
    stale: ['hazard-identity-log'],
    fallback: '查看失败，请稍后重试',
  });
  if (hazard.anonymous) return <Text className='row__meta'>匿名举报：系统不保存举报人的任何身份信息</Text>;

  const ask = async () => {
    look.reset();
    const answer = await Taro.showModal({
      title: '查看举报人',
      content: '举报人身份受保护。本次查看将记录在查看日志中（查看人、时间、举报），安委办可以查阅。确定查看？',
      confirmText: '查看',
      cancelText: '取消',
    }).catch(() => ({ confirm: false }));
    if (answer.confirm) void look.run();
  };

  const identity = look.result;
  return (
    <View className='hazard-part'>
      {identity && !identity.anonymous ? (
        <View className='hazard-reporter' aria-label='举报人'>
          <Text className='row__meta'>{`姓名：${identity.displayName}`}</Text>
          <Text className='row__meta'>{`电话：${identity.phone ?? '无'}`}</Text>
          <Text className='row__meta'>{`微信 OpenID：${identity.wechatOpenId ?? '无'}`}</Text>
          <Text className='row__meta'>{`IP 地址：${identity.ip ?? '无'}`}</Text>
          <Text className='muted'>本次查看已记录在查看日志中，请勿向被举报单位或他人透露</Text>
        </View>
      ) : null}
      {identity?.anonymous ? <Text className='row__meta'>匿名举报：系统不保存举报人的任何身份信息</Text> : null}
      {look.failure ? <Notice kind='error'>{look.failure}</Notice> : null}
      <View className='actions'>
        {identity ? (
          <Button size='small' onClick={look.reset}>
            隐藏举报人
          </Button>
        ) : (
          <Button size='small' loading={look.busy} disabled={look.busy} onClick={() => void ask()}>
            查看举报人
          </Button>
        )}
      </View>
    </View>
  );
}
