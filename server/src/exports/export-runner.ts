import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Brackets } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { PollingLoop } from '../common/polling-loop';
import { newId } from '../common/columns';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database.service';
import { ExportJob } from './export-job.entity';
import { ExportWriter } from './export-writer';

const POLL_MS = 1000;
/** How long a claim holds without being renewed: a runner that died leaves its job to others after it. */
export const EXPORT_LEASE_MS = 60_000;
const RENEW_MS = EXPORT_LEASE_MS / 4;
/** Progress is written at most this often (each write also renews the lease). */
const PROGRESS_MS = 1000;
/** Runs of one job before it is given up (a job that takes its process down would otherwise go round forever). */
export const EXPORT_MAX_ATTEMPTS = 3;
/** Jobs and their files are kept this long. */
export const EXPORT_KEEP_MS = 24 * 60 * 60 * 1000;
const SWEEP_MS = 10 * 60 * 1000;

/** The run lost its job: another runner claimed it after this one's lease ran out. */
class JobLost extends Error {}
/** The process is shutting down: the run stops and hands its job back. */
class RunnerStopping extends Error {}

/**
 * Makes queued exports in the background, outside any request. Every server process runs one (the
 * server starts it; tests start it when they say): each polls the `export_job` table, claims a job
 * with a guarded update (queued, or running under an expired lease), renews its lease while it
 * writes, and writes the file next to its final name before renaming it, so a reader never sees
 * half a workbook. Nothing lives only in this process: if it dies, its job is claimed again once
 * the lease runs out. Jobs and files older than a day are removed.
 */
