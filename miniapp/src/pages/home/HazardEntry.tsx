import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../components/ui';
import { LinkRow } from '../../components/LinkRow';
import { Section } from '../../components/Section';
import { Routes } from '../../routes';

/** 隐患随手拍: report a hazard (anonymously, also without an account) and follow one up. */
export function HazardEntry({ signedIn }: { signedIn: boolean }) {
  return (
    <Section title='隐患随手拍'>
      <Text className='muted'>发现安全隐患或违法违规行为，拍照举报{signedIn ? '，可选择匿名' : '：无需登录，匿名举报'}</Text>
      <LinkRow title='隐患随手拍 / 匿名举报' onClick={() => void Taro.navigateTo({ url: Routes.hazardReport })} />
      {signedIn ? <LinkRow title='我的隐患举报' onClick={() => void Taro.navigateTo({ url: Routes.myHazards })} /> : null}
      <LinkRow title='凭回执码查询举报进度' onClick={() => void Taro.navigateTo({ url: Routes.hazardFollow })} />
    </Section>
  );
}

/** The mini program's first screen for someone not signed in: 隐患随手拍 first, then 登录. */
export function VisitorHome() {
  return (
    <View className='page home'>
      <View className='home__brand'>
        <Text className='home__title'>安全月</Text>
        <Text className='muted'>安全生产月活动填报与管理</Text>
      </View>
      <HazardEntry signedIn={false} />
      <Section title='单位成员'>
        <Text className='muted'>参加活动的单位成员请登录后填报</Text>
        <View className='actions'>
          <Button type='primary' block onClick={() => void Taro.navigateTo({ url: Routes.login })}>
            登录
          </Button>
        </View>
      </Section>
    </View>
  );
}
