import { Injectable } from '@nestjs/common';
import { CreateWecomRobotRequest, UpdateWecomRobotRequest, WecomRobotDto } from '@safemonth/shared';
import { In } from 'typeorm';
import { ApiException } from '../../common/api-exception';
import { CHINESE_ORDER } from '../../common/chinese-order';
import { Database } from '../../database/database.service';
import { isUniqueViolation } from '../../database/errors';
import { WecomRobot } from './wecom-robot.entity';

/** WeCom's webhook keys are UUIDs. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDS_AT_ONCE = 1000;

/** The key of a webhook given as WeCom shows it (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`) or as the key alone. */
export function webhookKey(webhook: string): string {
  const text = webhook.trim();
  let key = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      key = new URL(text).searchParams.get('key') ?? '';
    } catch {
      key = '';
    }
  }
  if (!KEY.test(key)) {
    throw ApiException.badRequest('群机器人的 Webhook 地址无效，请复制企业微信群机器人的完整 Webhook 地址', [
      { field: 'webhook', message: '应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 或其中的 key' },
    ]);
  }
  return key;
}

/** Enough of a key to tell robots apart, too little to guess the rest from. */
export function maskKey(key: string): string {
  return `…${key.slice(-4)}`;
}

export function toWecomRobotDto(robot: WecomRobot): WecomRobotDto {
  return {
    id: robot.id,
    unitId: robot.unitId,
    name: robot.name,
    webhookKey: maskKey(robot.webhookKey),
    textOnly: robot.textOnly,
    createdAt: robot.createdAt.toISOString(),
  };
}

/** A unit's WeCom group robots, which its committee sets up. */
@Injectable()
export class WecomRobotsService {
  constructor(private readonly database: Database) {}

  private get robots() {
    return this.database.repository(WecomRobot);
  }

  find(id: string): Promise<WecomRobot | null> {
    return this.robots.findOneBy({ id });
  }

  /** The ids of the robots of each of these units (those without robots absent), to address notices to. */
  async idsByUnit(unitIds: string[]): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>();
    // In slices, as a reminder may go to thousands of units and a statement takes only so many parameters.
    for (let start = 0; start < unitIds.length; start += IDS_AT_ONCE) {
      const where = { unitId: In(unitIds.slice(start, start + IDS_AT_ONCE)) };
      for (const robot of await this.robots.find({ select: { id: true, unitId: true }, where, order: { createdAt: 'ASC', id: 'ASC' } })) {
        ids.set(robot.unitId, [...(ids.get(robot.unitId) ?? []), robot.id]);
      }
    }
    return ids;
  }

  /**
   * The unit's robots by name in Chinese order, ties (names the collation holds equal) by id: a
   * total order, the same on every database, not one that robots made in the same instant shuffle.
   */
  async list(unitId: string): Promise<WecomRobot[]> {
    const robots = await this.robots.findBy({ unitId });
    return robots.sort((a, b) => CHINESE_ORDER.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  }

  async create(unitId: string, request: CreateWecomRobotRequest): Promise<WecomRobot> {
    const robot = this.robots.create({ unitId, name: request.name.trim(), webhookKey: webhookKey(request.webhook), textOnly: request.textOnly ?? false });
    return this.saving(() => this.robots.save(robot));
  }

  async update(unitId: string, id: string, request: UpdateWecomRobotRequest): Promise<WecomRobot> {
    const robot = await this.get(unitId, id);
    if (request.name !== undefined) robot.name = request.name.trim();
    if (request.webhook !== undefined) robot.webhookKey = webhookKey(request.webhook);
    if (request.textOnly !== undefined) robot.textOnly = request.textOnly;
    return this.saving(() => this.robots.save(robot));
  }

  async remove(unitId: string, id: string): Promise<void> {
    await this.robots.remove(await this.get(unitId, id));
  }

  /** The unit's robot; 404 for one of another unit, as for one that is not there. */
  private async get(unitId: string, id: string): Promise<WecomRobot> {
    const robot = await this.robots.findOneBy({ id, unitId });
    if (!robot) throw ApiException.notFound('该群机器人不存在');
    return robot;
  }

  private async saving(save: () => Promise<WecomRobot>): Promise<WecomRobot> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiException.conflict('本单位已有同名的群机器人', [{ field: 'name', message: '名称已被使用' }]);
      throw error;
    }
  }
}
