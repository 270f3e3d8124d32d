import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationChannels1796233876286 implements MigrationInterface {
  name = 'NotificationChannels1796233876286';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`wechat_subscription\` (\`id\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`templateId\` varchar(64) NOT NULL, \`remaining\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`uq_wechat_subscription_person_template\` (\`personId\`, \`templateId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`wechat_token\` (\`appId\` varchar(64) NOT NULL, \`token\` varchar(512) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, PRIMARY KEY (\`appId\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`wecom_robot\` (\`id\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`name\` varchar(50) NOT NULL, \`webhookKey\` varchar(100) NOT NULL, \`textOnly\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_wecom_robot_unit_name\` (\`unitId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`wechat_subscription\` ADD CONSTRAINT \`FK_4bfbbe7a2d5d23ff6c8d73d11a3\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`wecom_robot\` ADD CONSTRAINT \`FK_28356c265d2aabd9e532ef0d2cb\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`wecom_robot\` DROP FOREIGN KEY \`FK_28356c265d2aabd9e532ef0d2cb\``);
    await queryRunner.query(`ALTER TABLE \`wechat_subscription\` DROP FOREIGN KEY \`FK_4bfbbe7a2d5d23ff6c8d73d11a3\``);
    await queryRunner.query(`DROP INDEX \`uq_wecom_robot_unit_name\` ON \`wecom_robot\``);
    await queryRunner.query(`DROP TABLE \`wecom_robot\``);
    await queryRunner.query(`DROP TABLE \`wechat_token\``);
    await queryRunner.query(`DROP INDEX \`uq_wechat_subscription_person_template\` ON \`wechat_subscription\``);
    await queryRunner.query(`DROP TABLE \`wechat_subscription\``);
  }
}
