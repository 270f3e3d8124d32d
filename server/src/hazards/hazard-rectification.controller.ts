import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { HazardCountsDto, HazardMediaDto, Page, RectificationCaseDto } from '@safemonth/shared';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { PageQueryDto } from '../common/paging';
import { MultipartUpload } from '../common/multipart';
import { FILE_FIELD } from '../media/upload';
import { HazardHandlingService } from './hazard-handling.service';
import { RectificationDoneDto } from './hazards.dto';

/**
 * The responsible unit's side of hazard reports (its rectifications; never the reporter), the
 * 隐患清零 counts, and the cases' photos and videos.
 */
@ApiTags('hazards')
@Controller()
export class HazardRectificationController {
  constructor(private readonly handling: HazardHandlingService) {}

  @Get('campaigns/:campaignId/units/:unitId/rectifications')
  @Access('hazard.rectify', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  list(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string, @Query() query: PageQueryDto): Promise<Page<RectificationCaseDto>> {
    return this.handling.listRectifications(campaignId, unitId, query);
  }

  @Get('rectifications/:hazardId')
  @Access('hazard.rectify', { param: 'hazardId', via: 'rectification' })
  get(@Param('hazardId') hazardId: string): Promise<RectificationCaseDto> {
    return this.handling.getRectification(hazardId);
  }

  /** One photo or video of the rectification per request (multipart, field `file`), kept as taken. */
  @Post('rectifications/:hazardId/media')
  @MultipartUpload()
  @ApiBody({ schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } } } })
  @Access('hazard.rectify', { param: 'hazardId', via: 'rectification' })
  upload(@Param('hazardId') hazardId: string, @Req() request: FastifyRequest): Promise<HazardMediaDto> {
    return this.handling.uploadRectificationMedia(hazardId, request.raw);
  }

  @Post('rectifications/:hazardId/done')
  @HttpCode(200)
  @Access('hazard.rectify', { param: 'hazardId', via: 'rectification' })
  done(@Param('hazardId') hazardId: string, @Body() body: RectificationDoneDto, @CurrentActor() actor: Actor): Promise<RectificationCaseDto> {
    return this.handling.done(actor, hazardId, body);
  }

  /** 隐患清零: open, overdue and closed verified hazards of the unit, its subtree and (a page of) its children's subtrees. */
  @Get('campaigns/:campaignId/units/:unitId/hazard-counts')
  @Access('unit.read', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  counts(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string, @Query() query: PageQueryDto): Promise<HazardCountsDto> {
    return this.handling.counts(campaignId, unitId, query);
  }

  /** Whoever may see it is decided by the service (a designated handler, or the responsible unit); anyone else finds nothing. */
  @Get('hazard-media/:id')
  @SignedIn()
  @Header('Cache-Control', 'private')
  @Header('X-Content-Type-Options', 'nosniff')
  async file(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return send(await this.handling.openMedia(actor, id, 'original'));
  }

  @Get('hazard-media/:id/thumbnail')
  @SignedIn()
  @Header('Cache-Control', 'private')
  @Header('X-Content-Type-Options', 'nosniff')
  async thumbnail(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return send(await this.handling.openMedia(actor, id, 'thumbnail'));
  }
}

/** Streamed from the storage, never read whole. */
function send(file: Awaited<ReturnType<HazardHandlingService['openMedia']>>): StreamableFile {
  return new StreamableFile(file.body, { type: file.mime, length: file.size });
}
