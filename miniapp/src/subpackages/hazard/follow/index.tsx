import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { normalizeReceiptCode, RECEIPT_CODE_DIGITS, type HazardFollowUpDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { hazardReportsApi } from '../../../api/endpoints';
import { Routes } from '../../../routes';
import { useCopiesKeptOutOfStorage } from '../clipboard';
import { FollowUp } from '../FollowUp';

export const MALFORMED_CODE = `回执码应为 ${RECEIPT_CODE_DIGITS} 位数字（可含空格或短横线），请核对后重新输入`;

/** Not resources: the answers are kept by this page alone, and the code never goes into a cache key. */
const LOOKUP = ['hazard-receipt', 'lookup'] as const;
const MESSAGE = ['hazard-receipt', 'message'] as const;

/**
 * Follow-up of an anonymous hazard report by its receipt code, without an account. The code stays in
 * this page's state only: never in the URL, storage or a log, and it is sent without the session.
 */
export default function HazardFollowPage() {
  useCopiesKeptOutOfStorage();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string>();
  /** The code of the case shown, and the case. */
  const [opened, setOpened] = useState<{ code: string; followUp: HazardFollowUpDto }>();

  const lookup = useAction(LOOKUP, (code: string) => hazardReportsApi.lookup(code, { toast: false }), {
    fallback: '查询失败，请稍后重试',
    onSuccess: (followUp, code) => {
      setOpened({ code, followUp });
      setTyped('');
    },
  });
  const send = useAction(MESSAGE, ({ code, body }: { code: string; body: string }) => hazardReportsApi.messageByReceipt(code, body, { toast: false }), {
    fallback: '发送失败，请稍后重试',
    // The server answers the case as it now stands, the message with it.
    onSuccess: (followUp, { code }) => setOpened((current) => (current?.code === code ? { code, followUp } : current)),
  });

  const open = () => {
    const code = normalizeReceiptCode(typed);
    setTypedError(code ? undefined : MALFORMED_CODE);
    lookup.reset();
    if (code) void lookup.run(code);
  };

  const close = () => {
    setOpened(undefined);
    lookup.reset();
    send.reset();
  };

  if (opened) {
    return (
      <View className='page hazard-follow'>
        <FollowUp
          followUp={opened.followUp}
          onSend={async (body) => Boolean(await send.run({ code: opened.code, body }))}
          sending={send.busy}
          sendFailure={send.failure}
        />
        {lookup.failure ? <Notice kind='error'>{lookup.failure}</Notice> : null}
        <View className='actions'>
          <Button block loading={lookup.busy} disabled={lookup.busy} onClick={() => void lookup.run(opened.code)}>
            刷新
          </Button>
          <Button block fill='outline' onClick={close}>
            查询其他回执码
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page hazard-follow'>
      <Section title='凭回执码查询举报进度'>
        <Text className='muted'>匿名举报提交后得到的 {RECEIPT_CODE_DIGITS} 位回执码，是查询进度、与处理人沟通的唯一凭证。无需登录。</Text>
        <Field
          label='回执码'
          placeholder={`${RECEIPT_CODE_DIGITS} 位数字回执码`}
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setTypedError(undefined);
          }}
          error={typedError}
          maxLength={RECEIPT_CODE_DIGITS * 2}
        />
        {lookup.failure ? <Notice kind='error'>{lookup.failure}</Notice> : null}
        <Button type='primary' block loading={lookup.busy} disabled={lookup.busy} onClick={open}>
          查询
        </Button>
      </Section>
      <View className='actions'>
        <LinkText onClick={() => void Taro.navigateTo({ url: Routes.hazardReport })}>隐患随手拍 / 匿名举报</LinkText>
      </View>
    </View>
  );
}
