import { extname } from 'node:path';
import type { ExportJob } from './export-job.entity';

/**
 * Unit sheets in one workbook at most. A larger subtree's tables come as a ZIP of workbooks: Excel
 * and WPS crawl through thousands of sheets, and a workbook's parts are held in memory until it is
 * finished.
 */
export const TABLES_PER_WORKBOOK = 1000;

/** What a job's file is, by its name's extension (chosen when the job is asked for). */
export const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/** Whether the job's file is a ZIP of workbooks rather than one workbook. */
export const isArchive = (job: Pick<ExportJob, 'fileName'>): boolean => extname(job.fileName) === '.zip';
