import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsTables1796220993329 implements MigrationInterface {
  name = 'StatisticsTables1796220993329';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`field_answer\` (\`id\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`flag\` tinyint NULL, \`text\` varchar(500) NULL, \`answeredById\` varchar(36) NOT NULL, \`answeredAt\` datetime(6) NOT NULL, INDEX \`ix_field_answer_unit\` (\`unitId\`), INDEX \`ix_field_answer_answered_by\` (\`answeredById\`), INDEX \`ix_field_answer_campaign_unit\` (\`campaignId\`, \`unitId\`), UNIQUE INDEX \`uq_field_answer\` (\`fieldId\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`field_subtree_total\` (\`id\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`total\` int NOT NULL DEFAULT '0', \`manual\` int NOT NULL DEFAULT '0', INDEX \`ix_field_subtree_total_unit\` (\`unitId\`), INDEX \`ix_field_subtree_total_campaign_unit\` (\`campaignId\`, \`unitId\`), UNIQUE INDEX \`uq_field_subtree_total\` (\`fieldId\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`manual_entry\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`amount\` int NOT NULL, \`note\` varchar(200) NOT NULL, \`createdById\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_manual_entry_unit\` (\`unitId\`), INDEX \`ix_manual_entry_field\` (\`fieldId\`), INDEX \`ix_manual_entry_created_by\` (\`createdById\`), INDEX \`ix_manual_entry_campaign_unit\` (\`campaignId\`, \`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`field_total\` ADD \`manual\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`field_answer\` ADD CONSTRAINT \`FK_8a922f68cc894daf37edb032734\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_answer\` ADD CONSTRAINT \`FK_83f04ce7860408fd3d4e937673d\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_answer\` ADD CONSTRAINT \`FK_5a796ffda4d210187be217ab766\` FOREIGN KEY (\`answeredById\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_subtree_total\` ADD CONSTRAINT \`FK_32bd43590f88201db5ab2327b4b\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`field_subtree_total\` ADD CONSTRAINT \`FK_15c35a6488c9621723136b2e718\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`manual_entry\` ADD CONSTRAINT \`FK_b72314e5edaa4367f9a9f2029fe\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`manual_entry\` ADD CONSTRAINT \`FK_c45e01db2dd405e381602f2d59c\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`manual_entry\` ADD CONSTRAINT \`FK_010e9da42a3d7696c746450a671\` FOREIGN KEY (\`createdById\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The totals accepted before this migration, summed over each unit and its ancestors.
    await queryRunner.query(`INSERT INTO \`field_subtree_total\` (\`id\`, \`fieldId\`, \`campaignId\`, \`unitId\`, \`total\`, \`manual\`) SELECT UUID(), t.\`fieldId\`, t.\`campaignId\`, a.\`id\`, SUM(t.\`total\`), 0 FROM \`field_total\` t INNER JOIN \`unit\` u ON u.\`id\` = t.\`unitId\` INNER JOIN \`unit\` a ON u.\`path\` LIKE CONCAT(a.\`path\`, '%') GROUP BY t.\`fieldId\`, t.\`campaignId\`, a.\`id\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`manual_entry\` DROP FOREIGN KEY \`FK_010e9da42a3d7696c746450a671\``);
    await queryRunner.query(`ALTER TABLE \`manual_entry\` DROP FOREIGN KEY \`FK_c45e01db2dd405e381602f2d59c\``);
    await queryRunner.query(`ALTER TABLE \`manual_entry\` DROP FOREIGN KEY \`FK_b72314e5edaa4367f9a9f2029fe\``);
    await queryRunner.query(`ALTER TABLE \`field_subtree_total\` DROP FOREIGN KEY \`FK_15c35a6488c9621723136b2e718\``);
    await queryRunner.query(`ALTER TABLE \`field_subtree_total\` DROP FOREIGN KEY \`FK_32bd43590f88201db5ab2327b4b\``);
    await queryRunner.query(`ALTER TABLE \`field_answer\` DROP FOREIGN KEY \`FK_5a796ffda4d210187be217ab766\``);
    await queryRunner.query(`ALTER TABLE \`field_answer\` DROP FOREIGN KEY \`FK_83f04ce7860408fd3d4e937673d\``);
    await queryRunner.query(`ALTER TABLE \`field_answer\` DROP FOREIGN KEY \`FK_8a922f68cc894daf37edb032734\``);
    await queryRunner.query(`ALTER TABLE \`field_total\` DROP COLUMN \`manual\``);
    await queryRunner.query(`DROP INDEX \`ix_manual_entry_campaign_unit\` ON \`manual_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_manual_entry_created_by\` ON \`manual_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_manual_entry_field\` ON \`manual_entry\``);
    await queryRunner.query(`DROP INDEX \`ix_manual_entry_unit\` ON \`manual_entry\``);
    await queryRunner.query(`DROP TABLE \`manual_entry\``);
    await queryRunner.query(`DROP INDEX \`uq_field_subtree_total\` ON \`field_subtree_total\``);
    await queryRunner.query(`DROP INDEX \`ix_field_subtree_total_campaign_unit\` ON \`field_subtree_total\``);
    await queryRunner.query(`DROP INDEX \`ix_field_subtree_total_unit\` ON \`field_subtree_total\``);
    await queryRunner.query(`DROP TABLE \`field_subtree_total\``);
    await queryRunner.query(`DROP INDEX \`uq_field_answer\` ON \`field_answer\``);
    await queryRunner.query(`DROP INDEX \`ix_field_answer_campaign_unit\` ON \`field_answer\``);
    await queryRunner.query(`DROP INDEX \`ix_field_answer_answered_by\` ON \`field_answer\``);
    await queryRunner.query(`DROP INDEX \`ix_field_answer_unit\` ON \`field_answer\``);
    await queryRunner.query(`DROP TABLE \`field_answer\``);
  }
}
