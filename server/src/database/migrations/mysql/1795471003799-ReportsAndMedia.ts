import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsAndMedia1795471003799 implements MigrationInterface {
  name = 'ReportsAndMedia1795471003799';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`media\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`uploadedById\` varchar(36) NOT NULL, \`reportId\` varchar(36) NULL, \`kind\` varchar(10) NOT NULL, \`mime\` varchar(50) NOT NULL, \`sizeBytes\` bigint NOT NULL, \`width\` int NULL, \`height\` int NULL, \`durationSeconds\` int NULL, \`sha256\` varchar(64) NOT NULL, \`storageKey\` varchar(200) NOT NULL, \`thumbnailKey\` varchar(200) NULL, \`capturedAt\` datetime(6) NULL, \`gpsLatitudeE6\` int NULL, \`gpsLongitudeE6\` int NULL, \`warnings\` text NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_media_report\` (\`reportId\`), INDEX \`ix_media_sha256\` (\`sha256\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`contribution\` (\`id\` varchar(36) NOT NULL, \`reportId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`amount\` int NOT NULL, INDEX \`ix_contribution_report\` (\`reportId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`report\` (\`id\` varchar(36) NOT NULL, \`idempotencyKey\` varchar(64) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`itemId\` varchar(36) NOT NULL, \`reporterId\` varchar(36) NOT NULL, \`title\` varchar(200) NOT NULL, \`startAt\` datetime(6) NOT NULL, \`endAt\` datetime(6) NOT NULL, \`place\` varchar(200) NOT NULL, \`latitudeE6\` int NULL, \`longitudeE6\` int NULL, \`description\` text NOT NULL, \`headcount\` int NOT NULL, \`additions\` text NOT NULL, \`status\` varchar(20) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_report_campaign_unit\` (\`campaignId\`, \`unitId\`), UNIQUE INDEX \`uq_report_idempotency\` (\`reporterId\`, \`idempotencyKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`report_event\` (\`id\` varchar(36) NOT NULL, \`reportId\` varchar(36) NOT NULL, \`action\` varchar(20) NOT NULL, \`byId\` varchar(36) NULL, \`comment\` text NULL, \`at\` datetime(6) NOT NULL, INDEX \`ix_report_event_report\` (\`reportId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`campaign\` ADD \`autoAcceptReports\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`field_total\` ADD \`campaignId\` varchar(36) NOT NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_field_total_campaign_unit\` ON \`field_total\` (\`campaignId\`, \`unitId\`)`);
    await queryRunner.query(`ALTER TABLE \`media\` ADD CONSTRAINT \`FK_ac10f54830e4a767af097450f25\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`media\` ADD CONSTRAINT \`FK_192cda6be397d996efd48dbba4f\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`media\` ADD CONSTRAINT \`FK_4974d31d47717ebefc8b613eb27\` FOREIGN KEY (\`uploadedById\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`contribution\` ADD CONSTRAINT \`FK_64bc217ffb97348e64c2181c592\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report\` ADD CONSTRAINT \`FK_9f82b8d137e3e7b0c6cf902001f\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report\` ADD CONSTRAINT \`FK_759b89c780a7cfbd094d38d8822\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report\` ADD CONSTRAINT \`FK_253163ca85b927f62596606f6cc\` FOREIGN KEY (\`reporterId\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report_event\` ADD CONSTRAINT \`FK_2ecdbc5a2e2a02de01bdab9fded\` FOREIGN KEY (\`reportId\`) REFERENCES \`report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report_event\` ADD CONSTRAINT \`FK_0db366165d896e1d8f825ed49ad\` FOREIGN KEY (\`byId\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`report_event\` DROP FOREIGN KEY \`FK_0db366165d896e1d8f825ed49ad\``);
    await queryRunner.query(`ALTER TABLE \`report_event\` DROP FOREIGN KEY \`FK_2ecdbc5a2e2a02de01bdab9fded\``);
    await queryRunner.query(`ALTER TABLE \`report\` DROP FOREIGN KEY \`FK_253163ca85b927f62596606f6cc\``);
    await queryRunner.query(`ALTER TABLE \`report\` DROP FOREIGN KEY \`FK_759b89c780a7cfbd094d38d8822\``);
    await queryRunner.query(`ALTER TABLE \`report\` DROP FOREIGN KEY \`FK_9f82b8d137e3e7b0c6cf902001f\``);
    await queryRunner.query(`ALTER TABLE \`contribution\` DROP FOREIGN KEY \`FK_64bc217ffb97348e64c2181c592\``);
    await queryRunner.query(`ALTER TABLE \`media\` DROP FOREIGN KEY \`FK_4974d31d47717ebefc8b613eb27\``);
    await queryRunner.query(`ALTER TABLE \`media\` DROP FOREIGN KEY \`FK_192cda6be397d996efd48dbba4f\``);
    await queryRunner.query(`ALTER TABLE \`media\` DROP FOREIGN KEY \`FK_ac10f54830e4a767af097450f25\``);
    await queryRunner.query(`DROP INDEX \`ix_field_total_campaign_unit\` ON \`field_total\``);
    await queryRunner.query(`ALTER TABLE \`field_total\` DROP COLUMN \`campaignId\``);
    await queryRunner.query(`ALTER TABLE \`campaign\` DROP COLUMN \`autoAcceptReports\``);
    await queryRunner.query(`DROP INDEX \`ix_report_event_report\` ON \`report_event\``);
    await queryRunner.query(`DROP TABLE \`report_event\``);
    await queryRunner.query(`DROP INDEX \`uq_report_idempotency\` ON \`report\``);
    await queryRunner.query(`DROP INDEX \`ix_report_campaign_unit\` ON \`report\``);
    await queryRunner.query(`DROP TABLE \`report\``);
    await queryRunner.query(`DROP INDEX \`ix_contribution_report\` ON \`contribution\``);
    await queryRunner.query(`DROP TABLE \`contribution\``);
    await queryRunner.query(`DROP INDEX \`ix_media_sha256\` ON \`media\``);
    await queryRunner.query(`DROP INDEX \`ix_media_report\` ON \`media\``);
    await queryRunner.query(`DROP TABLE \`media\``);
  }
}
