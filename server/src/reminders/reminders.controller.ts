import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ManualReminderResponse, ReminderPoliciesDto } from '@safemonth/shared';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { ManualReminderDto, ReplaceReminderPoliciesDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

/**
 * The committee of the organizing unit sets the campaign's reminder policies; a committee reminds
 * the units of its subtree now (the whole campaign: the organizing unit's, checked by the service).
 */
@ApiTags('reminders')
@Controller('campaigns/:campaignId')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('reminder-policies')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  policies(@Param('campaignId') campaignId: string): Promise<ReminderPoliciesDto> {
    return this.reminders.policiesOf(campaignId);
  }

  /** Replaces the default and every deliverable's own policy (one left out follows the default). */
  @Put('reminder-policies')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  replacePolicies(@Param('campaignId') campaignId: string, @Body() body: ReplaceReminderPoliciesDto): Promise<ReminderPoliciesDto> {
    return this.reminders.replacePolicies(campaignId, body);
  }

  /** Reminds now every unit owing the instance in the subtree of `unitId` (or the campaign); queued, sent by the outbox's workers. */
  @Post('reminders')
  @HttpCode(202)
  @Access('unit.manage', { body: 'unitId', optional: true })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  async remind(@Param('campaignId') campaignId: string, @Body() body: ManualReminderDto, @CurrentActor() actor: Actor): Promise<ManualReminderResponse> {
    return { queued: await this.reminders.remindNow(actor, campaignId, body) };
  }
}
