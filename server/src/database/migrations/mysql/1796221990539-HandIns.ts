import { MigrationInterface, QueryRunner } from 'typeorm';

export class HandIns1796221990539 implements MigrationInterface {
  name = 'HandIns1796221990539';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`hand_in\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`deliverableId\` varchar(36) NOT NULL, \`periodKey\` varchar(20) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`text\` text NOT NULL, \`reportIds\` text NOT NULL, \`state\` varchar(20) NOT NULL, \`arrivedAt\` datetime(6) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_hand_in_campaign_unit\` (\`campaignId\`, \`unitId\`), UNIQUE INDEX \`uq_hand_in_instance_unit\` (\`deliverableId\`, \`periodKey\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`hand_in_event\` (\`id\` varchar(36) NOT NULL, \`handInId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`action\` varchar(20) NOT NULL, \`byId\` varchar(36) NULL, \`comment\` text NULL, \`at\` datetime(6) NOT NULL, UNIQUE INDEX \`uq_hand_in_event_position\` (\`handInId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`media\` ADD \`handInId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`media\` ADD \`fileName\` varchar(200) NOT NULL DEFAULT ''`);
    // Widened in place (the generator would drop and re-add it, losing every file's type).
    await queryRunner.query(`ALTER TABLE \`media\` MODIFY \`mime\` varchar(100) NOT NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_media_hand_in\` ON \`media\` (\`handInId\`)`);
    await queryRunner.query(`ALTER TABLE \`hand_in\` ADD CONSTRAINT \`FK_1b23c321b6520b3c1339592e551\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hand_in\` ADD CONSTRAINT \`FK_e57dcd6af1a8465081c19001d5b\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hand_in_event\` ADD CONSTRAINT \`FK_59d1ca23649509e9ad981e88ad8\` FOREIGN KEY (\`handInId\`) REFERENCES \`hand_in\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`hand_in_event\` ADD CONSTRAINT \`FK_ea6c9c6d23f269923b5dd1b12a7\` FOREIGN KEY (\`byId\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`hand_in_event\` DROP FOREIGN KEY \`FK_ea6c9c6d23f269923b5dd1b12a7\``);
    await queryRunner.query(`ALTER TABLE \`hand_in_event\` DROP FOREIGN KEY \`FK_59d1ca23649509e9ad981e88ad8\``);
    await queryRunner.query(`ALTER TABLE \`hand_in\` DROP FOREIGN KEY \`FK_e57dcd6af1a8465081c19001d5b\``);
    await queryRunner.query(`ALTER TABLE \`hand_in\` DROP FOREIGN KEY \`FK_1b23c321b6520b3c1339592e551\``);
    await queryRunner.query(`DROP INDEX \`ix_media_hand_in\` ON \`media\``);
    await queryRunner.query(`ALTER TABLE \`media\` MODIFY \`mime\` varchar(50) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`media\` DROP COLUMN \`fileName\``);
    await queryRunner.query(`ALTER TABLE \`media\` DROP COLUMN \`handInId\``);
    await queryRunner.query(`DROP INDEX \`uq_hand_in_event_position\` ON \`hand_in_event\``);
    await queryRunner.query(`DROP TABLE \`hand_in_event\``);
    await queryRunner.query(`DROP INDEX \`uq_hand_in_instance_unit\` ON \`hand_in\``);
    await queryRunner.query(`DROP INDEX \`ix_hand_in_campaign_unit\` ON \`hand_in\``);
    await queryRunner.query(`DROP TABLE \`hand_in\``);
  }
}
