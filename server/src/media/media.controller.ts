import { Controller, Get, Header, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { MediaDto } from '@safemonth/shared';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { MultipartUpload } from '../common/multipart';
import { MediaService } from './media.service';
import { StoredFile } from './storage';
import { FILE_FIELD } from './upload';

/** Streamed from the storage, never read whole. */
const send = (file: StoredFile & { mime: string }) => new StreamableFile(file.body, { type: file.mime, length: file.size });

@ApiTags('media')
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /** One photo or video per request, as `wx.uploadFile` sends it (multipart, field `file`). */
  @Post('campaigns/:campaignId/units/:unitId/media')
  @MultipartUpload()
  @ApiBody({ schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } } } })
  @Access('report.create', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  async upload(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<MediaDto> {
    const media = await this.media.upload(campaignId, unitId, actor.personId, request.raw);
    return this.media.toDto(media);
  }

  @Get('media/:id')
  @Access('report.read', { param: 'id', via: 'media' })
  @Header('Cache-Control', 'private')
  @Header('X-Content-Type-Options', 'nosniff')
  async file(@Param('id') id: string): Promise<StreamableFile> {
    return send(await this.media.open(id, 'original'));
  }

  @Get('media/:id/thumbnail')
  @Access('report.read', { param: 'id', via: 'media' })
  @Header('Cache-Control', 'private')
  @Header('X-Content-Type-Options', 'nosniff')
  async thumbnail(@Param('id') id: string): Promise<StreamableFile> {
    return send(await this.media.open(id, 'thumbnail'));
  }
}
