import { MigrationInterface, QueryRunner } from 'typeorm';

export class TableSubmissionsAndReportLinks1796222913651 implements MigrationInterface {
  name = 'TableSubmissionsAndReportLinks1796222913651';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`table_submission\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`round\` int NOT NULL, \`state\` varchar(20) NOT NULL, \`unitName\` varchar(100) NOT NULL, \`contactName\` varchar(50) NOT NULL, \`phone\` varchar(30) NOT NULL, \`fillDate\` varchar(10) NOT NULL, \`snapshot\` text NOT NULL, \`submittedAt\` datetime(6) NOT NULL, \`submittedById\` varchar(36) NOT NULL, \`reviewedAt\` datetime(6) NULL, \`reviewedById\` varchar(36) NULL, \`comment\` text NULL, INDEX \`ix_table_submission_unit\` (\`unitId\`), INDEX \`ix_table_submission_submitted_by\` (\`submittedById\`), INDEX \`ix_table_submission_reviewed_by\` (\`reviewedById\`), UNIQUE INDEX \`uq_table_submission_round\` (\`campaignId\`, \`unitId\`, \`round\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`report_link\` (\`id\` varchar(36) NOT NULL, \`reportId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`url\` varchar(500) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`itemId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`acceptedAt\` datetime(6) NULL, INDEX \`ix_report_link_unit_item_accepted\` (\`campaignId\`, \`unitId\`, \`itemId\`, \`acceptedAt\`), INDEX \`ix_report_link_item_accepted\` (\`campaignId\`, \`itemId\`, \`acceptedAt\`), UNIQUE INDEX \`uq_report_link_position\` (\`reportId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`table_submission\` ADD CONSTRAINT \`FK_ef0ec521b62cd2ddd9ec6967111\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`table_submission\` ADD CONSTRAINT \`FK_f30826ada66ecbeac905120fbc9\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`table_submission\` ADD CONSTRAINT \`FK_648a68fab2005d66aa6ffa399a9\` FOREIGN KEY (\`submittedById\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`table_submission\` ADD CONSTRAINT \`FK_fcfcbbeb5aee320b82af9bfef64\` FOREIGN KEY (\`reviewedById\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`report_link\` ADD CONSTRAINT \`FK_ec02bc1f68e3c24d66a26e23dbd\` FOREIGN KEY (\`reportId\`) REFERENCES \`report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`report_link\` DROP FOREIGN KEY \`FK_ec02bc1f68e3c24d66a26e23dbd\``);
    await queryRunner.query(`ALTER TABLE \`table_submission\` DROP FOREIGN KEY \`FK_fcfcbbeb5aee320b82af9bfef64\``);
    await queryRunner.query(`ALTER TABLE \`table_submission\` DROP FOREIGN KEY \`FK_648a68fab2005d66aa6ffa399a9\``);
    await queryRunner.query(`ALTER TABLE \`table_submission\` DROP FOREIGN KEY \`FK_f30826ada66ecbeac905120fbc9\``);
    await queryRunner.query(`ALTER TABLE \`table_submission\` DROP FOREIGN KEY \`FK_ef0ec521b62cd2ddd9ec6967111\``);
    await queryRunner.query(`DROP INDEX \`uq_report_link_position\` ON \`report_link\``);
    await queryRunner.query(`DROP INDEX \`ix_report_link_item_accepted\` ON \`report_link\``);
    await queryRunner.query(`DROP INDEX \`ix_report_link_unit_item_accepted\` ON \`report_link\``);
    await queryRunner.query(`DROP TABLE \`report_link\``);
    await queryRunner.query(`DROP INDEX \`uq_table_submission_round\` ON \`table_submission\``);
    await queryRunner.query(`DROP INDEX \`ix_table_submission_reviewed_by\` ON \`table_submission\``);
    await queryRunner.query(`DROP INDEX \`ix_table_submission_submitted_by\` ON \`table_submission\``);
    await queryRunner.query(`DROP INDEX \`ix_table_submission_unit\` ON \`table_submission\``);
    await queryRunner.query(`DROP TABLE \`table_submission\``);
  }
}
