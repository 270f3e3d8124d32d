import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ConsoleFrame } from '../../../components/ConsoleFrame';
import { PageStatus } from '../../../components/PageStatus';
import { Section } from '../../../components/Section';
import { Tabs, type Tab } from '../../../components/Tabs';
import { useCampaign } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes, withQuery } from '../../../routes';
import { confirmDiscard } from '../../../utils/confirm';
import { useUnloadWarning } from '../../../utils/useUnloadWarning';
import { HazardQueue } from './HazardQueue';
import { HazardSettings } from './HazardSettings';
import { IdentityLog } from './IdentityLog';
import './index.scss';

type Shown = 'queue' | 'settings' | 'log';
const QUEUE_TAB: Tab<Shown> = { value: 'queue', label: '举报处理' };
const SETTINGS_TAB: Tab<Shown> = { value: 'settings', label: '举报设置' };
const LOG_TAB: Tab<Shown> = { value: 'log', label: '查看日志' };

const shownOf = (tab: string | undefined): Shown => (tab === 'settings' || tab === 'log' ? tab : 'queue');

/**
 * 隐患举报 for a campaign's organizing committee: the designated handlers' queue with each case's
 * workflow, and, for those managing the campaign, 举报设置 (who may report, categories, 隐患清零, the
 * counted fields, the handlers) and the log of looks at reporters' identities.
 */
export default function HazardsPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const [asked, setAsked] = useState<Shown>(shownOf(router.params.tab));
  // The queue may open filtered (完成情况's overdue cases of a subtree): `overdue=1`, `unitId` and `unitName`.
  const { overdue, unitId, unitName } = router.params;
  const signedIn = useSession(withQuery(Routes.consoleHazards, { campaignId, tab: asked === 'queue' ? undefined : asked, overdue, unitId, unitName }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  // Whether 举报设置 holds edits not yet saved (the form tells).
  const [changed, setChanged] = useState(false);
  useUnloadWarning(changed);
  const unsavedIn = changed ? SETTINGS_TAB.label : undefined;

  const framed = (page: ReactNode, title?: string) => (
    <ConsoleFrame
      current='hazards'
      campaignId={campaignId || undefined}
      unsavedIn={unsavedIn}
      crumbs={[
        { label: '活动', url: Routes.home },
        ...(title ? [{ label: title, url: withQuery(campaign.data?.editable ? Routes.consoleCampaignEditor : Routes.campaign, { id: campaignId }) }] : []),
        { label: '隐患举报' },
      ]}
    >
      {page}
    </ConsoleFrame>
  );
  if (!campaignId) return framed(<PageStatus failure='没有指定活动' />);
  if (!campaign.data) return framed(<PageStatus failure={campaign.failure} onRetry={campaign.reload} />);

  // The settings and the log are for the committee managing the campaign; the queue's API decides who handles.
  const tabs = campaign.data.editable ? [QUEUE_TAB, SETTINGS_TAB, LOG_TAB] : [QUEUE_TAB];
  const shown = campaign.data.editable ? asked : 'queue';
  // The settings form is dropped when another tab opens: its unsaved edits are asked about first.
  const open = async (next: Shown) => {
    if (unsavedIn && !(await confirmDiscard(unsavedIn))) return;
    setChanged(false);
    setAsked(next);
  };

  return framed(
    <View className='page hazards'>
      <Section title='隐患举报'>
        <Text className='muted'>{campaign.data.title}</Text>
        <Text className='row__meta'>举报人的身份只有指定的处理人可以查看，且每次查看都记录在查看日志中；被举报单位和联络员看不到举报人。</Text>
      </Section>
      {tabs.length > 1 ? <Tabs tabs={tabs} value={shown} onChange={(next) => void open(next)} label='隐患举报' /> : null}
      {shown === 'queue' ? (
        <HazardQueue campaign={campaign.data} overdue={overdue === '1'} unit={unitId ? { id: unitId, name: decodeURIComponent(unitName ?? '') } : undefined} />
      ) : null}
      {shown === 'settings' ? <HazardSettings campaign={campaign.data} onChanged={setChanged} /> : null}
      {shown === 'log' ? <IdentityLog campaignId={campaign.data.id} /> : null}
    </View>,
    campaign.data.title,
  );
}
