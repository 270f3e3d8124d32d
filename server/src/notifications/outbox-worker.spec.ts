import { retryDelayMs } from './outbox-worker';

const DAY_MS = 24 * 3600 * 1000;

describe('retryDelayMs', () => {
  it('waits the base after the first try, doubling after each one more', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(30, attempts))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('waits at most a day, however many tries came before', () => {
    expect(retryDelayMs(3600, 5)).toBe(16 * 3600 * 1000);
    expect(retryDelayMs(3600, 6)).toBe(DAY_MS);
    expect(retryDelayMs(30, 1000)).toBe(DAY_MS);
    // 2^1100 is Infinity: still a day, a date that exists.
    expect(new Date(Date.now() + retryDelayMs(30, 1100)).getTime()).not.toBeNaN();
  });
});
