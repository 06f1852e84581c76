/**
 * The Cron Triggers of wrangler.toml's `[triggers]`, keep them in step: the job every minute,
 * retention (edge/jobs/retention.ts) hourly. `npm run dev:workers` fires them by name too.
 */
export const JOB_CRON = '* * * * *';
export const RETENTION_CRON = '17 * * * *';
