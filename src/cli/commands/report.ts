/**
 * `report [--date YYYY-MM-DD]`: the daily failure report of one India day (default:
 * yesterday in India), written as JSON and CSV under <DATA_DIR>/reports/.
 */
import { loadEnvConfig } from '../../config.js';
import { systemClock, type Clock } from '../../clock.js';
import { createDb } from '../../store/db.js';
import { migrateLatest } from '../../store/migrate.js';
import { buildFailureReport, previousIndiaDate, writeFailureReport } from '../../reports/index.js';
import { EXIT_OK, type TextSink } from '../exit.js';

export interface ReportOptions {
  date?: string;
}

export async function report(
  options: ReportOptions,
  env: NodeJS.ProcessEnv = process.env,
  out: TextSink = process.stdout,
  clock: Clock = systemClock,
): Promise<number> {
  const config = loadEnvConfig(env);
  const date = options.date ?? previousIndiaDate(clock.now());
  const db = createDb({ url: config.databaseUrl });
  try {
    // A fresh install has no tables yet; an empty report is still a report.
    await migrateLatest(db);
    const built = await buildFailureReport(db, date, clock);
    const files = await writeFailureReport(config.dataDir, built);
    const t = built.totals;
    out.write(
      [
        `Failure report for ${date} (India day, ${built.window.from} to ${built.window.to})`,
        `  calls ${t.calls}, failed calls ${t.failed_calls}, failed references ${t.failed_references}`,
        `  shipments created ${t.shipments_created}, booked ${t.shipments_booked}`,
        `  json: ${files.json}`,
        `  csv:  ${files.csv}`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.destroy();
  }
  return EXIT_OK;
}
