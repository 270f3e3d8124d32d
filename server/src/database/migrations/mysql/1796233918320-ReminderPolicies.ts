import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderPolicies1796233918320 implements MigrationInterface {
  name = 'ReminderPolicies1796233918320';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`reminder_policy\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`deliverableId\` varchar(36) NULL, \`policy\` text NOT NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_reminder_policy\` (\`campaignId\`, \`deliverableId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`reminder_policy\` ADD CONSTRAINT \`FK_ef5b00e1a68c8a9a3327ee16835\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`reminder_policy\` ADD CONSTRAINT \`FK_d60113bd1fdebb514fbf224be67\` FOREIGN KEY (\`deliverableId\`) REFERENCES \`deliverable\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`reminder_policy\` DROP FOREIGN KEY \`FK_d60113bd1fdebb514fbf224be67\``);
    await queryRunner.query(`ALTER TABLE \`reminder_policy\` DROP FOREIGN KEY \`FK_ef5b00e1a68c8a9a3327ee16835\``);
    await queryRunner.query(`DROP INDEX \`uq_reminder_policy\` ON \`reminder_policy\``);
    await queryRunner.query(`DROP TABLE \`reminder_policy\``);
  }
}
