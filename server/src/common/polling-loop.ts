import { Logger } from '@nestjs/common';

/**
 * Runs `work` in the background every `everyMs`, one run at a time (a turn that finds one under way
 * is skipped), logging what it throws: the loop of the workers every server process runs. `stop`
 * waits for the run under way.
 */
export class PollingLoop {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  /** Starts the turns (the first after `everyMs`, or at once with `now`); again, nothing. */
  start(now = false): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.turn(), this.everyMs).unref();
    if (now) this.turn();
  }

  /** No more turns; resolves once the run under way has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private turn(): void {
    if (this.running) return;
    this.running = this.work()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(error instanceof Error ? error.stack : String(error)),
      )
      .finally(() => {
        this.running = undefined;
      });
  }
}
