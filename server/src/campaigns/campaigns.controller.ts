import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CampaignDto, CampaignSummaryDto, CampaignTemplateSummary } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import {
  CloneCampaignDto,
  CreateCampaignDto,
  CreateFromTemplateDto,
  ReplaceDeliverablesDto,
  ReplaceItemsDto,
  UpdateCampaignDto,
} from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

@ApiTags('campaigns')
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('campaign-templates')
  @SignedIn()
  templates(): CampaignTemplateSummary[] {
    return this.campaigns.templates();
  }

  @Get('campaigns')
  @SignedIn()
  list(@CurrentActor() actor: Actor): Promise<CampaignSummaryDto[]> {
    return this.campaigns.listFor(actor);
  }

  @Post('campaigns')
  @Access('campaign.manage', { body: 'organizingUnitId' })
  async create(@Body() body: CreateCampaignDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    const campaign = await this.campaigns.create(body);
    return this.campaigns.view(campaign.id, actor);
  }

  @Post('campaigns/from-template')
  @Access('campaign.manage', { body: 'organizingUnitId' })
  async fromTemplate(@Body() body: CreateFromTemplateDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    const campaign = await this.campaigns.createFromTemplate(body.templateId, body.organizingUnitId, body.year, body.title);
    return this.campaigns.view(campaign.id, actor);
  }

  @Get('campaigns/:id')
  @Access('campaign.read', { param: 'id', via: 'campaign' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    return this.campaigns.view(id, actor);
  }

  /** PUT with only the settings to change (the mini program cannot send PATCH). */
  @Put('campaigns/:id')
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async update(@Param('id') id: string, @Body() body: UpdateCampaignDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    await this.campaigns.update(id, body);
    return this.campaigns.view(id, actor);
  }

  @Put('campaigns/:id/items')
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async replaceItems(@Param('id') id: string, @Body() body: ReplaceItemsDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    await this.campaigns.replaceItems(id, body);
    return this.campaigns.view(id, actor);
  }

  @Put('campaigns/:id/deliverables')
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async replaceDeliverables(@Param('id') id: string, @Body() body: ReplaceDeliverablesDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    await this.campaigns.replaceDeliverables(id, body);
    return this.campaigns.view(id, actor);
  }

  @Post('campaigns/:id/publish')
  @HttpCode(200)
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async publish(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    await this.campaigns.publish(id);
    return this.campaigns.view(id, actor);
  }

  @Post('campaigns/:id/clone')
  @Access('campaign.manage', { param: 'id', via: 'campaign' })
  async clone(@Param('id') id: string, @Body() body: CloneCampaignDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    const campaign = await this.campaigns.clone(id, body.year);
    return this.campaigns.view(campaign.id, actor);
  }
}
