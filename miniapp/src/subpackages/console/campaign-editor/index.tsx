import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { CAMPAIGN_STATUS_LABELS, type CampaignDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { campaignsApi } from '../../../api/endpoints';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { Routes, withQuery } from '../../../routes';
import { SettingsForm } from './SettingsForm';
import { ItemsEditor } from './ItemsEditor';
import { DeliverablesEditor } from './DeliverablesEditor';
import { LiaisonsPanel } from './LiaisonsPanel';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';

export const PUBLISH_CONFIRMATION = '发布后，已有数据的统计项不能删除。确认发布？';

function PublishPanel({ campaign, onPublished }: { campaign: CampaignDto; onPublished: (campaign: CampaignDto) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const publish = async () => {
    setFailure(undefined);
    const answer = await Taro.showModal({ title: '发布活动', content: PUBLISH_CONFIRMATION, confirmText: '发布', cancelText: '取消' }).catch(
      () => ({ confirm: false }),
    );
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const published = await campaignsApi.publish(campaign.id, { toast: false });
      onPublished(published);
      Taro.showToast({ title: '已发布', icon: 'success' });
    } catch (error) {
      setFailure(messageOf(error, '发布失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title='发布活动'>
      <Text className='muted'>发布后，参与单位即可看到本活动，联络员可以填写联络员信息表。保存的修改才会发布。</Text>
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={busy} disabled={busy} onClick={publish}>
          发布
        </Button>
      </View>
    </Section>
  );
}

export default function CampaignEditorPage() {
  const router = useRouter();
  const campaignId = router.params.id ?? '';
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      setCampaign(await campaignsApi.get(campaignId, { toast: false }));
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [campaignId]);

  useLoad(() => {
    if (!requireSession(withQuery(Routes.consoleCampaignEditor, { id: campaignId }))) return;
    if (!campaignId) {
      setFailure('没有指定活动');
      return;
    }
    void load();
  });

  if (failure || !campaign) return <PageStatus failure={failure} onRetry={campaignId ? load : undefined} />;
  if (!campaign.editable) {
    return (
      <View className='page'>
        <Notice>只有主办单位的安委办可以编辑本活动。</Notice>
        <LinkText onClick={() => Taro.redirectTo({ url: withQuery(Routes.campaign, { id: campaign.id }) })}>查看活动页面</LinkText>
      </View>
    );
  }

  return (
    <View className='page campaign-editor'>
      <Section>
        <View className='editor__head'>
          <Text className='editor__title'>{campaign.title}</Text>
          <Badge tone={campaign.status === 'draft' ? 'muted' : 'success'}>{CAMPAIGN_STATUS_LABELS[campaign.status]}</Badge>
        </View>
        <Text className='muted'>
          {campaign.year} 年 · 主办单位：{campaign.organizingUnit.name}
        </Text>
        <View className='actions'>
          <LinkText onClick={() => Taro.navigateTo({ url: withQuery(Routes.campaign, { id: campaign.id }) })}>查看活动页面</LinkText>
        </View>
      </Section>
      <SettingsForm campaign={campaign} onSaved={setCampaign} />
      <ItemsEditor campaign={campaign} onSaved={setCampaign} />
      <DeliverablesEditor campaign={campaign} onSaved={setCampaign} />
      {campaign.status === 'draft' ? <PublishPanel campaign={campaign} onPublished={setCampaign} /> : null}
      {campaign.status === 'published' ? <LiaisonsPanel campaign={campaign} /> : null}
    </View>
  );
}
