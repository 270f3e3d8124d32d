import { Text, View } from '@tarojs/components';
import { CAMPAIGN_STATUS_LABELS, type CampaignSummaryDto } from '@safemonth/shared';
import { Badge } from '../../components/Badge';
import { daysLeftText, formatDueShort, urgencyClass } from '../../utils/deadlines';

/** "下一截止：统计表 07月02日 24:00（还剩 3 天）" */
export function nextDeadlineText(campaign: CampaignSummaryDto, now: number): string {
  const next = campaign.nextDeadline;
  if (!next) return '暂无待截止事项';
  return `下一截止：${next.title} ${formatDueShort(next.dueAt)}（${daysLeftText(next.dueAt, now)}）`;
}

/** The campaigns that concern me, each opening its campaign page. */
export function CampaignList({ campaigns, onOpen }: { campaigns: CampaignSummaryDto[]; onOpen: (id: string) => void }) {
  if (campaigns.length === 0) return <Text className='muted'>暂无活动</Text>;
  const now = Date.now();
  return (
    <View>
      {campaigns.map((campaign) => (
        <View className='row link-row campaign-row' key={campaign.id} onClick={() => onOpen(campaign.id)}>
          <View className='row__main'>
            <View className='campaign-row__head'>
              <Text className='row__title'>{campaign.title}</Text>
              <Badge tone={campaign.status === 'draft' ? 'muted' : 'success'}>{CAMPAIGN_STATUS_LABELS[campaign.status]}</Badge>
            </View>
            <Text className='row__meta'>
              {campaign.year} 年 · {campaign.organizingUnit.name}
            </Text>
            <Text className={`row__meta ${campaign.nextDeadline ? urgencyClass(campaign.nextDeadline.dueAt, now) : ''}`}>
              {nextDeadlineText(campaign, now)}
            </Text>
          </View>
          <Text className='link-row__arrow'>›</Text>
        </View>
      ))}
    </View>
  );
}
