import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { extname } from 'node:path';
import { ExportJobDto } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { CONTENT_TYPES } from './export-files';
import { CreateExportDto } from './exports.dto';
import { ExportsService } from './exports.service';

/**
 * Exports of a campaign's tables, completeness and reports: asked for by whoever may see the unit's
 * reports (the same access as its statistics table), made in the background and polled for; a job
 * is seen only by who may see its unit's reports (checked by the service: a job is no access target).
 */
@ApiTags('exports')
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  // An export holds the whole subtree (reports, tables, liaisons' phones): for those who see the
  // unit's members (its committee and liaisons), never its staff.
  @Post('campaigns/:campaignId/exports')
  @HttpCode(202)
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('member.read', { body: 'unitId' })
  create(@Param('campaignId') campaignId: string, @Body() body: CreateExportDto, @CurrentActor() actor: Actor): Promise<ExportJobDto> {
    return this.exports.create(actor, campaignId, body);
  }

  @Get('exports/:id')
  @SignedIn()
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ExportJobDto> {
    return this.exports.get(actor, id);
  }

  @Get('exports/:id/file')
  @SignedIn()
  async file(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { fileName, size, body } = await this.exports.open(actor, id);
    const extension = extname(fileName);
    return new StreamableFile(body, {
      type: CONTENT_TYPES[extension],
      length: size,
      // An ASCII name for old clients, the Chinese one by RFC 5987.
      disposition: `attachment; filename="export${extension}"; filename*=UTF-8''${rfc5987(fileName)}`,
    });
  }
}

/** A file name as RFC 5987 writes it: percent-encoded UTF-8, `'()*` included (encodeURIComponent leaves them). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
