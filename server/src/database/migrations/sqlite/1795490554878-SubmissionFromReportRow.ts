import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (data only, no schema change): a report's submission is now read from the
 * report row itself (reporterId, createdAt), so the 'submitted' events that repeated it go.
 */
export class SubmissionFromReportRow1795490554878 implements MigrationInterface {
  name = 'SubmissionFromReportRow1795490554878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM report_event WHERE action = 'submitted'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO report_event (id, reportId, action, byId, comment, at) SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), id, 'submitted', reporterId, NULL, createdAt FROM report`);
  }
}
