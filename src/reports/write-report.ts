/** Writes a failure report as <dataDir>/reports/failures-<date>.json and .csv. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FailureReport } from './failure-report.js';
import { failureReportCsv } from './report-csv.js';

export function reportPaths(dataDir: string, date: string): { json: string; csv: string } {
  const dir = path.join(dataDir, 'reports');
  return { json: path.join(dir, `failures-${date}.json`), csv: path.join(dir, `failures-${date}.csv`) };
}

/** Temp file then rename, so a reader never sees half a report. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, 'utf8');
  await fs.rename(tmp, file);
}

export async function writeFailureReport(dataDir: string, report: FailureReport): Promise<{ json: string; csv: string }> {
  // The date names the files: refuse anything that could walk out of the folder.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(report.date)) throw new Error('report.date must be YYYY-MM-DD');
  const paths = reportPaths(dataDir, report.date);
  await fs.mkdir(path.dirname(paths.json), { recursive: true });
  await writeAtomic(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomic(paths.csv, failureReportCsv(report));
  return paths;
}
