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
import { DeliveryLog } from './DeliveryLog';
import { PolicySettings } from './PolicySettings';
import './index.scss';

type Shown = 'log' | 'settings';
const LOG_TAB: Tab<Shown> = { value: 'log', label: '提醒记录' };
const SETTINGS_TAB: Tab<Shown> = { value: 'settings', label: '提醒设置' };

/**
 * A campaign's reminders for its organizing committee: 提醒记录, every notice sent (or being sent)
 * with its tries, and 提醒设置, when and how units still owing a deliverable are reminded.
 */
export default function RemindersPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const [asked, setAsked] = useState<Shown>(router.params.tab === 'settings' ? 'settings' : 'log');
  const signedIn = useSession(withQuery(Routes.consoleReminders, { campaignId, tab: asked === 'settings' ? asked : undefined }));
  const campaign = useCampaign(signedIn ? campaignId : undefined);
  // Whether 提醒设置 holds edits not yet saved (the form tells).
  const [changed, setChanged] = useState(false);
  useUnloadWarning(changed);
  const unsavedIn = changed ? SETTINGS_TAB.label : undefined;

  const framed = (page: ReactNode, title?: string) => (
    <ConsoleFrame
      current='reminders'
      campaignId={campaignId || undefined}
      unsavedIn={unsavedIn}
      crumbs={[
        { label: '活动', url: Routes.home },
        ...(title ? [{ label: title, url: withQuery(campaign.data?.editable ? Routes.consoleCampaignEditor : Routes.campaign, { id: campaignId }) }] : []),
        { label: '提醒' },
      ]}
    >
      {page}
    </ConsoleFrame>
  );
  if (!campaignId) return framed(<PageStatus failure='没有指定活动' />);
  if (!campaign.data) return framed(<PageStatus failure={campaign.failure} onRetry={campaign.reload} />);

  // The log names people and what each was told: the API shows it to the committee managing the campaign only.
  if (!campaign.data.editable) return framed(<PageStatus failure='只有主办单位的安委办可以查看提醒记录和提醒设置' />, campaign.data.title);

  // The settings form is dropped when another tab opens: its unsaved edits are asked about first.
  const open = async (next: Shown) => {
    if (unsavedIn && !(await confirmDiscard(unsavedIn))) return;
    setChanged(false);
    setAsked(next);
  };

  return framed(
    <View className='page reminders'>
      <Section title='提醒'>
        <Text className='muted'>{campaign.data.title}</Text>
        <Text className='row__meta'>提醒只发给尚未报送（或被退回）的单位的联络员；在“完成情况”页面可立即提醒未报单位。</Text>
      </Section>
      <Tabs tabs={[LOG_TAB, SETTINGS_TAB]} value={asked} onChange={(next) => void open(next)} label='提醒' />
      {asked === 'log' ? <DeliveryLog campaign={campaign.data} /> : <PolicySettings campaign={campaign.data} onChanged={setChanged} />}
    </View>,
    campaign.data.title,
  );
}
