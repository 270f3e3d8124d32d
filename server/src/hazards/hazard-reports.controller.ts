import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  CreateHazardResponse,
  HazardCampaignDto,
  HazardFollowUpDto,
  HazardMediaDto,
  HazardMessageDto,
  HAZARD_PASS_HEADER,
  HazardPassDto,
  HazardReporterDto,
  IdentityAccessDto,
  Page,
} from '@safemonth/shared';
import type { FastifyRequest } from 'fastify';
import { Access, ActorIfAny, CurrentActor, OptionalSignIn, Public, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { ClientAddressUnlogged } from '../common/logger';
import { MultipartUpload } from '../common/multipart';
import { PageQueryDto } from '../common/paging';
import { FILE_FIELD } from '../media/upload';
import { HazardReportsService } from './hazard-reports.service';
import { CreateHazardDto, HazardMessageInputDto, ReceiptCodeDto, ReceiptMessageDto } from './hazards.dto';

/**
 * Reporting hidden hazards and following them up. No log line of these endpoints names the
 * caller's address (`@ClientAddressUnlogged`); the handlers' endpoints at the end are ordinary.
 */
@ApiTags('hazards')
@Controller()
export class HazardReportsController {
  constructor(private readonly reports: HazardReportsService) {}

  /** The campaigns taking reports from the caller: the public ones, and for the signed-in those they can see. */
  @Get('hazard-campaigns')
  @ClientAddressUnlogged()
  @OptionalSignIn()
  campaigns(@ActorIfAny() actor: Actor | null): Promise<HazardCampaignDto[]> {
    return this.reports.campaignsFor(actor);
  }

  /** A pass for anonymous reports to a campaign taking reports from its own people only, which the report then carries instead of a token. */
  @Post('campaigns/:campaignId/hazard-pass')
  @HttpCode(200)
  @ClientAddressUnlogged()
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  pass(@Param('campaignId') campaignId: string): Promise<HazardPassDto> {
    return this.reports.pass(campaignId);
  }

  /** One photo or video per request (multipart, field `file`), every metadata stripped before it is stored: for an anonymous report with the pass header or no token, else for a named one. */
  @Post('campaigns/:campaignId/hazard-media')
  @ClientAddressUnlogged()
  @MultipartUpload()
  @ApiBody({ schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } } } })
  @OptionalSignIn()
  upload(
    @Param('campaignId') campaignId: string,
    @Req() request: FastifyRequest,
    @ActorIfAny() actor: Actor | null,
    @Headers(HAZARD_PASS_HEADER) pass: string | undefined,
  ): Promise<HazardMediaDto> {
    return this.reports.upload(campaignId, actor, pass, request.raw);
  }

  /** Files a report: named (signed in), or anonymous (no token looked at; the pass header where the campaign wants it). */
  @Post('campaigns/:campaignId/hazards')
  @ClientAddressUnlogged()
  @OptionalSignIn()
  create(
    @Param('campaignId') campaignId: string,
    @Body() body: CreateHazardDto,
    @ActorIfAny() actor: Actor | null,
    @Ip() ip: string,
    @Headers(HAZARD_PASS_HEADER) pass: string | undefined,
  ): Promise<CreateHazardResponse> {
    return this.reports.create(campaignId, body, actor, ip, pass);
  }

  @Post('hazard-receipts/lookup')
  @HttpCode(200)
  @ClientAddressUnlogged()
  @Public()
  lookup(@Body() body: ReceiptCodeDto, @Ip() ip: string): Promise<HazardFollowUpDto> {
    return this.reports.lookup(body.code, ip);
  }

  @Post('hazard-receipts/messages')
  @ClientAddressUnlogged()
  @Public()
  messageByCode(@Body() body: ReceiptMessageDto, @Ip() ip: string): Promise<HazardFollowUpDto> {
    return this.reports.messageByCode(body.code, body.body, ip);
  }

  @Get('hazards/mine')
  @ClientAddressUnlogged()
  @SignedIn()
  mine(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<HazardFollowUpDto>> {
    return this.reports.mine(actor, query);
  }

  @Get('hazards/mine/:id')
  @ClientAddressUnlogged()
  @SignedIn()
  myOne(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardFollowUpDto> {
    return this.reports.myOne(actor, id);
  }

  @Post('hazards/mine/:id/messages')
  @ClientAddressUnlogged()
  @SignedIn()
  myMessage(@Param('id') id: string, @Body() body: HazardMessageInputDto, @CurrentActor() actor: Actor): Promise<HazardFollowUpDto> {
    return this.reports.myMessage(actor, id, body.body);
  }

  /** A designated handler's message to the reporter. */
  @Post('hazards/:id/messages')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  handlerMessage(@Param('id') id: string, @Body() body: HazardMessageInputDto, @CurrentActor() actor: Actor): Promise<HazardMessageDto> {
    return this.reports.handlerMessage(actor, id, body.body);
  }

  /** Who made the report: designated handlers only, each read written to the audit log. */
  @Get('hazards/:id/reporter')
  @Access('hazard.handle', { param: 'id', via: 'hazard' })
  reporter(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HazardReporterDto> {
    return this.reports.reporter(actor, id);
  }

  /** The audit log of reads of reporters' identities, newest first. */
  @Get('campaigns/:campaignId/hazard-identity-log')
  @Access('campaign.manage', { param: 'campaignId', via: 'campaign' })
  identityLog(@Param('campaignId') campaignId: string, @Query() query: PageQueryDto): Promise<Page<IdentityAccessDto>> {
    return this.reports.identityLog(campaignId, query);
  }
}
