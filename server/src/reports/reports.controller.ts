import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BulkAcceptResponse, Page, ReportDto, UnitTotalsDto } from '@safemonth/shared';
import { Access, CurrentActor, SignedIn } from '../auth/access.decorators';
import { Actor } from '../auth/policy';
import { BulkAcceptDto, CreateReportDto, ListReportsQuery, ReportInputDto, ReviewReportDto } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Files a report; the same idempotency key sent again answers with the same report. */
  @Post('reports')
  @Access('report.create', { body: 'unitId' })
  @Access('campaign.read', { body: 'campaignId', via: 'campaign' })
  async create(@Body() body: CreateReportDto, @CurrentActor() actor: Actor): Promise<ReportDto> {
    return this.reports.create(actor, body);
  }

  @Post('reports/bulk-accept')
  @HttpCode(200)
  @SignedIn()
  bulkAccept(@Body() body: BulkAcceptDto, @CurrentActor() actor: Actor): Promise<BulkAcceptResponse> {
    return this.reports.bulkAccept(actor, body.reportIds);
  }

  @Get('reports/:id')
  @Access('report.read', { param: 'id', via: 'report' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ReportDto> {
    return this.one(await this.reports.get(id), actor);
  }

  /** The reporter's edit; the report goes back to review. */
  @Put('reports/:id')
  @Access('report.create', { param: 'id', via: 'report' })
  async update(@Param('id') id: string, @Body() body: ReportInputDto, @CurrentActor() actor: Actor): Promise<ReportDto> {
    await this.reports.update(actor, id, body);
    return this.one(await this.reports.get(id), actor);
  }

  @Delete('reports/:id')
  @HttpCode(204)
  @Access('report.read', { param: 'id', via: 'report' })
  async remove(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.reports.remove(actor, id);
  }

  @Post('reports/:id/review')
  @HttpCode(200)
  @Access('report.review', { param: 'id', via: 'report' })
  async review(@Param('id') id: string, @Body() body: ReviewReportDto, @CurrentActor() actor: Actor): Promise<ReportDto> {
    await this.reports.review(actor, id, body.action, body.comment);
    return this.one(await this.reports.get(id), actor);
  }

  @Get('campaigns/:id/reports')
  @Access('campaign.read', { param: 'id', via: 'campaign' })
  @Access('report.read', { query: 'unitId', optional: true })
  list(@Param('id') id: string, @Query() query: ListReportsQuery, @CurrentActor() actor: Actor): Promise<Page<ReportDto>> {
    const { page, size, sort, order, mine, ...filter } = query;
    return this.reports.list(actor, id, { ...filter, mine: mine === 'true' }, { page, size, sort, order });
  }

  /** A unit's running totals per statistics field: accepted reports' contributions and the liaison's manual entries. */
  @Get('campaigns/:id/units/:unitId/totals')
  @Access('campaign.read', { param: 'id', via: 'campaign' })
  @Access('report.read', { param: 'unitId' })
  totals(@Param('id') id: string, @Param('unitId') unitId: string): Promise<UnitTotalsDto> {
    return this.reports.unitTotals(id, unitId);
  }

  private async one(report: Parameters<ReportsService['toDtos']>[0][number], actor: Actor): Promise<ReportDto> {
    const [dto] = await this.reports.toDtos([report], actor);
    return dto;
  }
}
