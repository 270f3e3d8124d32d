import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatChinaInstant, HAZARD_STATUS_LABELS } from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { LinkText } from '../../../components/LinkText';
import { PageStatus } from '../../../components/PageStatus';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { useAction } from '../../../api/data';
import { hazardReportsApi } from '../../../api/endpoints';
import { keys, useMyHazard, useMyHazards } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { FollowUp, statusTone } from '../FollowUp';

/** My named hazard reports, newest first, a page at a time. */
function MyHazardList({ signedIn }: { signedIn: boolean }) {
  const loaded = useMyHazards(signedIn);
  const list = loaded.data;
  if (!list) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;
  return (
    <View className='page'>
      <Section title='我的隐患举报'>
        {list.total === 0 ? <Text className='muted'>还没有实名举报（匿名举报请凭回执码查询）</Text> : null}
        {list.items.map((hazard) => (
          <View className='row' key={hazard.id} onClick={() => void Taro.navigateTo({ url: withQuery(Routes.myHazards, { id: hazard.id }) })}>
            <View className='row__main'>
              <Text className='row__title'>
                {hazard.category} · {hazard.place}
              </Text>
              <Text className='row__meta'>
                {hazard.campaignTitle} · {formatChinaInstant(hazard.createdAt)}
              </Text>
            </View>
            <Badge tone={statusTone(hazard.status)}>{HAZARD_STATUS_LABELS[hazard.status]}</Badge>
          </View>
        ))}
        {list.total > 0 ? <Pager page={list} onPage={loaded.setPage} /> : null}
      </Section>
      <View className='actions'>
        <LinkText onClick={() => void Taro.navigateTo({ url: Routes.hazardReport })}>隐患随手拍 / 匿名举报</LinkText>
        <LinkText onClick={() => void Taro.navigateTo({ url: Routes.hazardFollow })}>凭回执码查询匿名举报</LinkText>
      </View>
    </View>
  );
}

/** One of my named reports, with its messages and a box to answer the handlers. */
function MyHazard({ hazardId, signedIn }: { hazardId: string; signedIn: boolean }) {
  const loaded = useMyHazard(signedIn ? hazardId : undefined);
  // The message joins the case: it loads again (and the list, whose update time moved).
  const send = useAction(keys.myHazard(hazardId), (body: string) => hazardReportsApi.messageMine(hazardId, body, { toast: false }), {
    fallback: '发送失败，请稍后重试',
    stale: ['my-hazards'],
  });
  if (!loaded.data) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;
  return (
    <View className='page'>
      <FollowUp followUp={loaded.data} onSend={async (body) => Boolean(await send.run(body))} sending={send.busy} sendFailure={send.failure} />
    </View>
  );
}

/** 我的隐患举报: the list, or (?id=) one report. Needs a session. */
export default function MyHazardsPage() {
  const hazardId = useRouter().params.id || undefined;
  const signedIn = useSession(withQuery(Routes.myHazards, { id: hazardId }));
  return hazardId ? <MyHazard hazardId={hazardId} signedIn={signedIn} /> : <MyHazardList signedIn={signedIn} />;
}
