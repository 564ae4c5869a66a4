import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the process was started from. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A module beside the caller, named without its extension: `.ts` when running TypeScript
 * (npm start, the tests), `.js` in the compiled build (dist/). For worker threads' entries.
 */
export const besideModule = (name: string, callerUrl: string): URL => new URL(`${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
