/**
 * voting.test.ts's child process (not part of the application): votes one voter after another
 * at one TPS against a PostgreSQL database until it is killed (kill -9) by the test. Each voter:
 * a token issued at the desk, then spent in the booth; "cast <n>" is written after each vote.
 * Usage: node --import tsx crash-voter.ts <database url> <village> <election> <station> <candidates,…> <nik,…>
 */
import { connect } from '../../platform/db/connect.js';
import { contextOf } from './test-support.js';
import { castVote, issueToken } from './voting.service.js';

const [url, village, election, station, candidateList, nikList] = process.argv.slice(2);
const db = await connect({ databaseUrl: url!, poolSize: 2 });
const ctx = await contextOf(db, 'kpps1.hanura');
const candidates = candidateList!.split(',').map(Number);
let n = 0;
for (const nik of nikList!.split(',')) {
  const { token } = await issueToken(ctx, village!, Number(election), Number(station), nik);
  await castVote(ctx, village!, Number(election), Number(station), token, candidates[n % candidates.length]!);
  n += 1;
  process.stdout.write(`cast ${n}\n`);
}
process.stdout.write('done\n');
await db.close();
