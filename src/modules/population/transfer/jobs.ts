import { randomBytes } from 'node:crypto';
import type { MessageKey, Params } from '../../../platform/i18n/i18n.js';
import type { PlanCounts } from './plan.js';
import type { ParsedFile, Problem } from './validate.js';

/**
 * Imports in progress, kept in this process's memory: the rows read at the preview wait
 * here for the officer's confirmation (no second upload), then the import reports its
 * progress here. Small and short-lived by design: a restart forgets them, and the page
 * then asks for the file again. With several server processes, the proxy must send a
 * village officer's requests to the same one (sticky sessions) for this to be found.
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

export interface ImportJob {
  id: string;
  village: string;
  userId: number;
  fileName: string;
  createdAt: number;
  phase: JobPhase;
  step: JobStep;
  done: number;
  total: number;
  counts: PlanCounts;
  /** The rows read at the preview; dropped once the import has run. */
  file?: ParsedFile;
  result?: ImportResult;
  error?: { key: MessageKey; params: Params };
  /** When the village changed between preview and import: what is wrong now. */
  problems?: Problem[];
}

const MAX_JOBS = 100;
/** Rows held by previews waiting for confirmation, all together (a 50,000-row file holds some 50 MB). */
const MAX_WAITING_ROWS = 200_000;
const TTL_MS = 60 * 60 * 1000;

const jobs = new Map<string, ImportJob>();

function sweep(now = Date.now()) {
  for (const [id, job] of jobs) if (job.phase !== 'running' && now - job.createdAt > TTL_MS) jobs.delete(id);
  // Oldest first (a Map keeps insertion order): forget finished ones, then unconfirmed previews.
  while (jobs.size > MAX_JOBS) {
    const old = [...jobs.values()].find((j) => j.phase !== 'running');
    if (!old) break;
    jobs.delete(old.id);
  }
  // Memory first: the oldest unconfirmed previews give way (their page then asks for the file again).
  const waiting = [...jobs.values()].filter((j) => j.phase === 'ready' && j.file);
  let held = waiting.reduce((n, j) => n + j.file!.rows.length, 0);
  for (const old of waiting.slice(0, -1)) {
    if (held <= MAX_WAITING_ROWS) break;
    jobs.delete(old.id);
    held -= old.file!.rows.length;
  }
}

export function createJob(input: Pick<ImportJob, 'village' | 'userId' | 'fileName' | 'counts' | 'file'>): ImportJob | null {
  sweep();
  // Only running imports cannot be forgotten; so many at once means the server is overloaded.
  if ([...jobs.values()].filter((j) => j.phase === 'running').length >= MAX_JOBS) return null;
  const job: ImportJob = {
    ...input,
    // 128 random bits: the id is also the token that confirms the import.
    id: randomBytes(16).toString('base64url'),
    createdAt: Date.now(),
    phase: 'ready',
    step: 'waiting',
    done: 0,
    total: input.counts.newResidents + input.counts.updatedResidents,
  };
  jobs.set(job.id, job);
  sweep();
  return job;
}

/** A job of this village started by this user; anyone else's is as good as absent. */
export function findJob(id: string, village: string, userId: number): ImportJob | null {
  sweep();
  const job = jobs.get(id);
  return job && job.village === village && job.userId === userId ? job : null;
}

export function jobSnapshot(job: ImportJob) {
  const { file: _file, ...rest } = job;
  return rest;
}
export type JobSnapshot = ReturnType<typeof jobSnapshot>;
