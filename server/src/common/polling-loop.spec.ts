import { Logger } from '@nestjs/common';
import { PollingLoop } from './polling-loop';

describe('PollingLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Work that runs until `finish` is called, counting its runs. */
  function slowWork() {
    let finish = () => {};
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    return { work, finish: () => finish() };
  }

  it('runs one turn at a time, skipping turns while one is under way, and stops after the run under way', async () => {
    const { work, finish } = slowWork();
    const loop = new PollingLoop('test', 1000, work);
    loop.start();
    expect(work).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    jest.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('starts with a turn at once when asked, and logs what a run throws without stopping', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const work = jest.fn().mockRejectedValueOnce(new Error('数据库不可用')).mockResolvedValue(undefined);
    const loop = new PollingLoop('test', 1000, work);
    loop.start(true);
    expect(work).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('数据库不可用'));
    expect(work).toHaveBeenCalledTimes(2);
    await loop.stop();
  });
});
