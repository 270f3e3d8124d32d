import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeliveryLogEntryDto, Page } from '@safemonth/shared';
import { Access } from '../auth/access.decorators';
import { DeliveryLogQueryDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/**
 * The delivery log of a campaign's notices: for the committee that manages the campaign (not the
 * organizing unit's liaisons, who see its members), as it names people and says what each was told.
 */
@ApiTags('notifications')
@Controller()
export class DeliveryLogController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('campaigns/:campaignId/notifications')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  log(@Param('campaignId') campaignId: string, @Query() query: DeliveryLogQueryDto): Promise<Page<DeliveryLogEntryDto>> {
    return this.notifications.deliveryLog(campaignId, query);
  }
}
