export { buildFailureReport, readBody, type FailureReport, type FailureLine } from './failure-report.js';
export { writeFailureReport, reportPaths } from './write-report.js';
export { failureReportCsv, csvField, CSV_COLUMNS } from './report-csv.js';
export { startDailyReport, runDailyReport, DEFAULT_REPORT_CRON, REPORT_TIMEZONE, type DailyReportOptions, type DailyReportResult, type DailyReportJob } from './daily-report.js';
export { indiaDayWindow, previousIndiaDate, type DayWindow } from './india-day.js';
