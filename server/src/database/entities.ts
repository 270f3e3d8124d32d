import { RefreshToken } from '../auth/refresh-token.entity';
import { Invite } from '../invites/invite.entity';
import { Membership } from '../people/membership.entity';
import { Person } from '../people/person.entity';
import { RateLimitBucket } from '../rate-limit/rate-limit-bucket.entity';
import { Unit } from '../units/unit.entity';

/** Every entity, for the data source and the migration generator. */
export const ENTITIES = [Unit, Person, Membership, RefreshToken, Invite, RateLimitBucket];
