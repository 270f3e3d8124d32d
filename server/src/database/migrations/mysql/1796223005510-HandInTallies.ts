import { MigrationInterface, QueryRunner } from 'typeorm';

export class HandInTallies1796223005510 implements MigrationInterface {
  name = 'HandInTallies1796223005510';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`hand_in_tally\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`deliverableId\` varchar(36) NOT NULL, \`periodKey\` varchar(20) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`dueAt\` datetime(6) NOT NULL, \`onTime\` int NOT NULL DEFAULT '0', \`late\` int NOT NULL DEFAULT '0', \`returned\` int NOT NULL DEFAULT '0', INDEX \`ix_hand_in_tally_unit\` (\`unitId\`), INDEX \`ix_hand_in_tally_campaign_unit\` (\`campaignId\`, \`unitId\`), UNIQUE INDEX \`uq_hand_in_tally\` (\`deliverableId\`, \`periodKey\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`hand_in_tally\` ADD CONSTRAINT \`FK_e0b61344bb943296613e32329dd\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`hand_in_tally\` DROP FOREIGN KEY \`FK_e0b61344bb943296613e32329dd\``);
    await queryRunner.query(`DROP INDEX \`uq_hand_in_tally\` ON \`hand_in_tally\``);
    await queryRunner.query(`DROP INDEX \`ix_hand_in_tally_campaign_unit\` ON \`hand_in_tally\``);
    await queryRunner.query(`DROP INDEX \`ix_hand_in_tally_unit\` ON \`hand_in_tally\``);
    await queryRunner.query(`DROP TABLE \`hand_in_tally\``);
  }
}
