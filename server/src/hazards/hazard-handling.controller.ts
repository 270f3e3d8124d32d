import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HazardCaseDto, HazardSummaryDto, Page } from '@safemonth/shared';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { HazardHandlingService } from './hazard-handling.service';
import { AssignRectificationDto, ListHazardsQuery, RejectHazardDto, ReopenHazardDto, RewardDto, TypicalCaseDto } from './hazards.dto';

/**
 * The handlers' side of hazard reports: the queue, a case, and the workflow's steps. The access
 * rules let the committee over the organizing unit through; the service further requires the
 * campaign's designation as a handler. Each step answers the case as it is now.
 */
@ApiTags('hazards')
@Controller()
export class HazardHandlingController {
  constructor(private readonly handling: HazardHandlingService) {}

  @Get('campaigns/:campaignId/hazards')
  @Access('hazard.handle', { param: 'campaignId', via: 'campaign' })
  list(@Param('campaignId') campaignId: string, @Query() query: ListHazardsQuery, @CurrentActor() actor: Actor): Promise<Page<HazardSummaryDto>> {
    const { page, size, overdue, typical, ...filter } = query;
    const flag = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');
    return this.handling.list(actor, campaignId, { ...filter, overdue: flag(overdue), typical: flag(typical) }, { page, size });
  }

  @Get('hazards/:id')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.get(actor, id);
  }

  @Post('hazards/:id/start-verification')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  startVerification(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.startVerification(actor, id);
  }

  @Post('hazards/:id/verify')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  verify(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.verify(actor, id);
  }

  @Post('hazards/:id/reject')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  reject(@Param('id') id: string, @Body() body: RejectHazardDto, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.reject(actor, id, body.reason);
  }

  @Post('hazards/:id/assign')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  assign(@Param('id') id: string, @Body() body: AssignRectificationDto, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.assign(actor, id, body);
  }

  @Post('hazards/:id/close')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  close(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.close(actor, id);
  }

  @Post('hazards/:id/reopen')
  @HttpCode(200)
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  reopen(@Param('id') id: string, @Body() body: ReopenHazardDto, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.reopen(actor, id, body.comment, body.dueDate);
  }

  @Put('hazards/:id/reward')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  setReward(@Param('id') id: string, @Body() body: RewardDto, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.setReward(actor, id, body);
  }

  @Delete('hazards/:id/reward')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  removeReward(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.removeReward(actor, id);
  }

  @Put('hazards/:id/typical')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  setTypical(@Param('id') id: string, @Body() body: TypicalCaseDto, @CurrentActor() actor: Actor): Promise<HazardCaseDto> {
    return this.handling.setTypical(actor, id, body);
  }
}
