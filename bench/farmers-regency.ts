import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { hashPassword } from '../src/modules/identity/index.js';
import { seasonOf } from '../src/modules/farmers/catalog.js';
import { recordStock, registerKiosk } from '../src/modules/farmers/kiosks.service.js';
import { refreshFarmRollup } from '../src/modules/farmers/rollup.js';
import { fillRegion } from '../src/modules/population/generate-population.command.js';
import { time } from './harness.js';

/**
 * A generated regency for the farmer card benchmark (issue 16): villages of Lampung Tengah
 * (18.02, 311 villages: the first ones by code) filled with residents by the population
 * generator, then farmers, parcels, crops, Poktan and Gapoktan, one approved RDKK per village,
 * its allocations, kiosks and earlier redemptions.
 *
 * Where the services are bypassed, and why: registering 100,000 farmers one by one through
 * registerFarmer (a transaction, an audit row and a rollup recount each) would take an hour on
 * this machine, so farmers, their NIK claims and cards, parcels, crops, groups, members, the RDKK
 * (plans, lines, allocations) and the earlier redemptions are inserted in bulk with SQL that keeps
 * the rules the services keep (living adult residents, one NIK once, ≤ 2 ha and eligible crops
 * for an allocation; lines costed by the dosage table as generateLines does, allocations summed
 * as applyAllocations does). Kiosks and their stock go through the services (a few dozen). The
 * rollups are then rebuilt: refreshFarmRollup per village (the module's own function), and the
 * fertiliser and kiosk-day rollups from the rows they count, so the dashboard reads what
 * production would.
 */

export interface RegencyOptions {
  regency: string;
  villages: number;
  farmers: number;
  rdkkLines: number;
  residentsPerVillage: number;
  /** Villages served by one kiosk at most (kiosks serve villages of their own district). */
  villagesPerKiosk: number;
  today: string;
}

export interface Kiosk { id: number; userId: number; username: string; district: string; villages: string[] }

export interface Regency {
  villages: string[];
  residents: number;
  farmers: number;
  lines: number;
  kiosks: Kiosk[];
  kioskPassword: string;
  officer: { username: string; password: string; ctx: UseCaseContext };
  province: UseCaseContext;
  /** Seconds of each step. */
  steps: [string, number][];
}

const CARD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const POKTAN = ['Sri Rejeki', 'Tani Makmur', 'Sumber Rezeki', 'Karya Tani', 'Maju Bersama', 'Harapan Jaya', 'Mekar Sari', 'Subur Makmur', 'Tunas Harapan', 'Sido Mulyo'];
const PASSWORD = 'bench-farmers-password';

/** `chars` characters of CARD_ALPHABET from md5(label): deterministic, and spread enough that 100,000 codes do not collide. */
const code = (label: RawBuilder<string>, chars: number) =>
  sql<string>`(select string_agg(substr(${CARD_ALPHABET}, 1 + get_byte(decode(md5(${label}), 'hex'), i) % 32, 1), '' order by i) from generate_series(0, ${sql.lit(chars - 1)}) i)`;

