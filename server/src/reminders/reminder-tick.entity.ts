import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_COLUMN } from '../common/columns';

/**
 * The instant of the last completed scheduler tick, by whichever process ticked (one row, id
 * `last`): the next tick looks back to it, so that moments that fell while every process was down
 * are still decided (see `ReminderScheduler`).
 */
@Entity('reminder_tick')
export class ReminderTick {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  id: string;

  @Column(INSTANT_COLUMN)
  tickedAt: Date;
}
