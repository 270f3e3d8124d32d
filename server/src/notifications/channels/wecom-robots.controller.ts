import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { WecomRobotDto } from '@safemonth/shared';
import { Access } from '../../auth/access.decorators';
import { CreateWecomRobotDto, UpdateWecomRobotDto } from './channels.dto';
import { toWecomRobotDto, WecomRobotsService } from './wecom-robots.service';

/** A unit's WeCom group robots, set up by the committee over it; their webhook keys are never shown whole. */
@ApiTags('notifications')
@Controller('units/:unitId/wecom-robots')
export class WecomRobotsController {
  constructor(private readonly robots: WecomRobotsService) {}

  @Get()
  @Access('unit.manage', { param: 'unitId' })
  async list(@Param('unitId') unitId: string): Promise<WecomRobotDto[]> {
    return (await this.robots.list(unitId)).map(toWecomRobotDto);
  }

  @Post()
  @Access('unit.manage', { param: 'unitId' })
  async create(@Param('unitId') unitId: string, @Body() body: CreateWecomRobotDto): Promise<WecomRobotDto> {
    return toWecomRobotDto(await this.robots.create(unitId, body));
  }

  @Patch(':robotId')
  @Access('unit.manage', { param: 'unitId' })
  async update(@Param('unitId') unitId: string, @Param('robotId') robotId: string, @Body() body: UpdateWecomRobotDto): Promise<WecomRobotDto> {
    return toWecomRobotDto(await this.robots.update(unitId, robotId, body));
  }

  /** The same as PATCH, for the mini program: WeChat's `wx.request` cannot send PATCH. */
  @Put(':robotId')
  @Access('unit.manage', { param: 'unitId' })
  updateByPut(@Param('unitId') unitId: string, @Param('robotId') robotId: string, @Body() body: UpdateWecomRobotDto): Promise<WecomRobotDto> {
    return this.update(unitId, robotId, body);
  }

  @Delete(':robotId')
  @HttpCode(204)
  @Access('unit.manage', { param: 'unitId' })
  async remove(@Param('unitId') unitId: string, @Param('robotId') robotId: string): Promise<void> {
    await this.robots.remove(unitId, robotId);
  }
}
