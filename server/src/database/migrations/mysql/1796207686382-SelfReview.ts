import { MigrationInterface, QueryRunner } from 'typeorm';

export class SelfReview1796207686382 implements MigrationInterface {
  name = 'SelfReview1796207686382';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`campaign\` ADD \`allowSelfReviewInSingleMemberUnits\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`report_event\` ADD \`selfReview\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`report_event\` DROP COLUMN \`selfReview\``);
    await queryRunner.query(`ALTER TABLE \`campaign\` DROP COLUMN \`allowSelfReviewInSingleMemberUnits\``);
  }
}
