import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_COLUMN } from '../../common/columns';

/**
 * The mini program's access token, one row per app id, shared by every server process: WeChat
 * counts token fetches per day, and a process that fetched one must not undo another's.
 */
@Entity('wechat_token')
export class WechatToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  appId: string;

  @Column({ type: 'varchar', length: 512 })
  token: string;

  @Column(INSTANT_COLUMN)
  expiresAt: Date;
}
