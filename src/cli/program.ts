/**
 * The connector's command line: `serve` (default), `migrate`, `demo`, `report`,
 * `poll-tracking`, `forget-key`.
 * Each command lives in ./commands/; this file only declares them (commander 14), and
 * runs them when ./main.js (the bin) imports it.
 */
import { startDone } from './young-generation.js';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_OK, EXIT_USAGE, finish, reportError } from './exit.js';
import { serve, stopOnSignals } from './commands/serve.js';
import { migrate } from './commands/migrate.js';
import { demo, DEMO_DEFAULTS } from './commands/demo.js';
import { report } from './commands/report.js';
import { forgetKey } from './commands/forget-key.js';
import { pollTracking } from './commands/poll-tracking.js';

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function isoDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError('must be YYYY-MM-DD');
  return text;
}

function buildProgram(): Command {
  const program = new Command('clickpost-connector')
    .description('ClickPost B2B shipping connector: AWB and label for every multi-box shipment, with P1/P2/P3 failover.')
    .showHelpAfterError()
    // Usage errors (unknown option, bad value) exit 2 like a bad environment; help exits 0.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT_OK : EXIT_USAGE));

  program
    .command('serve', { isDefault: true })
    .description('run the HTTP service and its workers (configured from the environment; see the contract, "Environment")')
    .action(async () => {
      const starting = serve();
      stopOnSignals(starting);
      try {
        await starting;
      } catch (err) {
        process.exit(reportError(err));
      }
    });

  program
    .command('migrate')
    .description('apply pending database migrations to DATABASE_URL')
    .action(() => finish(() => migrate()));

  program
    .command('demo')
    .description('run sample multi-box shipments through the built-in ClickPost sandbox, on a database of its own')
    .option('--shipments <n>', 'how many shipments', wholeNumber(1, 10_000), DEMO_DEFAULTS.shipments)
    .option('--interval-ms <ms>', 'wait between label polls', wholeNumber(1, 60_000), DEMO_DEFAULTS.intervalMs)
    .option('--concurrency <n>', 'ClickPost calls the worker runs at once', wholeNumber(1, 256), DEMO_DEFAULTS.concurrency)
    .option('--database <url>', 'sqlite:PATH of the demo database (deleted first)', DEMO_DEFAULTS.database)
    .option('--timeout-ms <ms>', 'give up waiting for the shipments after this long', wholeNumber(1_000, 3_600_000), DEMO_DEFAULTS.timeoutMs)
    .action((opts: { shipments: number; intervalMs: number; concurrency: number; database: string; timeoutMs: number }) => finish(() => demo(opts)));

  program
    .command('report')
    .description('write the daily failure report of one India day into <DATA_DIR>/reports/')
    .option('--date <YYYY-MM-DD>', 'the India day (default: yesterday in India)', isoDate)
    .action((opts: { date?: string }) => finish(() => report(opts)));

  program
    .command('poll-tracking')
    .description('ask ClickPost now for the tracking of every open shipment (the nightly backup poll, on demand)')
    .action(() => finish(() => pollTracking()));

  program
    .command('forget-key')
    .description('remove the saved ClickPost Username and Key (when the master key they were saved under is lost)')
    .action(() => finish(() => forgetKey()));

  return program;
}

/** serve is the default command: no command word, or `serve`. */
function runsServe(args: string[]): boolean {
  const word = args.find((a) => !a.startsWith('-'));
  return word === undefined || word === 'serve';
}

// serve gives V8 its default back once it listens; the other commands are loaded by now.
if (!runsServe(process.argv.slice(2))) startDone();
await buildProgram().parseAsync(process.argv);
