import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, Role } from '@safemonth/shared';
import { Button } from '../../components/ui';
import { Badge } from '../../components/Badge';
import { LinkRow } from '../../components/LinkRow';
import { Section } from '../../components/Section';
import { Notice } from '../../components/Notice';
import { LoadFailure } from '../../components/LoadFailure';
import { LinkText } from '../../components/LinkText';
import { UnreadCount } from '../../components/UnreadCount';
import { useCampaigns, useMe, useUnreadCount } from '../../api/resources';
import { isSignedIn } from '../../session/tokens';
import { signOut } from '../../session/auth';
import { Routes, withQuery } from '../../routes';
import { ConsoleFrame } from '../../components/ConsoleFrame';
import { CampaignList } from './CampaignList';
import { HazardEntry, VisitorHome } from './HazardEntry';
import './index.scss';

export default function HomePage() {
  // Without a session the h5 console sends the visitor to the login page (which offers 隐患随手拍);
  // the mini program's first screen offers 隐患随手拍 and 登录.
  const visitorHome = process.env.TARO_ENV === 'weapp';
  const [signedIn] = useState(isSignedIn);
  const me = useMe(signedIn);
  const campaigns = useCampaigns(signedIn);
  const { unread } = useUnreadCount(signedIn);

  useDidShow(() => {
    if (!isSignedIn() && !visitorHome) Taro.reLaunch({ url: Routes.login });
  });

  const onSignOut = async () => {
    await signOut();
    Taro.reLaunch({ url: Routes.login });
  };

  const memberships = me.data?.memberships ?? [];
  const isCommittee = memberships.some((m) => m.role === Role.Committee);
  const canInvite = isCommittee || memberships.some((m) => m.role === Role.Liaison);

  if (!signedIn && visitorHome) return <VisitorHome />;
  return (
    <ConsoleFrame current='campaigns' crumbs={[{ label: '活动' }]}>
      <View className='page home'>
        <LoadFailure resource={me} block />

        {me.data ? (
          <View>
            <Section>
              <Text className='section__title'>您好，{me.data.person.displayName}</Text>
              {me.data.person.username || me.data.person.phone ? (
                <View>
                  <Text className='muted'>{me.data.person.username ?? me.data.person.phone}</Text>
                </View>
              ) : null}
              <LinkRow title='消息' extra={<UnreadCount count={unread} />} onClick={() => Taro.navigateTo({ url: Routes.inbox })} />
            </Section>

            <Section title='我的单位'>
              {memberships.length === 0 ? (
                <View>
                  <Notice>您还没有加入任何单位，请使用邀请码加入</Notice>
                  <Button type='primary' block onClick={() => Taro.navigateTo({ url: Routes.invite })}>
                    使用邀请码加入
                  </Button>
                </View>
              ) : (
                <View>
                  {memberships.map((membership) => (
                    <View className='row' key={membership.id}>
                      <Text className='row__title'>{membership.unit.name}</Text>
                      <Badge tone={membership.role === Role.Staff ? 'muted' : 'primary'}>{ROLE_LABELS[membership.role]}</Badge>
                    </View>
                  ))}
                  <View className='actions'>
                    <LinkText onClick={() => Taro.navigateTo({ url: Routes.invite })}>加入其他单位</LinkText>
                  </View>
                </View>
              )}
            </Section>

            <Section title='安全生产月活动'>
              {campaigns.failure ? <Notice kind='error'>{campaigns.failure}</Notice> : null}
              {campaigns.data ? (
                <CampaignList
                  campaigns={campaigns.data}
                  onOpen={(id) => Taro.navigateTo({ url: withQuery(Routes.campaign, { id }) })}
                />
              ) : null}
              {isCommittee ? (
                <LinkRow title='新建活动' onClick={() => Taro.navigateTo({ url: Routes.consoleCampaignNew })} />
              ) : null}
            </Section>

            <HazardEntry signedIn />

            {canInvite ? (
              <Section title='管理'>
                <LinkRow title='邀请成员' onClick={() => Taro.navigateTo({ url: Routes.consoleInvites })} />
                {isCommittee ? (
                  <LinkRow title='单位管理' onClick={() => Taro.navigateTo({ url: Routes.consoleUnits })} />
                ) : null}
              </Section>
            ) : null}
          </View>
        ) : null}

        {me.data || me.failure ? (
          <View className='home__signout'>
            <Button block fill='outline' onClick={onSignOut}>
              退出登录
            </Button>
          </View>
        ) : null}
      </View>
    </ConsoleFrame>
  );
}
