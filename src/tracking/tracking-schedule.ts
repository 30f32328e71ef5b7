/**
 * The daily poll's timer: node-cron, one task, never two runs at once (noOverlap). A bad
 * expression throws at once with every wrong field named, so a typo in the setting
 * stops start-up instead of silently never polling.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export class InvalidCronError extends Error {
  override name = 'InvalidCronError';
  readonly code = 'invalid_cron';
  constructor(readonly expression: string, reasons: string[]) {
    super(`invalid tracking poll cron expression "${expression}"${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
  }
}

/** Throws InvalidCronError unless node-cron accepts the expression. */
export function assertCronExpression(expression: string): void {
  if (typeof expression !== 'string' || expression.trim() === '') throw new InvalidCronError(String(expression), ['empty']);
  const check = cron.validateDetailed(expression);
  if (!check.valid || !cron.validate(expression)) {
    throw new InvalidCronError(expression, check.errors.map((e) => `${e.field}${e.value === undefined ? '' : ` "${e.value}"`}: ${e.message}`));
  }
}

export class PollSchedule {
  private task: ScheduledTask | null = null;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Validates, then (re)starts the task; an earlier task is stopped first. */
  start(expression: string): void {
    assertCronExpression(expression);
    this.stop();
    this.task = cron.schedule(
      expression,
      async () => {
        try {
          await this.run();
        } catch (err) {
          this.logger.error('tracking poll failed', { error: (err as Error)?.message ?? String(err) });
        }
      },
      { name: 'tracking-poll', noOverlap: true },
    );
  }

  stop(): void {
    const task = this.task;
    this.task = null;
    if (task) void task.destroy();
  }

  get running(): boolean {
    return this.task !== null;
  }
}
