import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_COLUMN } from '../common/columns';

/**
 * Hits of one key (e.g. sign-ins from one address) in one fixed time window. Kept in the database
 * so that every server process counts against the same limit.
 */
@Entity('rate_limit_bucket')
export class RateLimitBucket {
  /** `<key>@<window start in epoch seconds>` */
  @PrimaryColumn({ type: 'varchar', length: 191 })
  id: string;

  @Column({ type: 'int', default: 0 })
  hits: number;

  @Index('ix_rate_limit_bucket_expires')
  @Column(INSTANT_COLUMN)
  expiresAt: Date;
}
