import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ID_COLUMN, newId } from '../../common/columns';
import { Person } from '../../people/person.entity';

/**
 * The one-time WeChat subscriptions a person has left for one template. WeChat allows one send per
 * subscription and never says how many are left, so the server counts: each accepted
 * `requestSubscribeMessage` adds one, each send spends one.
 */
@Entity('wechat_subscription')
@Unique('uq_wechat_subscription_person_template', ['personId', 'templateId'])
export class WechatSubscription {
  @PrimaryColumn(ID_COLUMN)
  id: string = newId();

  @Column(ID_COLUMN)
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  person?: Person;

  @Column({ type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  remaining: number;
}
