import { HttpStatus, Injectable } from '@nestjs/common';
import { CreateExportRequest, ErrorCode, ExportJobDto, ExportKind } from '@safemonth/shared';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { In } from 'typeorm';
import { Actor, allows } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { isEmbedded } from '../database/data-source';
import { Database } from '../database/database.service';
import { UnitsService } from '../units/units.service';
import { TABLES_PER_WORKBOOK } from './export-files';
import { ExportJob } from './export-job.entity';
import { ExportRunner } from './export-runner';
import { ExportWriter } from './export-writer';

/** What each kind of export is called in its file's name. */
const KIND_NAMES: Record<ExportKind, string> = {
  unit_table: '统计表',
  subtree_tables: '统计表（含下级单位）',
  completeness: '材料报送情况',
  reports: '活动报告',
};

/** Exports one person may have queued or running at once: each takes a runner's time and a file. */
export const EXPORTS_UNFINISHED_PER_PERSON = 3;

/** Characters that file systems refuse in a name. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|]/g;

/**
 * Export jobs as the API shows them: asked for by whoever may see the unit's reports (the guard
 * checks), read only by who may see the job's unit, made by the runners in the background.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly runner: ExportRunner,
    private readonly writer: ExportWriter,
    private readonly clock: Clock,
  ) {}

  private get jobs() {
    return this.database.repository(ExportJob);
  }

  async create(actor: Actor, campaignId: string, request: CreateExportRequest): Promise<ExportJobDto> {
    const [campaign, unit] = await Promise.all([this.campaigns.getEntity(campaignId), this.units.get(request.unitId)]);
    // Decided now, so that the name shown while it runs is the file's: a subtree that grows past the
    // limit meanwhile still comes as one workbook.
    const archive = request.kind === 'subtree_tables' && (await this.writer.tableCount(campaign, unit)) > TABLES_PER_WORKBOOK;
    const fileName = `${campaign.title}-${unit.name}-${KIND_NAMES[request.kind]}${archive ? '.zip' : '.xlsx'}`.replace(UNSAFE_IN_FILE_NAME, '_');
    const job = this.jobs.create({ campaignId, unitId: unit.id, kind: request.kind, requestedById: actor.personId, status: 'queued', fileName, createdAt: this.clock.now() });
    const saved = await this.database.transaction(async () => {
      // A locking read: it also locks the index range where another request's row would go, so that
      // requests at once, from any process, count each other (one may be run again after a deadlock).
      const lock = isEmbedded(this.jobs.manager.connection) ? {} : { lock: { mode: 'pessimistic_write' as const } };
      const unfinished = (await this.jobs.find({ select: ['id'], where: { requestedById: actor.personId, status: In(['queued', 'running']) }, ...lock })).length;
      if (unfinished >= EXPORTS_UNFINISHED_PER_PERSON) {
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `您已有 ${unfinished} 个导出正在进行，请等其完成后再导出`);
      }
      return this.jobs.save(job);
    });
    return toDto(saved);
  }

  async get(actor: Actor, id: string): Promise<ExportJobDto> {
    return toDto(await this.visible(actor, id));
  }

  /** The finished file: 409 while it is being made, 404 once it has expired. */
  async open(actor: Actor, id: string): Promise<{ fileName: string; size: number; body: Readable }> {
    const job = await this.visible(actor, id);
    if (job.status !== 'done') {
      throw ApiException.conflict(job.status === 'failed' ? (job.error ?? '导出失败') : '导出尚未完成，请稍候');
    }
    const path = this.runner.filePath(job);
    const found = await stat(path).catch(() => null);
    if (!found) throw ApiException.notFound('导出文件已过期，请重新导出');
    return { fileName: job.fileName, size: found.size, body: createReadStream(path) };
  }

  /** The job, to the person who asked for it while they still see its unit's members; else the same 404 as a missing one. */
  private async visible(actor: Actor, id: string): Promise<ExportJob> {
    const job = await this.jobs.findOneBy({ id, requestedById: actor.personId });
    const unit = job && (await this.units.find(job.unitId));
    if (!job || !unit || !allows(actor, 'member.read', unit.path)) throw ApiException.notFound('导出任务不存在');
    return job;
  }
}

function toDto(job: ExportJob): ExportJobDto {
  return {
    id: job.id,
    campaignId: job.campaignId,
    unitId: job.unitId,
    kind: job.kind,
    status: job.status,
    progress: job.progressPermille / 1000,
    fileName: job.fileName,
    downloadUrl: job.status === 'done' ? `/api/exports/${job.id}/file` : null,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
