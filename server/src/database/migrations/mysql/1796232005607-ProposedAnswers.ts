import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposedAnswers1796232005607 implements MigrationInterface {
  name = 'ProposedAnswers1796232005607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`proposed_answer\` (\`id\` varchar(36) NOT NULL, \`reportId\` varchar(36) NOT NULL, \`fieldId\` varchar(36) NOT NULL, \`flag\` tinyint NULL, \`text\` varchar(500) NULL, \`campaignId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`acceptedAt\` datetime(6) NULL, INDEX \`ix_proposed_answer_field\` (\`fieldId\`), INDEX \`ix_proposed_answer_unit_accepted\` (\`campaignId\`, \`unitId\`, \`fieldId\`, \`acceptedAt\`), UNIQUE INDEX \`uq_proposed_answer_field\` (\`reportId\`, \`fieldId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`proposed_answer\` ADD CONSTRAINT \`FK_20544d5eba00c310d3d7221cb31\` FOREIGN KEY (\`reportId\`) REFERENCES \`report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proposed_answer\` ADD CONSTRAINT \`FK_a0432e42f53cad7b38238d019bb\` FOREIGN KEY (\`fieldId\`) REFERENCES \`statistics_field\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`proposed_answer\` DROP FOREIGN KEY \`FK_a0432e42f53cad7b38238d019bb\``);
    await queryRunner.query(`ALTER TABLE \`proposed_answer\` DROP FOREIGN KEY \`FK_20544d5eba00c310d3d7221cb31\``);
    await queryRunner.query(`DROP INDEX \`uq_proposed_answer_field\` ON \`proposed_answer\``);
    await queryRunner.query(`DROP INDEX \`ix_proposed_answer_unit_accepted\` ON \`proposed_answer\``);
    await queryRunner.query(`DROP INDEX \`ix_proposed_answer_field\` ON \`proposed_answer\``);
    await queryRunner.query(`DROP TABLE \`proposed_answer\``);
  }
}
