import { MigrationInterface, QueryRunner } from 'typeorm';

export class Hazards1796283195963 implements MigrationInterface {
  name = 'Hazards1796283195963';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`hazard\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NULL, \`accountableUnitId\` varchar(36) NOT NULL, \`place\` varchar(200) NOT NULL, \`category\` varchar(20) NOT NULL, \`description\` text NOT NULL, \`latitudeE6\` int NULL, \`longitudeE6\` int NULL, \`address\` varchar(200) NULL, \`anonymous\` tinyint NOT NULL, \`receiptHash\` varchar(64) NULL, \`status\` varchar(20) NOT NULL, \`reason\` varchar(500) NULL, \`responsibleUnitId\` varchar(36) NULL, \`dueDate\` varchar(10) NULL, \`requirement\` text NULL, \`rectificationText\` text NULL, \`rectifiedAt\` datetime(6) NULL, \`rewardFen\` int NULL, \`rewardStatus\` varchar(10) NULL, \`typical\` tinyint NOT NULL DEFAULT 0, \`typicalLink\` varchar(500) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_hazard_receipt\` (\`receiptHash\`), INDEX \`ix_hazard_campaign_accountable\` (\`campaignId\`, \`accountableUnitId\`), INDEX \`ix_hazard_campaign_status\` (\`campaignId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_reporter\` (\`hazardId\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`displayName\` varchar(50) NOT NULL, \`phone\` varchar(20) NULL, \`wechatOpenId\` varchar(64) NULL, \`ip\` varchar(45) NULL, INDEX \`ix_hazard_reporter_person\` (\`personId\`), PRIMARY KEY (\`hazardId\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_media\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`hazardId\` varchar(36) NULL, \`role\` varchar(20) NOT NULL, \`kind\` varchar(10) NOT NULL, \`mime\` varchar(100) NOT NULL, \`sizeBytes\` bigint NOT NULL, \`width\` int NULL, \`height\` int NULL, \`storageKey\` varchar(200) NOT NULL, \`thumbnailKey\` varchar(200) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_hazard_media_hazard\` (\`hazardId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_message\` (\`id\` varchar(36) NOT NULL, \`hazardId\` varchar(36) NOT NULL, \`fromSide\` varchar(10) NOT NULL, \`handlerId\` varchar(36) NULL, \`body\` text NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_hazard_message_hazard\` (\`hazardId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_event\` (\`id\` varchar(36) NOT NULL, \`hazardId\` varchar(36) NOT NULL, \`action\` varchar(20) NOT NULL, \`byId\` varchar(36) NOT NULL, \`comment\` varchar(500) NULL, \`at\` datetime(6) NOT NULL, INDEX \`ix_hazard_event_hazard\` (\`hazardId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_settings\` (\`campaignId\` varchar(36) NOT NULL, \`allowAnonymous\` tinyint NOT NULL, \`allowPublic\` tinyint NOT NULL, \`categories\` text NOT NULL, \`zeroingDate\` varchar(10) NULL, \`fields\` text NOT NULL, PRIMARY KEY (\`campaignId\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_handler\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, UNIQUE INDEX \`uq_hazard_handler\` (\`campaignId\`, \`personId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hazard_identity_access\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`hazardId\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`at\` datetime(6) NOT NULL, INDEX \`ix_hazard_identity_access_campaign\` (\`campaignId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`hazard\` ADD CONSTRAINT \`FK_cd031a04d9c82898162e6e84ea8\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard\` ADD CONSTRAINT \`FK_8331af8461d38ee1dbf3af47bb3\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard\` ADD CONSTRAINT \`FK_a55185b3d69cc3cefd50f5c8f36\` FOREIGN KEY (\`accountableUnitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard\` ADD CONSTRAINT \`FK_8ae3c9a22e8cb125f90cf37159a\` FOREIGN KEY (\`responsibleUnitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_reporter\` ADD CONSTRAINT \`FK_7bbfb856d6311ab7f4b8852dae6\` FOREIGN KEY (\`hazardId\`) REFERENCES \`hazard\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_reporter\` ADD CONSTRAINT \`FK_715ca1c3ab38cb6295992e70194\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_media\` ADD CONSTRAINT \`FK_fa6812f08fcb50c2ea4740f4089\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_media\` ADD CONSTRAINT \`FK_e04a4472fd54c97a691b962579b\` FOREIGN KEY (\`hazardId\`) REFERENCES \`hazard\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_message\` ADD CONSTRAINT \`FK_beef7db600fd2e2c27aa1a2478f\` FOREIGN KEY (\`hazardId\`) REFERENCES \`hazard\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_event\` ADD CONSTRAINT \`FK_1efdb4665ee7a6a6bd071ff463f\` FOREIGN KEY (\`hazardId\`) REFERENCES \`hazard\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_settings\` ADD CONSTRAINT \`FK_b2ff3f01b9c82d2af11141777ea\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_handler\` ADD CONSTRAINT \`FK_1be54e9613a233f7377bcac5d46\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hazard_handler\` ADD CONSTRAINT \`FK_e54e6848e5d0afee981d7b58d75\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`hazard_handler\` DROP FOREIGN KEY \`FK_e54e6848e5d0afee981d7b58d75\``);
    await queryRunner.query(`ALTER TABLE \`hazard_handler\` DROP FOREIGN KEY \`FK_1be54e9613a233f7377bcac5d46\``);
    await queryRunner.query(`ALTER TABLE \`hazard_settings\` DROP FOREIGN KEY \`FK_b2ff3f01b9c82d2af11141777ea\``);
    await queryRunner.query(`ALTER TABLE \`hazard_event\` DROP FOREIGN KEY \`FK_1efdb4665ee7a6a6bd071ff463f\``);
    await queryRunner.query(`ALTER TABLE \`hazard_message\` DROP FOREIGN KEY \`FK_beef7db600fd2e2c27aa1a2478f\``);
    await queryRunner.query(`ALTER TABLE \`hazard_media\` DROP FOREIGN KEY \`FK_e04a4472fd54c97a691b962579b\``);
    await queryRunner.query(`ALTER TABLE \`hazard_media\` DROP FOREIGN KEY \`FK_fa6812f08fcb50c2ea4740f4089\``);
    await queryRunner.query(`ALTER TABLE \`hazard_reporter\` DROP FOREIGN KEY \`FK_715ca1c3ab38cb6295992e70194\``);
    await queryRunner.query(`ALTER TABLE \`hazard_reporter\` DROP FOREIGN KEY \`FK_7bbfb856d6311ab7f4b8852dae6\``);
    await queryRunner.query(`ALTER TABLE \`hazard\` DROP FOREIGN KEY \`FK_8ae3c9a22e8cb125f90cf37159a\``);
    await queryRunner.query(`ALTER TABLE \`hazard\` DROP FOREIGN KEY \`FK_a55185b3d69cc3cefd50f5c8f36\``);
    await queryRunner.query(`ALTER TABLE \`hazard\` DROP FOREIGN KEY \`FK_8331af8461d38ee1dbf3af47bb3\``);
    await queryRunner.query(`ALTER TABLE \`hazard\` DROP FOREIGN KEY \`FK_cd031a04d9c82898162e6e84ea8\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_identity_access_campaign\` ON \`hazard_identity_access\``);
    await queryRunner.query(`DROP TABLE \`hazard_identity_access\``);
    await queryRunner.query(`DROP INDEX \`uq_hazard_handler\` ON \`hazard_handler\``);
    await queryRunner.query(`DROP TABLE \`hazard_handler\``);
    await queryRunner.query(`DROP TABLE \`hazard_settings\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_event_hazard\` ON \`hazard_event\``);
    await queryRunner.query(`DROP TABLE \`hazard_event\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_message_hazard\` ON \`hazard_message\``);
    await queryRunner.query(`DROP TABLE \`hazard_message\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_media_hazard\` ON \`hazard_media\``);
    await queryRunner.query(`DROP TABLE \`hazard_media\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_reporter_person\` ON \`hazard_reporter\``);
    await queryRunner.query(`DROP TABLE \`hazard_reporter\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_campaign_status\` ON \`hazard\``);
    await queryRunner.query(`DROP INDEX \`ix_hazard_campaign_accountable\` ON \`hazard\``);
    await queryRunner.query(`DROP INDEX \`uq_hazard_receipt\` ON \`hazard\``);
    await queryRunner.query(`DROP TABLE \`hazard\``);
  }
}
