import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropAccountLockout1796207768906 implements MigrationInterface {
  name = 'DropAccountLockout1796207768906';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`person\` DROP COLUMN \`failedSignIns\``);
    await queryRunner.query(`ALTER TABLE \`person\` DROP COLUMN \`lockedUntil\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`person\` ADD \`lockedUntil\` datetime(6) NULL`);
    await queryRunner.query(`ALTER TABLE \`person\` ADD \`failedSignIns\` int NOT NULL DEFAULT 0`);
  }
}
