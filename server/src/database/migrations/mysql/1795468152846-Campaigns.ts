import { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1795468152846 implements MigrationInterface {
  name = 'Campaigns1795468152846';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`campaign\` (\`id\` varchar(36) NOT NULL, \`organizingUnitId\` varchar(36) NOT NULL, \`title\` varchar(200) NOT NULL, \`year\` int NOT NULL, \`theme\` varchar(200) NOT NULL DEFAULT '', \`status\` varchar(20) NOT NULL, \`phases\` text NOT NULL, \`slogans\` text NOT NULL, \`media\` text NOT NULL, \`liaisonForm\` text NOT NULL, \`participatingUnitIds\` text NOT NULL, \`publishedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_campaign_organizing_unit\` (\`organizingUnitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`activity_item\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`title\` varchar(500) NOT NULL, \`requirement\` text NOT NULL, \`fieldText\` text NOT NULL, INDEX \`ix_activity_item_campaign\` (\`campaignId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`statistics_field\` (\`id\` varchar(36) NOT NULL, \`itemId\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`kind\` varchar(10) NOT NULL, \`label\` varchar(200) NOT NULL, \`unit\` varchar(10) NOT NULL DEFAULT '', INDEX \`ix_statistics_field_item\` (\`itemId\`), INDEX \`ix_statistics_field_campaign\` (\`campaignId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`deliverable\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`kind\` varchar(30) NOT NULL, \`title\` varchar(200) NOT NULL, \`rule\` text NOT NULL, INDEX \`ix_deliverable_campaign\` (\`campaignId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`liaison_registration\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`values\` text NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_liaison_registration_unit\` (\`unitId\`), UNIQUE INDEX \`uq_liaison_registration\` (\`campaignId\`, \`unitId\`, \`personId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`field_total\` (\`id\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`total\` int NOT NULL DEFAULT '0', INDEX \`ix_field_total_unit\` (\`unitId\`), UNIQUE INDEX \`uq_field_total\` (\`fieldId\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`campaign\` ADD CONSTRAINT \`FK_acc72c7ae79b818515aadfe77e2\` FOREIGN KEY (\`organizingUnitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`activity_item\` ADD CONSTRAINT \`FK_9a42357ee5393bc91829e8f9cbc\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`statistics_field\` ADD CONSTRAINT \`FK_0004c3540206429764863ba4d2e\` FOREIGN KEY (\`itemId\`) REFERENCES \`activity_item\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`deliverable\` ADD CONSTRAINT \`FK_cedabbaa0935646f53c1b2ca5d7\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` ADD CONSTRAINT \`FK_09e56da36bc2dca1a1bd9c52da6\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` ADD CONSTRAINT \`FK_a506963336bad77f16c4ffd2d8a\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` ADD CONSTRAINT \`FK_4f1fa2b6d4ace5ccd3edf0402ea\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_total\` ADD CONSTRAINT \`FK_14a9dadd74c9f45bef72bc31254\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_total\` ADD CONSTRAINT \`FK_fb788212d7ff3d6ca3c928df375\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`field_total\` DROP FOREIGN KEY \`FK_fb788212d7ff3d6ca3c928df375\``);
    await queryRunner.query(`ALTER TABLE \`field_total\` DROP FOREIGN KEY \`FK_14a9dadd74c9f45bef72bc31254\``);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` DROP FOREIGN KEY \`FK_4f1fa2b6d4ace5ccd3edf0402ea\``);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` DROP FOREIGN KEY \`FK_a506963336bad77f16c4ffd2d8a\``);
    await queryRunner.query(`ALTER TABLE \`liaison_registration\` DROP FOREIGN KEY \`FK_09e56da36bc2dca1a1bd9c52da6\``);
    await queryRunner.query(`ALTER TABLE \`deliverable\` DROP FOREIGN KEY \`FK_cedabbaa0935646f53c1b2ca5d7\``);
    await queryRunner.query(`ALTER TABLE \`statistics_field\` DROP FOREIGN KEY \`FK_0004c3540206429764863ba4d2e\``);
    await queryRunner.query(`ALTER TABLE \`activity_item\` DROP FOREIGN KEY \`FK_9a42357ee5393bc91829e8f9cbc\``);
    await queryRunner.query(`ALTER TABLE \`campaign\` DROP FOREIGN KEY \`FK_acc72c7ae79b818515aadfe77e2\``);
    await queryRunner.query(`DROP INDEX \`uq_field_total\` ON \`field_total\``);
    await queryRunner.query(`DROP INDEX \`ix_field_total_unit\` ON \`field_total\``);
    await queryRunner.query(`DROP TABLE \`field_total\``);
    await queryRunner.query(`DROP INDEX \`uq_liaison_registration\` ON \`liaison_registration\``);
    await queryRunner.query(`DROP INDEX \`ix_liaison_registration_unit\` ON \`liaison_registration\``);
    await queryRunner.query(`DROP TABLE \`liaison_registration\``);
    await queryRunner.query(`DROP INDEX \`ix_deliverable_campaign\` ON \`deliverable\``);
    await queryRunner.query(`DROP TABLE \`deliverable\``);
    await queryRunner.query(`DROP INDEX \`ix_statistics_field_campaign\` ON \`statistics_field\``);
    await queryRunner.query(`DROP INDEX \`ix_statistics_field_item\` ON \`statistics_field\``);
    await queryRunner.query(`DROP TABLE \`statistics_field\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_item_campaign\` ON \`activity_item\``);
    await queryRunner.query(`DROP TABLE \`activity_item\``);
    await queryRunner.query(`DROP INDEX \`ix_campaign_organizing_unit\` ON \`campaign\``);
    await queryRunner.query(`DROP TABLE \`campaign\``);
  }
}
