import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthResponse } from '@safemonth/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { isEmbedded } from '../database/data-source';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when the database answers, 503 when it does not (for load balancers and monitoring). */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthResponse> {
    let reachable = true;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
    } catch {
      reachable = false;
    }
    if (!reachable) response.status(503);
    const driver = isEmbedded(this.dataSource) ? 'sqlite' : this.dataSource.options.type;
    return { status: reachable ? 'ok' : 'degraded', database: { driver, reachable } };
  }
}
