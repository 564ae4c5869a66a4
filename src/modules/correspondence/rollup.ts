import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The incoming-mail rollup (monitoring_mail) counted again from a village's letters and routings
 * (`balai rebuild-rollups`): letters received per month of receipt (voided ones out), routings
 * per month made, done per month done (WIB), late when done after the due day. The use cases
 * write the same numbers as they go (incoming.service.ts, routing.service.ts).
 */
export async function rebuildMailRollup(trx: Transaction<Database>, village: string) {
  await trx.deleteFrom('monitoring_mail').where('village_code', '=', village).execute();
  await sql`insert into monitoring_mail (village_code, month, received, routed, done, done_late)
    select ${village}, m.month, sum(m.received)::int, sum(m.routed)::int, sum(m.done)::int, sum(m.late)::int from (
      select date_trunc('month', received_on)::date as month, 1 as received, 0 as routed, 0 as done, 0 as late from incoming_letters where village_code = ${village} and voided_at is null
      union all
      select date_trunc('month', (routed_at at time zone 'Asia/Jakarta'))::date, 0, 1, 0, 0 from incoming_letter_routes where village_code = ${village}
      union all
      select date_trunc('month', (done_at at time zone 'Asia/Jakarta'))::date, 0, 0, 1, case when (done_at at time zone 'Asia/Jakarta')::date > due_on then 1 else 0 end
      from incoming_letter_routes where village_code = ${village} and done_at is not null
    ) m group by m.month`.execute(trx);
}
