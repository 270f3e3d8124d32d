import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportJobs1796222971485 implements MigrationInterface {
  name = 'ExportJobs1796222971485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`export_job\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`kind\` varchar(20) NOT NULL, \`requestedById\` varchar(36) NOT NULL, \`status\` varchar(10) NOT NULL, \`progressPermille\` int NOT NULL DEFAULT '0', \`fileName\` varchar(255) NOT NULL, \`runnerId\` varchar(36) NULL, \`leaseUntil\` datetime(6) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`error\` varchar(500) NULL, \`createdAt\` datetime(6) NOT NULL, \`finishedAt\` datetime(6) NULL, INDEX \`ix_export_job_campaign\` (\`campaignId\`), INDEX \`ix_export_job_unit\` (\`unitId\`), INDEX \`ix_export_job_requested_by\` (\`requestedById\`), INDEX \`ix_export_job_created_at\` (\`createdAt\`), INDEX \`ix_export_job_claim\` (\`status\`, \`leaseUntil\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`export_job\` ADD CONSTRAINT \`FK_303adb413edb803e0f5cc67fa13\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`export_job\` ADD CONSTRAINT \`FK_bb54417bdd97b201055bdf6ef95\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`export_job\` ADD CONSTRAINT \`FK_f037028eea745adcb8a0e2c0b4a\` FOREIGN KEY (\`requestedById\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`export_job\` DROP FOREIGN KEY \`FK_f037028eea745adcb8a0e2c0b4a\``);
    await queryRunner.query(`ALTER TABLE \`export_job\` DROP FOREIGN KEY \`FK_bb54417bdd97b201055bdf6ef95\``);
    await queryRunner.query(`ALTER TABLE \`export_job\` DROP FOREIGN KEY \`FK_303adb413edb803e0f5cc67fa13\``);
    await queryRunner.query(`DROP INDEX \`ix_export_job_claim\` ON \`export_job\``);
    await queryRunner.query(`DROP INDEX \`ix_export_job_created_at\` ON \`export_job\``);
    await queryRunner.query(`DROP INDEX \`ix_export_job_requested_by\` ON \`export_job\``);
    await queryRunner.query(`DROP INDEX \`ix_export_job_unit\` ON \`export_job\``);
    await queryRunner.query(`DROP INDEX \`ix_export_job_campaign\` ON \`export_job\``);
    await queryRunner.query(`DROP TABLE \`export_job\``);
  }
}
