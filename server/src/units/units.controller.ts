import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, UnitDto, UnitImportResponse } from '@safemonth/shared';
import { Access, CurrentActor } from '../auth/access.decorators';
import { Actor, readableScopes } from '../auth/policy';
import type { FastifyRequest } from 'fastify';
import { MultipartUpload, readSmallFile } from '../common/multipart';
import { CreateUnitDto, ListUnitsQuery, MoveUnitDto, UpdateUnitDto } from './units.dto';
import { toUnitDto, UnitsService } from './units.service';

const IMPORT_FILE_LIMIT = 2 * 1024 * 1024;

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /**
   * A page of the units the caller may see, or of one subtree of them (`under`), optionally
   * without one unit's subtree (`outside`), optionally searched by name.
   */
  @Get()
  @Access('unit.read', { query: 'under', optional: true })
  @Access('unit.read', { query: 'outside', optional: true })
  async list(@Query() query: ListUnitsQuery, @CurrentActor() actor: Actor): Promise<Page<UnitDto>> {
    const under = query.under ? await this.units.get(query.under) : undefined;
    const outside = query.outside ? await this.units.get(query.outside) : undefined;
    const found = await this.units.list(readableScopes(actor), {
      q: query.q,
      within: under?.path,
      outside: outside?.path,
      page: query.page,
      size: query.size,
      sort: query.sort,
      order: query.order,
    });
    return { ...found, items: found.items.map(toUnitDto) };
  }

  @Get(':id')
  @Access('unit.read', { param: 'id' })
  async get(@Param('id') id: string): Promise<UnitDto> {
    return toUnitDto(await this.units.get(id));
  }

  @Post()
  @Access('unit.manage', { body: 'parentId' })
  async create(@Body() body: CreateUnitDto): Promise<UnitDto> {
    return toUnitDto(await this.units.create(body));
  }

  @Patch(':id')
  @Access('unit.manage', { param: 'id' })
  async update(@Param('id') id: string, @Body() body: UpdateUnitDto): Promise<UnitDto> {
    return toUnitDto(await this.units.update(id, body));
  }

  /** The same as PATCH, for the mini program: WeChat's `wx.request` cannot send PATCH. */
  @Put(':id')
  @Access('unit.manage', { param: 'id' })
  updateByPut(@Param('id') id: string, @Body() body: UpdateUnitDto): Promise<UnitDto> {
    return this.update(id, body);
  }

  @Post(':id/move')
  @Access('unit.move', { param: 'id' })
  @Access('unit.manage', { body: 'parentId' })
  async move(@Param('id') id: string, @Body() body: MoveUnitDto): Promise<UnitDto> {
    return toUnitDto(await this.units.move(id, body.parentId));
  }

  /** Removes an empty unit; the same rule as moving it: never one's own top unit. */
  @Delete(':id')
  @HttpCode(204)
  @Access('unit.move', { param: 'id' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.units.remove(id);
  }

  /** Creates units under this one from an XLSX or CSV list; all rows or none. */
  @Post(':id/import')
  @MultipartUpload()
  @Access('unit.manage', { param: 'id' })
  async import(@Param('id') id: string, @Req() request: FastifyRequest): Promise<UnitImportResponse> {
    const file = await readSmallFile(request.raw, { field: 'file', maxBytes: IMPORT_FILE_LIMIT, tooLarge: '导入文件过大（上限 2 MB）', missing: '请选择要导入的文件（.xlsx 或 .csv）' });
    const created = await this.units.importFile(id, file);
    return { created: created.map(toUnitDto) };
  }
}
