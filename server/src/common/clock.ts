import { Injectable } from '@nestjs/common';

/** The current instant. Injected so that tests can move time (expiry, lockouts) without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
