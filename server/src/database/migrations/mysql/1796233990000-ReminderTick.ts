import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderTick1796233990000 implements MigrationInterface {
  name = 'ReminderTick1796233990000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`reminder_tick\` (\`id\` varchar(20) NOT NULL, \`tickedAt\` datetime(6) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`reminder_tick\``);
  }
}
