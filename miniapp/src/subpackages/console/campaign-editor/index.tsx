import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CAMPAIGN_STATUS_LABELS, publishWarnings, type CampaignDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Tabs, type Tab } from '../../../components/Tabs';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys, useCampaign } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { SettingsForm } from './SettingsForm';
import { ItemsEditor } from './ItemsEditor';
import { DeliverablesEditor } from './DeliverablesEditor';
import { LiaisonsPanel } from './LiaisonsPanel';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { confirmDiscard } from '../../../utils/confirm';
import { useUnloadWarning } from '../../../utils/useUnloadWarning';

export const PUBLISH_CONFIRMATION = '发布后，已有数据的统计项不能删除。确认发布？';

/** The confirmation: what looks wrong first (past deadlines, repeated or empty items), then the usual question. */
export function publishQuestion(warnings: string[]): { title: string; content: string; confirmText: string } {
  if (warnings.length === 0) return { title: '发布活动', content: PUBLISH_CONFIRMATION, confirmText: '发布' };
  const list = warnings.map((warning, i) => `${i + 1}. ${warning}`).join('\n');
  return { title: '发布前请检查', content: `${list}\n\n${PUBLISH_CONFIRMATION}`, confirmText: '仍然发布' };
}

function PublishPanel({ campaign }: { campaign: CampaignDto }) {
  // The answer is the published campaign: it replaces the page's copy.
  const publish = useAction(keys.campaign(campaign.id), () => campaignsApi.publish(campaign.id, { toast: false }), {
    fallback: '发布失败，请稍后重试',
    populate: true,
    onSuccess: () => Taro.showToast({ title: '已发布', icon: 'success' }),
  });

  // Checked on the saved campaign: only what is saved is published.
  const warnings = publishWarnings(campaign, new Date(Date.now()));

  const confirmAndPublish = async () => {
    publish.reset();
    const answer = await Taro.showModal({ ...publishQuestion(warnings), cancelText: '取消' }).catch(() => ({ confirm: false }));
    if (answer.confirm) await publish.run();
  };

  return (
    <Section>
      <Text className='muted'>发布后，参与单位即可看到本活动，联络员可以填写联络员信息表。保存的修改才会发布。</Text>
      {warnings.length ? (
        <View className='messages'>
          <Notice>发布前请检查：</Notice>
          {warnings.map((warning, index) => (
            <Text className='field__error' key={`${index}-${warning}`}>
              {warning}
            </Text>
          ))}
        </View>
      ) : null}
      {publish.failure ? <Notice kind='error'>{publish.failure}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={publish.busy} disabled={publish.busy} onClick={confirmAndPublish}>
          发布
        </Button>
      </View>
    </Section>
  );
}

type SectionKey = 'settings' | 'items' | 'deliverables' | 'publish' | 'liaisons';

/** The editor's sections, one shown at a time: publishing turns the last one into the liaisons' list. */
function sectionsOf(campaign: CampaignDto): Tab<SectionKey>[] {
  return [
    { value: 'settings', label: '基本设置' },
    { value: 'items', label: '统计表' },
    { value: 'deliverables', label: '截止要求' },
    campaign.status === 'draft' ? { value: 'publish', label: '发布活动' } : { value: 'liaisons', label: '联络员' },
  ];
}

/** The section asked for (by the address or a tab) if the campaign has it, else the first one. */
function sectionShown(asked: string | undefined, campaign: CampaignDto): SectionKey {
  // A link to one stands for the other: the campaign may have been published since.
  if (asked === 'publish' || asked === 'liaisons') return campaign.status === 'draft' ? 'publish' : 'liaisons';
  return asked === 'items' || asked === 'deliverables' ? asked : 'settings';
}

/**
 * h5: puts the section in the address, so that a refresh or a shared link opens it. The hash router
 * reads a page's query only when it loads the page: replacing the address (and keeping the
 * router's state) leaves the page as it is.
 */
function showInAddress(path: string) {
  if (process.env.TARO_ENV !== 'h5') return;
  window.history.replaceState(window.history.state, '', `#${path}`);
}

export default function CampaignEditorPage() {
  const router = useRouter();
  const campaignId = router.params.id ?? '';
  const [asked, setAsked] = useState(router.params.section);
  // Whether the section shown holds edits not yet saved (each editor tells).
  const [changed, setChanged] = useState(false);
  useUnloadWarning(changed);
  const signedIn = useSession(withQuery(Routes.consoleCampaignEditor, { id: campaignId, section: asked }));
  // The editors below save through the same cache entry, so what they save shows here at once.
  const loaded = useCampaign(signedIn ? campaignId : undefined);

  const campaign = loaded.data;
  if (!campaignId) return <PageStatus failure='没有指定活动' />;
  if (!campaign) return <PageStatus failure={loaded.failure} onRetry={loaded.reload} />;
  if (!campaign.editable) {
    return (
      <View className='page'>
        <Notice>只有主办单位的安委办可以编辑本活动。</Notice>
        <LinkText onClick={() => Taro.redirectTo({ url: withQuery(Routes.campaign, { id: campaign.id }) })}>查看活动页面</LinkText>
      </View>
    );
  }

  const sections = sectionsOf(campaign);
  const section = sectionShown(asked, campaign);

  // Where the edits not yet saved are, if any: leaving by a tab or the console's navigation asks first.
  const unsavedIn = changed ? (sections.find((s) => s.value === section)?.label ?? '') : undefined;

  // Only one section is kept: leaving one with unsaved edits drops them, so it is asked first.
  const open = async (next: SectionKey) => {
    if (unsavedIn && !(await confirmDiscard(unsavedIn))) return;
    setChanged(false);
    setAsked(next);
    showInAddress(withQuery(Routes.consoleCampaignEditor, { id: campaign.id, section: next }));
  };

  return (
    <ConsoleFrame current='campaigns' campaignId={campaign.id} unsavedIn={unsavedIn} crumbs={[{ label: '活动', url: Routes.home }, { label: campaign.title }]}>
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
        <Tabs label='活动设置' tabs={sections} value={section} onChange={(next) => void open(next)} />
        {section === 'settings' ? <SettingsForm campaign={campaign} onChanged={setChanged} /> : null}
        {section === 'items' ? <ItemsEditor campaign={campaign} onChanged={setChanged} /> : null}
        {section === 'deliverables' ? <DeliverablesEditor campaign={campaign} onChanged={setChanged} /> : null}
        {section === 'publish' ? <PublishPanel campaign={campaign} /> : null}
        {section === 'liaisons' ? <LiaisonsPanel campaign={campaign} /> : null}
      </View>
    </ConsoleFrame>
  );
}