export async function generateRegency(db: Db, o: RegencyOptions, log: (l: string) => void): Promise<Regency> {
  const k = db.kysely;
  const steps: [string, number][] = [];
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const { value, seconds } = await time(work);
    steps.push([what, seconds]);
    log(`${db.kind}: ${what} in ${seconds.toFixed(1)} s`);
    return value;
  };
  const year = Number(o.today.slice(0, 4));
  const season = seasonOf(o.today);
  const seasonStart = `${year}-${String((season - 1) * 4 + 1).padStart(2, '0')}-01`;
  const adult = `${year - 17}${o.today.slice(4)}`;

  const fill = await step(`${o.villages} villages of ${o.regency} filled with ${o.residentsPerVillage} residents each (population generator)`, () =>
    fillRegion(db, { scope: o.regency, perVillage: o.residentsPerVillage, seed: 16, asOf: o.today, limit: o.villages, concurrency: 2, progressEvery: 100, log }));
  if (fill.failure) throw fill.failure;

  // The accounts: the extension officer who drafts, the district that verifies, the regency's agriculture office that approves.
  const passwordHash = await hashPassword(PASSWORD);
  const user = async (username: string, role: string, region: string) =>
    Number((await k.insertInto('users').values({ username, password_hash: passwordHash, full_name: username, role, region_code: region, position_title: null, nip: null, email: null, phone: null, created_by: null })
      .returning('id').executeTakeFirstOrThrow()).id);
  const villages = (await k.selectFrom('villages').select('village_code').where('village_code', '>', `${o.regency}.`).where('village_code', '<', `${o.regency}/`).orderBy('village_code').execute()).map((v) => v.village_code);
  const district = villages[0]!.slice(0, 8);
  const ppl = await user('bench.ppl', 'extension_officer', district);
  const verifier = await user('bench.kecamatan', 'district_officer', district);
  const distan = await user('bench.distan', 'agriculture_officer', o.regency);
  const provinceUser = await user('bench.provinsi', 'province_admin', o.regency.slice(0, 2));
  const ctxOf = (id: number, username: string, role: Actor['role'], regionCode: string): UseCaseContext => ({ db, ip: 'bench', lang: 'id', actor: { kind: 'user', id, username, fullName: username, role, regionCode, language: 'id' } });
  const officer = ctxOf(distan, 'bench.distan', 'agriculture_officer', o.regency);

  // Farmers per village (the first villages take the remainder), the RDKK group's padi growers per
  // village, and the villages whose group also has a lada grower (one refused line): 3 lines a padi
  // grower (urea, NPK, organic), so the lines add up to exactly rdkkLines.
  const perVillage = Math.floor(o.farmers / villages.length);
  const moreFarmers = o.farmers - perVillage * villages.length;
  const padi = Math.floor(o.rdkkLines / (3 * villages.length));
  const lada = o.rdkkLines - 3 * padi * villages.length;
  if (lada > villages.length) throw new Error('rdkkLines does not fit the villages');
  const v = sql`(select village_code, (row_number() over (order by village_code) - 1)::int as ord from villages where village_code > ${`${o.regency}.`} and village_code < ${`${o.regency}/`})`;
  // Each farmer's rank in the village, a hash for made-up choices, whether they are in the RDKK group, and the first parcel's area.
  const ranked = sql`(select x.*, (x.n <= ${padi} + case when x.ord < ${lada} then 1 else 0 end) as rdkk, (x.n = ${padi + 1}) as grows_lada,
      case when x.n <= ${padi + 1} then 0.25 + (x.h % 150) / 100.0 else 0.10 + (x.h % 290) / 100.0 end as area
    from (select f.village_code, f.id, v.ord, row_number() over (partition by f.village_code order by f.id) as n, abs(hashtext('parcel:' || f.village_code || f.id))::bigint as h
      from farmers f join ${v} v on v.village_code = f.village_code) x)`;
  const poktan = sql.join(POKTAN.map((name, i) => sql`(${name}, ${i + 1}::int)`));

  await step(`${o.farmers.toLocaleString('en-US')} farmers with NIK claims, cards, parcels and crops, ${POKTAN.length} Poktan and a Gapoktan per village (SQL)`, () =>
    k.transaction().execute(async (trx) => {
      // Living adults, heads of family first: the first ones of each village become farmers.
      await sql`insert into farmers (village_code, resident_id, card_code, bank_name, bank_account, autp, bpjs_tk, registered_by)
        select x.village_code, x.id, ${code(sql`'card:' || x.village_code || ':' || x.id`, 10)},
          case when x.h % 10 < 3 then 'BRI' end, case when x.h % 10 < 3 then lpad(x.h::text, 12, '0') end, x.h % 4 = 0, x.h % 6 = 0, ${ppl}::bigint
        from (select r.village_code, r.id, v.ord, abs(hashtext('farmer:' || r.village_code || r.id))::bigint as h,
            row_number() over (partition by r.village_code order by r.family_relation nulls last, r.id) as n
          from residents r join ${v} v on v.village_code = r.village_code
          where r.life_status = 1 and r.birth_date <= ${adult}::date) x
        where x.n <= ${perVillage} + case when x.ord < ${moreFarmers} then 1 else 0 end`.execute(trx);
      const made = Number((await sql<{ n: string }>`select count(*) as n from farmers`.execute(trx)).rows[0]!.n);
      if (made !== o.farmers) throw new Error(`${made} farmers, not ${o.farmers}: too few living adults per village (raise residentsPerVillage)`);
      await sql`insert into farmer_niks (nik, village_code, farmer_id)
        select r.nik, f.village_code, f.id from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id`.execute(trx);
      await sql`insert into farmer_cards (card_code, village_code, farmer_id) select card_code, village_code, id from farmers`.execute(trx);
      // One parcel each (≤ 2 ha for the RDKK group), a second rented one for one farmer in seven outside it.
      await sql`insert into farm_parcels (village_code, farmer_id, area_ha, tenure, created_by)
        select village_code, id, area, case when h % 10 < 7 then 'own' when h % 10 < 9 then 'rent' else 'sharecrop' end, ${ppl}::bigint from ${ranked} f
        union all
        select village_code, id, 0.25 + (h / 7 % 100) / 100.0, 'rent', ${ppl}::bigint from ${ranked} f where not rdkk and h % 7 = 0`.execute(trx);
      // This year's crop on the first parcel: the RDKK group grows padi this season (one of them lada), the rest a Lampung mix in any season.
      await sql`insert into farm_crops (village_code, farmer_id, year, season, commodity, area_ha, created_by)
        select village_code, id, ${year}::int, case when rdkk then ${season}::int else 1 + (h / 1000 % 3)::int end,
          case when rdkk and grows_lada then 'lada' when rdkk then 'padi' else (case
            when h / 10 % 100 < 40 then 'padi' when h / 10 % 100 < 60 then 'jagung' when h / 10 % 100 < 70 then 'ubi_kayu'
            when h / 10 % 100 < 78 then 'kopi' when h / 10 % 100 < 83 then 'kakao' when h / 10 % 100 < 88 then 'cabai'
            when h / 10 % 100 < 92 then 'lada' when h / 10 % 100 < 96 then 'karet' when h / 10 % 100 < 98 then 'kelapa_sawit' else 'kedelai' end) end,
          area, ${ppl}::bigint
        from ${ranked} f`.execute(trx);
      await sql`insert into farmer_groups (village_code, kind, name, created_by)
        select v.village_code, 'gapoktan', 'Gapoktan ' || r.name, ${ppl}::bigint from ${v} v join regions r on r.code = v.village_code`.execute(trx);
      await sql`insert into farmer_groups (village_code, kind, name, gapoktan_id, created_by)
        select g.village_code, 'poktan', p.name, g.id, ${ppl}::bigint from farmer_groups g cross join (values ${poktan}) p(name, k) where g.kind = 'gapoktan'`.execute(trx);
      // The RDKK group (the first Poktan) holds the padi and lada growers; the others share the rest.
      await sql`insert into farmer_group_members (village_code, group_id, farmer_id, joined_on, created_by)
        select f.village_code, g.id, f.id, ${`${year}-01-06`}::date, ${ppl}::bigint
        from ${ranked} f join (values ${poktan}) p(name, k) on p.k = case when f.rdkk then 1 else 2 + (f.n % ${POKTAN.length - 1})::int end
          join farmer_groups g on g.village_code = f.village_code and g.kind = 'poktan' and g.name = p.name`.execute(trx);
      await sql`update farmer_groups g set leader_farmer_id = m.farmer_id
        from (select village_code, group_id, min(farmer_id) as farmer_id from farmer_group_members group by village_code, group_id) m
        where g.village_code = m.village_code and g.id = m.group_id`.execute(trx);
    }));

  const lines = await step(`${o.rdkkLines.toLocaleString('en-US')} RDKK lines of ${villages.length} approved plans and their allocations (SQL)`, () =>
    k.transaction().execute(async (trx) => {
      const at = (day: string) => sql`${`${year}-${day} 09:00:00+07`}::timestamptz`;
      await sql`insert into rdkk_plans (village_code, group_id, year, version, status, drafted_by, drafted_at, submitted_by, submitted_at, verified_by, verified_at, approved_by, approved_at)
        select village_code, id, ${year}::int, 1, 'approved', ${ppl}::bigint, ${at('01-10')}, ${ppl}::bigint, ${at('01-12')}, ${verifier}::bigint, ${at('01-20')}, ${distan}::bigint, ${at('02-03')}
        from farmer_groups where kind = 'poktan' and name = ${POKTAN[0]}`.execute(trx);
      // As generateLines: each member's crop of the year costed by the dosage table, or refused with the reason.
      await sql`insert into rdkk_lines (village_code, plan_id, farmer_id, season, commodity, area_ha, fertiliser, quantity, refusal)
        select c.village_code, p.id, c.farmer_id, c.season, c.commodity, c.area_ha, case when k.eligible then d.fertiliser end,
          case when k.eligible then round(c.area_ha * d.kg_per_ha, 2) else 0 end, case when not k.eligible then 'not_eligible_commodity' end
        from rdkk_plans p join farmer_group_members m on m.village_code = p.village_code and m.group_id = p.group_id and m.left_on is null
          join farm_crops c on c.village_code = m.village_code and c.farmer_id = m.farmer_id and c.year = p.year
          join farm_commodities k on k.code = c.commodity left join fertiliser_dosages d on d.commodity = c.commodity and k.eligible
        where not k.eligible or d.fertiliser is not null`.execute(trx);
      // As applyAllocations: per farmer, season and fertiliser the sum of the plan's lines.
      await sql`insert into farm_allocations (village_code, farmer_id, year, season, fertiliser, allocated, plan_id)
        select l.village_code, l.farmer_id, p.year, l.season, l.fertiliser, sum(l.quantity), p.id
        from rdkk_lines l join rdkk_plans p on p.village_code = l.village_code and p.id = l.plan_id
        where l.refusal is null group by l.village_code, l.farmer_id, p.year, l.season, l.fertiliser, p.id`.execute(trx);
      return Number((await sql<{ n: string }>`select count(*) as n from rdkk_lines`.execute(trx)).rows[0]!.n);
    }));
  if (lines !== o.rdkkLines) throw new Error(`${lines} RDKK lines, not ${o.rdkkLines}`);

  // Kiosks through the service: each serves up to villagesPerKiosk villages of its district, and received its season's stock.
  const byDistrict = new Map<string, string[]>();
  for (const code of villages) byDistrict.set(code.slice(0, 8), [...(byDistrict.get(code.slice(0, 8)) ?? []), code]);
  const kiosks: Kiosk[] = [];
  await step('kiosks registered and their stock recorded (services)', async () => {
    for (const [district, list] of byDistrict) {
      for (let i = 0; i < list.length; i += o.villagesPerKiosk) {
        const n = kiosks.length + 1;
        const served = list.slice(i, i + o.villagesPerKiosk);
        const { id, username } = await registerKiosk(officer, { name: `Kios Tani Subur ${n}`, owner_name: `Pemilik Kios ${n}`, address: `Jalan Raya ${n}`, district, villages: served.join('\n'), username: `kios.bench${n}`, password: PASSWORD });
        const userId = Number((await k.selectFrom('farm_kiosks').select('user_id').where('id', '=', id).executeTakeFirstOrThrow()).user_id);
        const kiosk = ctxOf(userId, username, 'fertiliser_kiosk', district);
        for (const [fertiliser, quantity] of [['urea', '20000'], ['npk', '25000'], ['organik', '10000']]) await recordStock(kiosk, { fertiliser, quantity, received_on: seasonStart });
        kiosks.push({ id, userId, username, district, villages: served });
      }
    }
  });

  await step('earlier redemptions (a third of the allocations, half their urea) and the rollups rebuilt', async () => {
    await k.transaction().execute(async (trx) => {
      await sql`insert into farm_redemptions (village_code, farmer_id, kiosk_id, year, season, receipt_no, redeemed_on, redeemed_at, created_by)
        select a.village_code, a.farmer_id, kk.id, a.year, a.season, to_char(x.day, 'YYYYMMDD') || '-' || ${code(sql`'receipt:' || a.village_code || ':' || a.farmer_id`, 6)},
          x.day, (x.day + time '10:00') at time zone 'Asia/Jakarta', kk.user_id
        from farm_allocations a join farm_kiosk_villages kv on kv.village_code = a.village_code join farm_kiosks kk on kk.id = kv.kiosk_id
          cross join lateral (select greatest(${seasonStart}::date, ${o.today}::date - (abs(hashtext('day:' || a.farmer_id)) % 30)::int) as day) x
        where a.fertiliser = 'urea' and a.year = ${year} and a.season = ${season} and abs(hashtext('redeemed:' || a.village_code || a.farmer_id)) % 3 = 0`.execute(trx);
      await sql`insert into farm_redemption_items (village_code, redemption_id, fertiliser, quantity)
        select d.village_code, d.id, 'urea', round(a.allocated / 2, 2) from farm_redemptions d
          join farm_allocations a on a.village_code = d.village_code and a.farmer_id = d.farmer_id and a.year = d.year and a.season = d.season and a.fertiliser = 'urea'`.execute(trx);
      await sql`update farm_allocations a set redeemed = s.quantity
        from (select d.village_code, d.farmer_id, d.year, d.season, i.fertiliser, sum(i.quantity) as quantity
          from farm_redemptions d join farm_redemption_items i on i.village_code = d.village_code and i.redemption_id = d.id group by 1, 2, 3, 4, 5) s
        where a.village_code = s.village_code and a.farmer_id = s.farmer_id and a.year = s.year and a.season = s.season and a.fertiliser = s.fertiliser`.execute(trx);
      // The rollups the services write in each transaction, counted once from their rows.
      await sql`insert into monitoring_fertiliser (village_code, year, fertiliser, allocated, redeemed)
        select village_code, year, fertiliser, sum(allocated), sum(redeemed) from farm_allocations group by village_code, year, fertiliser`.execute(trx);
      await sql`insert into monitoring_kiosk_days (village_code, kiosk_id, day, fertiliser, quantity, redemptions)
        select d.village_code, d.kiosk_id, d.redeemed_on, i.fertiliser, sum(i.quantity), count(*)::int
        from farm_redemptions d join farm_redemption_items i on i.village_code = d.village_code and i.redemption_id = d.id group by 1, 2, 3, 4`.execute(trx);
      for (const code of villages) await refreshFarmRollup(trx, code);
    });
    await sql`analyze`.execute(k);
  });

  return {
    villages, residents: fill.residents, farmers: o.farmers, lines, kiosks, kioskPassword: PASSWORD,
    officer: { username: 'bench.distan', password: PASSWORD, ctx: officer },
    province: ctxOf(provinceUser, 'bench.provinsi', 'province_admin', o.regency.slice(0, 2)),
    steps,
  };
}
