import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FieldAnswerDto, ManualEntryDto, StatisticsTableDto, TableSubmissionDto } from '@safemonth/shared';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { CreateManualEntryDto, ReviewTableDto, SetFieldAnswerDto, StatisticsTableQuery, SubmitTableDto } from './statistics.dto';
import { StatisticsTableService } from './statistics-table.service';

/**
 * A unit's statistics table in a campaign: seen by whoever may see the unit's reports, filled in
 * (manual entries, answers) by whoever may review them: the unit's liaison, the committee over it.
 * The unit's own liaison hands it in (`liaison.register`: a liaison of that very unit), the
 * committee over the unit reviews it (`unit.manage`), as for deliverable hand-ins.
 */
@ApiTags('statistics')
@Controller('campaigns/:campaignId/units/:unitId')
export class StatisticsController {
  constructor(private readonly tables: StatisticsTableService) {}

  @Get('statistics')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.read', { param: 'unitId' })
  table(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Query() query: StatisticsTableQuery,
    @CurrentActor() actor: Actor,
  ): Promise<StatisticsTableDto> {
    return this.tables.table(actor, campaignId, unitId, query.scope ?? 'unit');
  }

  @Get('manual-entries')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.read', { param: 'unitId' })
  manualEntries(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string): Promise<ManualEntryDto[]> {
    return this.tables.manualEntries(campaignId, unitId);
  }

  @Post('manual-entries')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.review', { param: 'unitId' })
  addManualEntry(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body() body: CreateManualEntryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ManualEntryDto> {
    return this.tables.addManualEntry(actor, campaignId, unitId, body);
  }

  @Delete('manual-entries/:entryId')
  @HttpCode(204)
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.review', { param: 'unitId' })
  async removeManualEntry(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string, @Param('entryId') entryId: string): Promise<void> {
    await this.tables.removeManualEntry(campaignId, unitId, entryId);
  }

  @Put('answers/:fieldId')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.review', { param: 'unitId' })
  async setAnswer(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Param('fieldId') fieldId: string,
    @Body() body: SetFieldAnswerDto,
    @CurrentActor() actor: Actor,
  ): Promise<FieldAnswerDto> {
    return (await this.tables.answer(actor, campaignId, unitId, fieldId, body.value)) as FieldAnswerDto;
  }

  @Delete('answers/:fieldId')
  @HttpCode(204)
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.review', { param: 'unitId' })
  async clearAnswer(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Param('fieldId') fieldId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.tables.answer(actor, campaignId, unitId, fieldId, null);
  }

  /** Hands in the unit's table as it stands now (a snapshot), with its header. */
  @Post('statistics/submission')
  @Access('liaison.register', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  submit(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body() body: SubmitTableDto,
    @CurrentActor() actor: Actor,
  ): Promise<TableSubmissionDto> {
    return this.tables.submit(actor, campaignId, unitId, body);
  }

  /** The table as last handed in; 404 before any hand-in (as a deliverable's hand-in). */
  @Get('statistics/submission')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.read', { param: 'unitId' })
  submission(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string): Promise<TableSubmissionDto> {
    return this.tables.submission(campaignId, unitId);
  }

  /** Every hand-in of the table with its snapshot and review, the latest first. */
  @Get('statistics/submissions')
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  @Access('report.read', { param: 'unitId' })
  submissions(@Param('campaignId') campaignId: string, @Param('unitId') unitId: string): Promise<TableSubmissionDto[]> {
    return this.tables.submissionHistory(campaignId, unitId);
  }

  @Post('statistics/submission/review')
  @HttpCode(200)
  @Access('unit.manage', { param: 'unitId' })
  @Access('campaign.read', { param: 'campaignId', via: 'campaign' })
  review(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body() body: ReviewTableDto,
    @CurrentActor() actor: Actor,
  ): Promise<TableSubmissionDto> {
    return this.tables.review(actor, campaignId, unitId, body.action, body.comment);
  }
}
