import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, recordResults, runSection, table, utcDate, type Benchmark, type Measurement } from './harness.js';

/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- population-load` runs the
 * ones named. Results are printed and recorded at the top of bench/RESULTS.md.
 */

const here = dirname(fileURLToPath(import.meta.url));

async function main(args: string[]) {
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
  const available = new Map<string, string>(files.map((f) => [f.replace(/\.bench\.ts$/, ''), f]));
  const wanted = args.filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !available.has(n));
  if (unknown.length) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${[...available.keys()].join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const names = wanted.length ? wanted : [...available.keys()];
  const date = utcDate();
  const machine = await describeMachine();
  console.log(`${date} · ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverage}`);

  const rows: { benchmark: string; m: Measurement }[] = [];
  const notes: string[] = [];
  for (const name of names) {
    const { benchmark } = (await import(join(here, available.get(name)!))) as { benchmark: Benchmark };
    console.log(`\n▶ ${benchmark.name}: ${benchmark.description}`);
    const log = (line: string) => console.log(`  ${line}`);
    try {
      for (const m of await benchmark.run(log)) {
        rows.push({ benchmark: benchmark.name, m });
        if (m.rows) log(`${m.database} · ${m.what}: ${m.rows.toLocaleString('en-US')} rows in ${m.seconds.toFixed(2)} s = ${Math.round(m.rows / m.seconds).toLocaleString('en-US')} rows/s`);
      }
    } catch (err) {
      console.error(err);
      notes.push(`${benchmark.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  }
  console.log(`\n${table(rows)}`);
  recordResults(join(here, 'RESULTS.md'), runSection(date, machine, names, rows, notes));
  console.log(`\nRecorded in bench/RESULTS.md.`);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
