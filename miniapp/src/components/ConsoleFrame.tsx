import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Role } from '@safemonth/shared';
import { campaignsApi } from '../api/endpoints';
import { useMe, useUnreadCount } from '../api/resources';
import { isSignedIn } from '../session/tokens';
import { confirmDiscard } from '../utils/confirm';
import { UnreadCount } from './UnreadCount';
import { Routes, withQuery } from '../routes';
import './ConsoleFrame.scss';

/** The console's places, as the side navigation lists them. */
export type ConsolePlace = 'campaigns' | 'units' | 'invites' | 'review' | 'statistics' | 'completeness' | 'reminders' | 'hazards' | 'inbox';

/** One step of the breadcrumb; the last one (the page itself) has no `url`. */
export interface Crumb {
  label: string;
  url?: string;
}

interface FrameProps {
  current: ConsolePlace;
  crumbs: Crumb[];
  /** The campaign the page is about: 报告审核, 统计, 完成情况, 提醒 and 隐患举报 open it. */
  campaignId?: string;
  /** Where the page holds edits not yet saved: the navigation asks before leaving them. */
  unsavedIn?: string;
  children: ReactNode;
}


/**
 * The desktop frame, for committee members only (liaisons open the invites page too); CSS shows it
 * from 1024 px only, so narrow browsers keep the phone layout. The page keeps its place in the tree
 * whether the frame shows or not, so nothing on it is reset when the person has loaded.
 */
function DesktopFrame({ current, crumbs, campaignId, unsavedIn, children }: FrameProps) {
  const me = useMe(isSignedIn());
  const go = async (url: string) => {
    if (unsavedIn && !(await confirmDiscard(unsavedIn))) return;
    void Taro.redirectTo({ url });
  };
  // Read defensively: the frame must never be what breaks a page.
  const committee = me.data?.memberships?.some((m) => m.role === Role.Committee) ?? false;
  const { unread } = useUnreadCount(committee);
  /** A place about one campaign: the one in view, else the newest the committee sees. */
  const openCampaignPlace = async (route: string) => {
    if (campaignId) return void go(withQuery(route, { campaignId }));
    // Asked for only now: most pages have no use for the list. A failure is shown by the client as a toast.
    const campaigns = await campaignsApi.list().catch(() => undefined);
    if (!campaigns) return;
    if (campaigns[0]) void go(withQuery(route, { campaignId: campaigns[0].id }));
    else void Taro.showToast({ title: '暂无活动，请先新建活动', icon: 'none' });
  };
  const places: { place: ConsolePlace; label: string; open: () => void; count?: number }[] = [
    { place: 'campaigns', label: '活动', open: () => void go(Routes.home) },
    { place: 'units', label: '单位', open: () => void go(Routes.consoleUnits) },
    { place: 'invites', label: '成员与邀请', open: () => void go(Routes.consoleInvites) },
    { place: 'review', label: '报告审核', open: () => void openCampaignPlace(Routes.reportReview) },
    { place: 'statistics', label: '统计', open: () => void openCampaignPlace(Routes.consoleStatistics) },
    { place: 'completeness', label: '完成情况', open: () => void openCampaignPlace(Routes.consoleCompleteness) },
    { place: 'reminders', label: '提醒', open: () => void openCampaignPlace(Routes.consoleReminders) },
    { place: 'hazards', label: '隐患举报', open: () => void openCampaignPlace(Routes.consoleHazards) },
    { place: 'inbox', label: '消息', open: () => void go(Routes.inbox), count: unread },
  ];

  return (
    <View className={committee ? 'console-frame' : undefined}>
      {committee ? (
        <View className='console-frame__nav' role='navigation' aria-label='控制台导航'>
          <Text className='console-frame__brand'>安全月 · 安委办</Text>
          {places.map(({ place, label, open, count }) => (
            <View
              key={place}
              className={`console-frame__link${place === current ? ' console-frame__link--current' : ''}`}
              aria-current={place === current ? 'page' : undefined}
              onClick={open}
            >
              <Text>{label}</Text>
              <UnreadCount count={count ?? 0} />
            </View>
          ))}
        </View>
      ) : null}
      <View className={committee ? 'console-frame__main' : undefined}>
        {committee ? (
          <View className='console-frame__crumbs' aria-label='当前位置'>
            {crumbs.map((crumb, index) => (
              <View className='console-frame__crumb' key={`${index}-${crumb.label}`}>
                {index > 0 ? <Text className='console-frame__sep'>›</Text> : null}
                {crumb.url && index < crumbs.length - 1 ? (
                  <Text className='link' onClick={() => void go(crumb.url as string)}>
                    {crumb.label}
                  </Text>
                ) : (
                  <Text className='console-frame__here'>{crumb.label}</Text>
                )}
              </View>
            ))}
          </View>
        ) : null}
        {children}
      </View>
    </View>
  );
}

/**
 * The committee's console frame: side navigation and breadcrumb around a console page in the h5
 * build at ≥ 1024 px. In weapp it is only the page (compiled away), so the main package stays small.
 */
export function ConsoleFrame(props: FrameProps) {
  if (process.env.TARO_ENV !== 'h5') return <>{props.children}</>;
  return <DesktopFrame {...props} />;
}
