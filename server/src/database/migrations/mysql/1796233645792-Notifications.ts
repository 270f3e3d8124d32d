import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796233645792 implements MigrationInterface {
  name = 'Notifications1796233645792';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`inbox_message\` (\`id\` varchar(36) NOT NULL, \`personId\` varchar(36) NOT NULL, \`outboxMessageId\` varchar(36) NOT NULL, \`kind\` varchar(30) NOT NULL, \`title\` varchar(100) NOT NULL, \`body\` text NOT NULL, \`link\` varchar(500) NULL, \`createdAt\` datetime(6) NOT NULL, \`readAt\` datetime(6) NULL, UNIQUE INDEX \`uq_inbox_message_outbox\` (\`outboxMessageId\`), INDEX \`ix_inbox_message_person\` (\`personId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`outbox_message\` (\`id\` varchar(36) NOT NULL, \`key\` varchar(255) NOT NULL, \`channel\` varchar(10) NOT NULL, \`kind\` varchar(30) NOT NULL, \`personId\` varchar(36) NULL, \`address\` varchar(255) NULL, \`title\` varchar(100) NOT NULL, \`body\` text NOT NULL, \`link\` varchar(500) NULL, \`facts\` text NOT NULL, \`campaignId\` varchar(36) NULL, \`unitId\` varchar(36) NULL, \`deliverableId\` varchar(36) NULL, \`periodKey\` varchar(20) NULL, \`status\` varchar(10) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime(6) NOT NULL, \`runnerId\` varchar(36) NULL, \`leaseUntil\` datetime(6) NULL, \`lastError\` varchar(500) NULL, \`createdAt\` datetime(6) NOT NULL, \`sentAt\` datetime(6) NULL, UNIQUE INDEX \`uq_outbox_message_key\` (\`key\`), INDEX \`ix_outbox_message_person\` (\`personId\`), INDEX \`ix_outbox_message_unit\` (\`unitId\`), INDEX \`ix_outbox_message_log\` (\`campaignId\`, \`createdAt\`), INDEX \`ix_outbox_message_claim\` (\`status\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`delivery_attempt\` (\`id\` varchar(36) NOT NULL, \`messageId\` varchar(36) NOT NULL, \`at\` datetime(6) NOT NULL, \`outcome\` varchar(10) NOT NULL, \`error\` varchar(500) NULL, INDEX \`ix_delivery_attempt_message\` (\`messageId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`inbox_message\` ADD CONSTRAINT \`FK_eedf24f837f1ff50b5baf814745\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` ADD CONSTRAINT \`FK_eaee4d23c28c8b228e1fe3e57a5\` FOREIGN KEY (\`personId\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` ADD CONSTRAINT \`FK_04666289cb82df9d80e3d8357bc\` FOREIGN KEY (\`campaignId\`) REFERENCES \`campaign\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` ADD CONSTRAINT \`FK_2b1951cc39792ac648fc1efa22c\` FOREIGN KEY (\`unitId\`) REFERENCES \`unit\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`delivery_attempt\` ADD CONSTRAINT \`FK_3d15d74e84fc220cec4ab90841a\` FOREIGN KEY (\`messageId\`) REFERENCES \`outbox_message\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`delivery_attempt\` DROP FOREIGN KEY \`FK_3d15d74e84fc220cec4ab90841a\``);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` DROP FOREIGN KEY \`FK_2b1951cc39792ac648fc1efa22c\``);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` DROP FOREIGN KEY \`FK_04666289cb82df9d80e3d8357bc\``);
    await queryRunner.query(`ALTER TABLE \`outbox_message\` DROP FOREIGN KEY \`FK_eaee4d23c28c8b228e1fe3e57a5\``);
    await queryRunner.query(`ALTER TABLE \`inbox_message\` DROP FOREIGN KEY \`FK_eedf24f837f1ff50b5baf814745\``);
    await queryRunner.query(`DROP INDEX \`ix_delivery_attempt_message\` ON \`delivery_attempt\``);
    await queryRunner.query(`DROP TABLE \`delivery_attempt\``);
    await queryRunner.query(`DROP INDEX \`ix_outbox_message_claim\` ON \`outbox_message\``);
    await queryRunner.query(`DROP INDEX \`ix_outbox_message_log\` ON \`outbox_message\``);
    await queryRunner.query(`DROP INDEX \`ix_outbox_message_unit\` ON \`outbox_message\``);
    await queryRunner.query(`DROP INDEX \`ix_outbox_message_person\` ON \`outbox_message\``);
    await queryRunner.query(`DROP INDEX \`uq_outbox_message_key\` ON \`outbox_message\``);
    await queryRunner.query(`DROP TABLE \`outbox_message\``);
    await queryRunner.query(`DROP INDEX \`ix_inbox_message_person\` ON \`inbox_message\``);
    await queryRunner.query(`DROP INDEX \`uq_inbox_message_outbox\` ON \`inbox_message\``);
    await queryRunner.query(`DROP TABLE \`inbox_message\``);
  }
}
