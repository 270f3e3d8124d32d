import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795465266556 implements MigrationInterface {
  name = 'Initial1795465266556';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`person\` (\`id\` varchar(36) NOT NULL, \`displayName\` varchar(50) NOT NULL, \`username\` varchar(32) NULL, \`phone\` varchar(20) NULL, \`passwordHash\` varchar(100) NULL, \`wechatOpenId\` varchar(64) NULL, \`wechatUnionId\` varchar(64) NULL, \`failedSignIns\` int NOT NULL DEFAULT '0', \`lockedUntil\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_person_username\` (\`username\`), UNIQUE INDEX \`uq_person_phone\` (\`phone\`), UNIQUE INDEX \`uq_person_wechat_openid\` (\`wechatOpenId\`), INDEX \`ix_person_wechat_unionid\` (\`wechatUnionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`refresh_token\` (\`id\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`usedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_refresh_token_person\` (\`personId\`), UNIQUE INDEX \`uq_refresh_token_hash\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`unit\` (\`id\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`code\` varchar(50) NULL, \`kind\` varchar(20) NOT NULL, \`parentId\` varchar(36) NULL, \`path\` varchar(400) NOT NULL, \`depth\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_unit_code\` (\`code\`), INDEX \`ix_unit_path\` (\`path\`), UNIQUE INDEX \`uq_unit_parent_name\` (\`parentId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`invite\` (\`id\` varchar(36) NOT NULL, \`code\` varchar(16) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`role\` varchar(20) NOT NULL, \`createdById\` varchar(36) NULL, \`expiresAt\` datetime(6) NOT NULL, \`maxUses\` int NOT NULL, \`uses\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_invite_code\` (\`code\`), INDEX \`ix_invite_unit\` (\`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`membership\` (\`id\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`role\` varchar(20) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_membership_unit\` (\`unitId\`), UNIQUE INDEX \`uq_membership\` (\`personId\`, \`unitId\`, \`role\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`rate_limit_bucket\` (\`id\` varchar(191) NOT NULL, \`hits\` int NOT NULL DEFAULT '0', \`expiresAt\` datetime(6) NOT NULL, INDEX \`ix_rate_limit_bucket_expires\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`refresh_token\` ADD CONSTRAINT \`FK_7e9711f4f85123922a7e197a0ab\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`unit\` ADD CONSTRAINT \`FK_5dd750900308d1d70a3848b92c1\` FOREIGN KEY (\`parentId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`invite\` ADD CONSTRAINT \`FK_cf51fcf217bea582986fdb8e288\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`invite\` ADD CONSTRAINT \`FK_1fd4ebf122b26dc6c7245e544f3\` FOREIGN KEY (\`createdById\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`membership\` ADD CONSTRAINT \`FK_27596f83abf11927b07021ea2c8\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`membership\` ADD CONSTRAINT \`FK_f5e8f9744604bb4256b452cebaa\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`membership\` DROP FOREIGN KEY \`FK_f5e8f9744604bb4256b452cebaa\``);
    await queryRunner.query(`ALTER TABLE \`membership\` DROP FOREIGN KEY \`FK_27596f83abf11927b07021ea2c8\``);
    await queryRunner.query(`ALTER TABLE \`invite\` DROP FOREIGN KEY \`FK_1fd4ebf122b26dc6c7245e544f3\``);
    await queryRunner.query(`ALTER TABLE \`invite\` DROP FOREIGN KEY \`FK_cf51fcf217bea582986fdb8e288\``);
    await queryRunner.query(`ALTER TABLE \`unit\` DROP FOREIGN KEY \`FK_5dd750900308d1d70a3848b92c1\``);
    await queryRunner.query(`ALTER TABLE \`refresh_token\` DROP FOREIGN KEY \`FK_7e9711f4f85123922a7e197a0ab\``);
    await queryRunner.query(`DROP INDEX \`ix_rate_limit_bucket_expires\` ON \`rate_limit_bucket\``);
    await queryRunner.query(`DROP TABLE \`rate_limit_bucket\``);
    await queryRunner.query(`DROP INDEX \`uq_membership\` ON \`membership\``);
    await queryRunner.query(`DROP INDEX \`ix_membership_unit\` ON \`membership\``);
    await queryRunner.query(`DROP TABLE \`membership\``);
    await queryRunner.query(`DROP INDEX \`ix_invite_unit\` ON \`invite\``);
    await queryRunner.query(`DROP INDEX \`uq_invite_code\` ON \`invite\``);
    await queryRunner.query(`DROP TABLE \`invite\``);
    await queryRunner.query(`DROP INDEX \`uq_unit_parent_name\` ON \`unit\``);
    await queryRunner.query(`DROP INDEX \`ix_unit_path\` ON \`unit\``);
    await queryRunner.query(`DROP INDEX \`uq_unit_code\` ON \`unit\``);
    await queryRunner.query(`DROP TABLE \`unit\``);
    await queryRunner.query(`DROP INDEX \`uq_refresh_token_hash\` ON \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_token_person\` ON \`refresh_token\``);
    await queryRunner.query(`DROP TABLE \`refresh_token\``);
    await queryRunner.query(`DROP INDEX \`ix_person_wechat_unionid\` ON \`person\``);
    await queryRunner.query(`DROP INDEX \`uq_person_wechat_openid\` ON \`person\``);
    await queryRunner.query(`DROP INDEX \`uq_person_phone\` ON \`person\``);
    await queryRunner.query(`DROP INDEX \`uq_person_username\` ON \`person\``);
    await queryRunner.query(`DROP TABLE \`person\``);
  }
}
