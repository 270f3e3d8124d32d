import { useCallback, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, Role, type CampaignSummaryDto, type MeResponse } from '@safemonth/shared';
import { Button } from '../../components/ui';
import { Badge } from '../../components/Badge';
import { LinkRow } from '../../components/LinkRow';
import { Section } from '../../components/Section';
import { Notice } from '../../components/Notice';
import { LinkText } from '../../components/LinkText';
import { isApiError } from '../../api/client';
import { campaignsApi, meApi } from '../../api/endpoints';
import { isSignedIn } from '../../session/tokens';
import { signOut } from '../../session/auth';
import { Routes, withQuery } from '../../routes';
import { messageOf } from '../../utils/errors';
import { CampaignList } from './CampaignList';
import './index.scss';

export default function HomePage() {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [failure, setFailure] = useState<string>();
  const [campaigns, setCampaigns] = useState<CampaignSummaryDto[] | null>(null);
  const [campaignsFailure, setCampaignsFailure] = useState<string>();

  // h5 may report the first show twice; one request at a time is enough.
  const loading = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    setFailure(undefined);
    setCampaignsFailure(undefined);
    const campaignsLoaded = campaignsApi.list({ toast: false }).then(
      (found) => setCampaigns(found ?? []),
      (error: unknown) => setCampaignsFailure(messageOf(error, '加载活动失败，请稍后重试')),
    );
    try {
      setMe(await meApi.get({ toast: false }));
    } catch (error) {
      setFailure(isApiError(error) ? error.message : '加载失败，请稍后重试');
    } finally {
      await campaignsLoaded;
      loading.current = false;
    }
  }, []);

  useDidShow(() => {
    if (!isSignedIn()) {
      Taro.reLaunch({ url: Routes.login });
      return;
    }
    void load();
  });

  const onSignOut = async () => {
    await signOut();
    Taro.reLaunch({ url: Routes.login });
  };

  const memberships = me?.memberships ?? [];
  const isCommittee = memberships.some((m) => m.role === Role.Committee);
  const canInvite = isCommittee || memberships.some((m) => m.role === Role.Liaison);

  return (
    <View className='page home'>
      {failure ? (
        <View>
          <Notice kind='error'>{failure}</Notice>
          <Button block onClick={load}>
            重新加载
          </Button>
        </View>
      ) : null}

      {me ? (
        <View>
          <Section>
            <Text className='section__title'>您好，{me.person.displayName}</Text>
            {me.person.username || me.person.phone ? (
              <View>
                <Text className='muted'>{me.person.username ?? me.person.phone}</Text>
              </View>
            ) : null}
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
            {campaignsFailure ? <Notice kind='error'>{campaignsFailure}</Notice> : null}
            {campaigns ? (
              <CampaignList
                campaigns={campaigns}
                onOpen={(id) => Taro.navigateTo({ url: withQuery(Routes.campaign, { id }) })}
              />
            ) : null}
            {isCommittee ? (
              <LinkRow title='新建活动' onClick={() => Taro.navigateTo({ url: Routes.consoleCampaignNew })} />
            ) : null}
          </Section>

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

      {me || failure ? (
        <View className='home__signout'>
          <Button block fill='outline' onClick={onSignOut}>
            退出登录
          </Button>
        </View>
      ) : null}
    </View>
  );
}
