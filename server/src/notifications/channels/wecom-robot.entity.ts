import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ID_COLUMN, INSTANT_COLUMN, newId } from '../../common/columns';
import { Unit } from '../../units/unit.entity';

/** A WeCom group robot (企业微信群机器人) of a unit: notices addressed to it go to its group. */
@Entity('wecom_robot')
@Unique('uq_wecom_robot_unit_name', ['unitId', 'name'])
export class WecomRobot {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The `key` of the robot's webhook address: whoever has it may post to the group, so the API shows it masked. */
  @Column({ type: 'varchar', length: 100 })
  webhookKey: string;

  /** Plain text instead of markdown: WeChat members of a group do not see markdown messages. */
  @Column({ type: 'boolean', default: false })
  textOnly: boolean;

  @CreateDateColumn(INSTANT_COLUMN)
  createdAt: Date;
}