@Injectable()
export class ExportRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ExportRunner.name);
  /** This runner's name on the jobs it claims. */
  readonly id = newId();
  private readonly loop = new PollingLoop(ExportRunner.name, POLL_MS, () => this.drain());
  private stopping = false;
  private lastSweep = 0;

  constructor(
    private readonly database: Database,
    private readonly writer: ExportWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get jobs() {
    return this.database.repository(ExportJob);
  }

  /** Where a job's finished file is kept. */
  filePath(job: Pick<ExportJob, 'id' | 'fileName'>): string {
    return join(this.config.exportDir, `${job.id}${extname(job.fileName)}`);
  }

  start(): void {
    this.loop.start();
  }

  /** Waits for the run under way to stop at its next step (handing its job back), not for the whole export. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
  }

  /** Runs jobs until none is waiting, sweeping old ones now and then first. */
  async drain(): Promise<void> {
    if (this.clock.now().getTime() - this.lastSweep >= SWEEP_MS) await this.sweep();
    while (!this.stopping) {
      const job = await this.claim();
      if (!job) return;
      await this.run(job);
    }
  }

  /** The oldest claimable job, claimed for this runner; null when there is none. */
  private async claim(): Promise<ExportJob | null> {
    for (;;) {
      const now = this.clock.now();
      const claimable = (builder: { andWhere: (where: Brackets) => unknown }) =>
        builder.andWhere(
          new Brackets((where) =>
            where.where('status = :queued', { queued: 'queued' }).orWhere('(status = :running AND leaseUntil < :now)', { running: 'running', now }),
          ),
        );
      const finder = this.jobs.createQueryBuilder().select('id').where('attempts < :max', { max: EXPORT_MAX_ATTEMPTS });
      claimable(finder);
      const candidate = await finder.orderBy('createdAt').addOrderBy('id').limit(1).getRawOne<{ id: string }>();
      if (!candidate) return null;
      const update = this.jobs
        .createQueryBuilder()
        .update(ExportJob)
        .set({ status: 'running', runnerId: this.id, leaseUntil: new Date(now.getTime() + EXPORT_LEASE_MS), attempts: () => 'attempts + 1', progressPermille: 0 })
        .where('id = :id', { id: candidate.id })
        .andWhere('attempts < :max', { max: EXPORT_MAX_ATTEMPTS });
      claimable(update);
      // Another runner may have claimed it between the two statements: then look again.
      if ((await update.execute()).affected === 1) return this.jobs.findOneByOrFail({ id: candidate.id });
    }
  }

  /** Sets columns of a job this runner still holds, renewing its lease; false when it holds it no more. */
  private async holding(jobId: string, changes: QueryDeepPartialEntity<ExportJob>): Promise<boolean> {
    const leaseUntil = new Date(this.clock.now().getTime() + EXPORT_LEASE_MS);
    const result = await this.jobs.update({ id: jobId, runnerId: this.id, status: 'running' }, { leaseUntil, ...changes });
    return result.affected === 1;
  }

  private async run(job: ExportJob): Promise<void> {
    await mkdir(this.config.exportDir, { recursive: true });
    const path = this.filePath(job);
    const partial = `${path}.${this.id}.partial`;
    let lost = false;
    const renewing = setInterval(() => {
      void this.holding(job.id, {}).then(
        (held) => (lost ||= !held),
        (error: unknown) => this.logger.warn(`export ${job.id}: lease not renewed: ${String(error)}`),
      );
    }, RENEW_MS).unref();
    let lastWrite = this.clock.now().getTime();
    const progress = async (fraction: number) => {
      if (lost) throw new JobLost();
      if (this.stopping) throw new RunnerStopping();
      const now = this.clock.now().getTime();
      if (now - lastWrite < PROGRESS_MS) return;
      lastWrite = now;
      // Short of 1: done is said only once the file is in place.
      if (!(await this.holding(job.id, { progressPermille: Math.min(999, Math.floor(fraction * 1000)) }))) throw new JobLost();
    };
    try {
      await this.writer.write(job, partial, progress);
      if (lost) throw new JobLost();
      await rename(partial, path);
      const finished = await this.holding(job.id, { status: 'done', progressPermille: 1000, finishedAt: this.clock.now(), runnerId: null, leaseUntil: null });
      if (!finished) this.logger.warn(`export ${job.id}: finished after another runner took it over`);
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof JobLost) {
        this.logger.warn(`export ${job.id}: taken over by another runner, this run stopped`);
        return;
      }
      if (error instanceof RunnerStopping) {
        // Queued again at once, this run not counted, for another process (or this one restarted) to take up.
        await this.holding(job.id, { status: 'queued', runnerId: null, leaseUntil: null, attempts: () => 'attempts - 1' });
        return;
      }
      this.logger.error(`export ${job.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      const message = error instanceof ApiException ? `导出失败：${error.body.error.message}` : '导出失败，请稍后重新导出';
      await this.holding(job.id, { status: 'failed', error: message, finishedAt: this.clock.now(), runnerId: null, leaseUntil: null });
    } finally {
      clearInterval(renewing);
    }
  }

  /**
   * Gives up jobs whose runs kept dying, and removes jobs older than a day with their files (the
   * file first: a row without its file answers "expired", a file without its row would stay),
   * and any file in the folder older than that.
   */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    this.lastSweep = now.getTime();
    await this.jobs
      .createQueryBuilder()
      .update(ExportJob)
      .set({ status: 'failed', error: '导出多次中断，请重新导出', finishedAt: now, runnerId: null, leaseUntil: null })
      .where('status = :running AND leaseUntil < :now AND attempts >= :max', { running: 'running', now, max: EXPORT_MAX_ATTEMPTS })
      .execute();
    const cutoff = new Date(now.getTime() - EXPORT_KEEP_MS);
    for (;;) {
      const old = await this.jobs.createQueryBuilder('j').select(['j.id', 'j.fileName']).where('j.createdAt < :cutoff', { cutoff }).orderBy('j.createdAt').limit(100).getMany();
      for (const job of old) {
        await rm(this.filePath(job), { force: true });
        await this.jobs.delete({ id: job.id });
      }
      if (old.length < 100) break;
    }
    // Files left behind (by a run that died mid-write, or by jobs gone with their campaign, unit or
    // person) go by their age on disk, which is wall-clock time: another database may share the folder.
    const names = await readdir(this.config.exportDir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(this.config.exportDir, name);
      const found = await stat(path).catch(() => null);
      if (found && Date.now() - found.mtimeMs > EXPORT_KEEP_MS) await rm(path, { force: true });
    }
  }
}
