import { Clock } from '../../src/common/clock';
import { TestApp } from './test-app';

/**
 * Moves the server's clock to just after the start of a rate-limit window of `seconds` (windows
 * start at multiples of their length), so that a test's requests all fall in one window.
 */
export function toFreshWindow(t: TestApp, seconds: number): void {
  const now = t.app.get(Clock).now().getTime();
  const length = seconds * 1000;
  t.advanceClock(length - (now % length) + 1000);
}
