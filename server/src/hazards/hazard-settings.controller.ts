import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HazardSettingsDto } from '@safemonth/shared';
import { Access } from '../auth/access.decorators';
import { HazardHandlingService } from './hazard-handling.service';
import { HazardSettingsService } from './hazard-settings.service';
import { UpdateHazardSettingsDto } from './hazards.dto';

@ApiTags('hazards')
@Controller()
export class HazardSettingsController {
  constructor(
    private readonly settings: HazardSettingsService,
    private readonly handling: HazardHandlingService,
  ) {}

  @Get('campaigns/:campaignId/hazard-settings')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  get(@Param('campaignId') campaignId: string): Promise<HazardSettingsDto> {
    return this.settings.settings(campaignId);
  }

  @Put('campaigns/:campaignId/hazard-settings')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  update(@Param('campaignId') campaignId: string, @Body() body: UpdateHazardSettingsDto): Promise<HazardSettingsDto> {
    return this.handling.updateSettings(campaignId, body);
  }
}
