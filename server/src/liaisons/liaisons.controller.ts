import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LiaisonRegistrationDto, Page } from '@safemonth/shared';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { ListLiaisonsQuery, LiaisonRegistrationDto as RegistrationBody } from './liaisons.dto';
import { LiaisonsService } from './liaisons.service';

@ApiTags('liaisons')
@Controller('campaigns/:id/liaisons')
export class LiaisonsController {
  constructor(private readonly liaisons: LiaisonsService) {}

  /** A page of the registrations the caller may see (`mine`: only their own); the export has them all. */
  @Get()
  @Access('campaign.read', { param: 'id', via: 'campaign' })
  list(@Param('id') id: string, @Query() query: ListLiaisonsQuery, @CurrentActor() actor: Actor): Promise<Page<LiaisonRegistrationDto>> {
    return this.liaisons.list(id, actor, { mine: query.mine === 'true', page: query.page, size: query.size });
  }

  /** The caller's own answers for one of their units. */
  @Put('mine')
  @Access('campaign.read', { param: 'id', via: 'campaign' })
  @Access('liaison.register', { body: 'unitId' })
  register(@Param('id') id: string, @Body() body: RegistrationBody, @CurrentActor() actor: Actor): Promise<LiaisonRegistrationDto> {
    return this.liaisons.register(id, actor.personId, body.unitId, body.values);
  }

  @Get('export')
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async export(@Param('id') id: string): Promise<StreamableFile> {
    const { fileName, bytes } = await this.liaisons.exportWorkbook(id);
    return new StreamableFile(bytes, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="liaisons.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
