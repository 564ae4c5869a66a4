import type { UseCaseContext } from '../../platform/context.js';
import { advanceRdkk, createGroup, draftRdkk, redeem, registerFarmer, registerKiosk, seasonOf, setGroupLeader } from '../farmers/index.js';
import { recordCrop } from '../farmers/farmers.service.js';
import { recordStock } from '../farmers/kiosks.service.js';
import { recordOffer } from '../farmers/harvest.service.js';

/**
 * The demo village's farmers (the demo citizen among them, so self-service shows a card), two
 * Poktan in a Gapoktan, this year's RDKK of the first one approved by the district and the
 * regency, and a kiosk (account kios.hanura) that has received stock and filled one order.
 */
export async function seedDemoFarmers(who: { office: UseCaseContext; ppl: UseCaseContext; district: UseCaseContext; regency: UseCaseContext }, village: string, niks: string[], today: string, password: string) {
  const year = today.slice(0, 4);
  const season = seasonOf(today);
  const other = season === 1 ? 2 : 1;
  const gapoktan = await createGroup(who.office, village, { kind: 'gapoktan', name: 'Gapoktan Hanura Jaya' });
  const groups = [
    await createGroup(who.office, village, { kind: 'poktan', name: 'Poktan Sumber Rejeki', gapoktan_id: String(gapoktan.id) }),
    await createGroup(who.office, village, { kind: 'poktan', name: 'Poktan Tani Makmur', gapoktan_id: String(gapoktan.id) }),
  ];
  const crops = ['padi', 'jagung', 'kopi', 'padi', 'cabai', 'padi'];
  const farmers: number[] = [];
  for (const [i, nik] of niks.entries()) {
    const area = ['0.75', '1.2', '0.5', '1.8', '0.35', '2.4'][i % 6]!;
    const f = await registerFarmer(who.office, village, {
      nik, area_ha: area, tenure: i % 3 === 2 ? 'sharecrop' : 'own', group_id: String(groups[i % 2]!.id), commodity: crops[i % crops.length], season: String(season), year,
      ...(i % 4 === 0 ? { bank_name: 'Bank Lampung', bank_account: `10020030${String(4000 + i)}`, autp: '1' } : {}),
    });
    farmers.push(f.id);
  }
  // Some members' other season: rice again.
  for (const id of farmers.slice(0, 4)) await recordCrop(who.office, village, id, { commodity: 'padi', season: String(other), year, crop_area_ha: '0.5' });
  for (const [i, g] of groups.entries()) if (farmers[i + 2]) await setGroupLeader(who.office, village, g.id, { farmer_id: String(farmers[i + 2]) });

  for (const g of groups) {
    const plan = await draftRdkk(who.ppl, village, g.id, { year });
    // A demo without generated residents has one farmer: the second group's plan stays a draft.
    const lines = await who.office.db.kysely.selectFrom('rdkk_lines').select('id').where('village_code', '=', village).where('plan_id', '=', plan.id).where('refusal', 'is', null).limit(1).execute();
    if (lines.length === 0) continue;
    await advanceRdkk(who.ppl, village, plan.id, 'submit');
    if (g === groups[1]) break; // the second group's RDKK waits at the district
    await advanceRdkk(who.district, village, plan.id, 'verify');
    await advanceRdkk(who.regency, village, plan.id, 'approve');
  }

  await registerKiosk(who.regency, {
    name: 'Kios Tani Makmur Hanura', owner_name: 'Hendra Gunawan', address: 'Jl. Raya Hanura No. 21, Teluk Pandan', district: '18.09.10',
    villages: `${village}\n18.09.10.2001`, username: 'kios.hanura', password,
  });
  const kioskUser = await who.office.db.kysely.selectFrom('users').select('id').where('username', '=', 'kios.hanura').executeTakeFirstOrThrow();
  const kiosk: UseCaseContext = { ...who.office, actor: { kind: 'user', id: Number(kioskUser.id), username: 'kios.hanura', fullName: 'Kios Tani Makmur Hanura', role: 'fertiliser_kiosk', regionCode: '18.09.10', language: 'id' } };
  await recordStock(kiosk, { fertiliser: 'urea', quantity: '5000', received_on: today });
  await recordStock(kiosk, { fertiliser: 'npk', quantity: '4000', received_on: today });
  // The demo citizen (first farmer, in the approved group) took some urea this season.
  const card = await who.office.db.kysely.selectFrom('farmers').select('card_code').where('village_code', '=', village).where('id', '=', farmers[0]!).executeTakeFirstOrThrow();
  const left = await who.office.db.kysely.selectFrom('farm_allocations').select(['allocated']).where('village_code', '=', village).where('farmer_id', '=', farmers[0]!)
    .where('fertiliser', '=', 'urea').where('year', '=', Number(year)).where('season', '=', season).executeTakeFirst();
  if (left && Number(left.allocated) >= 50) await redeem(kiosk, card.card_code, { urea: '50' }, today);
  // The first group offers its rice harvest to buyers.
  await recordOffer(who.office, village, { group_id: String(groups[0]!.id), commodity: 'padi', quantity_kg: '2500', price_per_kg: '6200', available_on: today, contact_phone: '081234567890' });
}
