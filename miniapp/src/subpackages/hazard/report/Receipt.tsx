import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatReceiptCode } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Routes } from '../../../routes';
import { copyText } from '../clipboard';
import '../hazard.scss';

export const KEEP_THE_CODE = '请立即保存回执码：这是查询进度、与处理人沟通的唯一凭证，丢失后无法找回，本系统不会再次显示';

/** Leaving drops the code for good: asked first. */
async function confirmSaved(): Promise<boolean> {
  const answer = await Taro.showModal({
    title: '已保存回执码？',
    content: '离开本页后回执码不会再显示，丢失后无法找回。',
    confirmText: '已保存',
    cancelText: '返回',
  }).catch(() => ({ confirm: false }));
  return answer.confirm;
}

/** An anonymous report's receipt code, shown this once, with 复制 and the warning to keep it. */
export function Receipt({ code }: { code: string }) {
  const [copied, setCopied] = useState<boolean>();
  const shown = formatReceiptCode(code);

  useEffect(() => {
    // weapp: going back (button or gesture) asks first too; h5's reload is asked by the form's unload warning.
    if (process.env.TARO_ENV !== 'weapp') return undefined;
    Taro.enableAlertBeforeUnload({ message: '离开本页后回执码不会再显示，请确认已保存' });
    return () => Taro.disableAlertBeforeUnload();
  }, []);

  const leave = async (url: string) => {
    if (await confirmSaved()) void Taro.reLaunch({ url });
  };

  return (
    <View className='page hazard-receipt'>
      <Section title='举报已提交'>
        <Text className='muted'>您的回执码</Text>
        <View className='hazard-receipt__code'>
          <Text userSelect>{shown}</Text>
        </View>
        <Notice kind='error'>{KEEP_THE_CODE}</Notice>
        <View className='actions'>
          <Button type='primary' block onClick={() => void copyText(shown).then(setCopied)}>
            {copied ? '已复制，请粘贴保存到安全的地方' : '复制回执码'}
          </Button>
        </View>
        {copied === false ? <Notice kind='error'>无法自动复制，请长按选中或手动抄写回执码</Notice> : null}
        <Text className='muted hazard-receipt__hint'>凭回执码可随时查询处理进度、回答处理人的问题，无需登录。</Text>
      </Section>
      <View className='actions'>
        <Button block onClick={() => void leave(Routes.hazardFollow)}>
          我已保存，查询进度
        </Button>
        <Button block fill='outline' onClick={() => void leave(Routes.home)}>
          完成
        </Button>
      </View>
    </View>
  );
}
