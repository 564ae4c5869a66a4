import type { Actor } from '../../../platform/access/access.js';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import type { JobRow } from '../../../platform/jobs/jobs.js';
import type { PlanCounts } from './plan.js';
import type { ParsedFile, Problem } from './validate.js';

/**
 * An import as a job in the database (platform/jobs): the rows read at the preview wait in
 * `job_rows` for the officer's confirmation (no second upload), then whichever server
 * process claims the job imports them and reports its progress on the job's row, where any
 * process's progress page reads it. A restart resumes a confirmed import from its rows.
 */

export type JobPhase = 'ready' | 'running' | 'done' | 'failed';
export type JobStep = 'waiting' | 'checking' | 'areas' | 'families' | 'residents' | 'corrections' | 'finishing';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  familiesCreated: number;
  familiesUpdated: number;
  areasCreated: number;
  ms: number;
}

/** What the job needs besides its rows: who confirmed it (for the audit log) and the file's header and checks. */
export interface ImportInput {
  actor?: Actor;
  ip?: string;
  lang?: Lang;
  counts: PlanCounts;
  file: Omit<ParsedFile, 'rows'>;
}

export interface ImportError {
  key: MessageKey;
  params: Params;
  /** When the village changed between preview and import: what is wrong now. */
  problems?: Problem[];
  counts?: PlanCounts;
}

/** A job as its page shows it. */
export function jobSnapshot(job: JobRow<ImportInput>) {
  const error = job.error as ImportError | null;
  const phase: JobPhase = job.status === 'ready' || job.status === 'staging' ? 'ready' : job.status === 'done' ? 'done' : job.status === 'failed' || job.status === 'expired' ? 'failed' : 'running';
  return {
    id: job.id,
    fileName: job.file_name,
    phase,
    step: (job.status === 'queued' ? 'waiting' : job.step) as JobStep,
    done: job.done,
    total: job.total,
    counts: error?.counts ?? job.input.counts,
    result: (job.result as ImportResult | null) ?? undefined,
    error: error ? { key: error.key, params: error.params } : undefined,
    problems: error?.problems,
  };
}
export type JobSnapshot = ReturnType<typeof jobSnapshot>;
