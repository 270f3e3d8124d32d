import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { DeliverableStatusDto, DocumentDto, HandInDto, MissingUnitDto, Page, UnitRankingDto } from '@safemonth/shared';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { MultipartUpload } from '../common/multipart';
import { HandInStatusQuery, ReviewHandInDto, SubmitHandInDto } from './deliverables.dto';
import { DeliverablesService } from './deliverables.service';

/**
 * Who does what: the unit's own liaison hands in (the policy's `liaison.register`: a liaison of
 * that very unit, as for its liaison form), the committee over the unit reviews (`unit.manage`),
 * and whoever sees the unit's reports sees its hand-ins and statuses; liaisons' phones go to those
 * who see its members.
 */
@ApiTags('deliverables')
@Controller()
export class DeliverablesController {
  constructor(private readonly deliverables: DeliverablesService) {}

  /** One document per request (multipart, field `file`), to be named in a hand-in. */
  @Post('campaigns/:campaignId/units/:unitId/documents')
  @MultipartUpload()
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Access('liaison.register', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  uploadDocument(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentDto> {
    return this.deliverables.uploadDocument(campaignId, unitId, actor.personId, request.raw);
  }

  /** Hands in an instance of a deliverable, or hands it in again. */
  @Post('hand-ins')
  @HttpCode(200)
  @Access('liaison.register', { body: 'unitId' })
  @Access('campaign.read', { body: 'campaignId', via: 'campaign' })
  submit(@Body() body: SubmitHandInDto, @CurrentActor() actor: Actor): Promise<HandInDto> {
    return this.deliverables.submit(actor, body);
  }

  @Get('campaigns/:campaignId/units/:unitId/hand-ins/:deliverableId/:periodKey')
  @Access('report.read', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  get(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Param('deliverableId') deliverableId: string,
    @Param('periodKey') periodKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<HandInDto> {
    return this.deliverables.get(actor, campaignId, unitId, deliverableId, periodKey);
  }

  @Post('campaigns/:campaignId/units/:unitId/hand-ins/:deliverableId/:periodKey/review')
  @HttpCode(200)
  @Access('unit.manage', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  review(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Param('deliverableId') deliverableId: string,
    @Param('periodKey') periodKey: string,
    @Body() body: ReviewHandInDto,
    @CurrentActor() actor: Actor,
  ): Promise<HandInDto> {
    return this.deliverables.review(actor, { campaignId, unitId, deliverableId, periodKey }, body.action, body.comment);
  }

  /** Completeness of a subtree: per instance the counts and rates, per unit (a page) its statuses. */
  @Get('campaigns/:campaignId/hand-in-status')
  @Access('report.read', { query: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  status(@Param('campaignId') campaignId: string, @Query() query: HandInStatusQuery, @CurrentActor() actor: Actor): Promise<DeliverableStatusDto> {
    const { unitId, ...page } = query;
    return this.deliverables.status(actor, campaignId, unitId, page);
  }

  /** The direct children of a unit (each with its subtree), best first by on-time rate, then reporting rate, over the instances due by now. */
  @Get('campaigns/:campaignId/hand-in-status/ranking')
  @Access('report.read', { query: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  ranking(@Param('campaignId') campaignId: string, @Query() query: HandInStatusQuery, @CurrentActor() actor: Actor): Promise<Page<UnitRankingDto>> {
    const { unitId, ...page } = query;
    return this.deliverables.ranking(actor, campaignId, unitId, page);
  }

  /** The units of a subtree behind on one instance, with their liaisons' names and phones. */
  @Get('campaigns/:campaignId/hand-in-status/:deliverableId/:periodKey/missing')
  @Access('member.read', { query: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  missing(
    @Param('campaignId') campaignId: string,
    @Param('deliverableId') deliverableId: string,
    @Param('periodKey') periodKey: string,
    @Query() query: HandInStatusQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<MissingUnitDto>> {
    const { unitId, ...page } = query;
    return this.deliverables.missing(actor, campaignId, deliverableId, periodKey, unitId, page);
  }
}
