import type { Actor } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { addBudgetLine, adoptBudget, startBudget, verifyBudget } from '../budget/index.js';

/**
 * This year's APBDes of the demo village, adopted the way a village does it: the treasurer
 * types the lines, the secretary verifies, the head adopts it by village regulation. Income
 * from Dana Desa, ADD and own income, spending in all five bidang, a SiLPA and a capital
 * participation in the BUMDes so that it balances. Made-up figures of a plausible size.
 */
export async function seedDemoBudget(base: UseCaseContext, village: string, people: { treasurer: Actor; secretary: Actor; head: Actor }) {
  const today = todayInWib();
  const year = Number(today.slice(0, 4));
  const as = (actor: Actor): UseCaseContext => ({ ...base, actor });
  const { id } = await startBudget(as(people.treasurer), village, { year });
  const lines = [
    { account_code: '4.2.1', description: `Dana Desa ${year}`, volume: '1', unit: 'tahun', unit_price: '1.024.000.000' },
    { account_code: '4.2.3', description: `Alokasi Dana Desa ${year}`, volume: '1', unit: 'tahun', unit_price: '412.500.000' },
    { account_code: '4.2.2', description: 'Bagi hasil pajak dan retribusi daerah', volume: '1', unit: 'tahun', unit_price: '38.200.000' },
    { account_code: '4.1.2', description: 'Sewa tanah kas desa', volume: '2,5', unit: 'hektare', unit_price: '8.000.000' },
    { account_code: '6.1.1', description: `SiLPA ${year - 1}`, volume: '1', unit: 'tahun', unit_price: '17.350.000' },
    { account_code: '5.1.1', activity_code: '1.1.01', fund: 'ADD', description: 'Penghasilan tetap Kepala Desa', volume: '12', unit: 'bulan', unit_price: '4.200.000' },
    { account_code: '5.1.2', activity_code: '1.1.02', fund: 'ADD', description: 'Penghasilan tetap perangkat desa (9 orang)', volume: '108', unit: 'orang-bulan', unit_price: '2.300.000' },
    { account_code: '5.2.5', activity_code: '1.1.04', fund: 'ADD', description: 'Operasional kantor desa (ATK, listrik, internet)', volume: '12', unit: 'bulan', unit_price: '3.500.000' },
    { account_code: '5.2.2', activity_code: '1.4.01', fund: 'ADD', description: 'Musyawarah perencanaan desa', volume: '2', unit: 'kegiatan', unit_price: '6.000.000' },
    { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Rabat beton jalan Dusun II (lebar 3 m)', volume: '420', unit: 'meter', unit_price: '1.150.000' },
    { account_code: '5.3.7', activity_code: '2.3.14', fund: 'DDS', description: 'Drainase jalan Dusun IV', volume: '150', unit: 'meter', unit_price: '650.000' },
    { account_code: '5.2.7', activity_code: '2.2.02', fund: 'DDS', description: 'Makanan tambahan balita dan ibu hamil (posyandu)', volume: '2.400', unit: 'porsi', unit_price: '15.000' },
    { account_code: '5.2.2', activity_code: '2.2.02', fund: 'DDS', description: 'Insentif kader posyandu (10 orang)', volume: '120', unit: 'orang-bulan', unit_price: '150.000' },
    { account_code: '5.2.2', activity_code: '3.4.03', fund: 'PAD', description: 'Honor kader PKK', volume: '12', unit: 'bulan', unit_price: '1.000.000' },
    { account_code: '5.2.1', activity_code: '3.1.02', fund: 'PBH', description: 'Perlengkapan Linmas', volume: '1', unit: 'paket', unit_price: '12.000.000' },
    { account_code: '5.2.1', activity_code: '4.2.05', fund: 'DDS', description: 'Pelatihan pupuk organik kelompok tani', volume: '1', unit: 'paket', unit_price: '25.000.000' },
    { account_code: '5.2.3', activity_code: '4.3.02', fund: 'ADD', description: 'Bimbingan teknis perangkat desa', volume: '4', unit: 'orang', unit_price: '3.500.000' },
    { account_code: '5.4.1', activity_code: '5.3.00', fund: 'DDS', description: 'Bantuan Langsung Tunai Dana Desa', volume: '360', unit: 'KPM-bulan', unit_price: '300.000' },
  ];
  for (const l of lines) await addBudgetLine(as(people.treasurer), village, id, l);
  // What is left balances into the village enterprise's capital (6.2.2): income and SiLPA less spending.
  // 1,024,000,000 + 412,500,000 + 38,200,000 + 20,000,000 + 17,350,000 = 1,512,050,000 to plan;
  // spending 50.4 + 248.4 + 42 + 12 + 483 + 97.5 + 36 + 18 + 12 + 12 + 25 + 14 + 108 M = 1,158,300,000.
  await addBudgetLine(as(people.treasurer), village, id, { account_code: '6.2.2', description: 'Penyertaan modal BUMDes', volume: '1', unit: 'paket', unit_price: '353.750.000' });
  await verifyBudget(as(people.secretary), village, id);
  const adoptedOn = `${year}-01-10` < today ? `${year}-01-10` : today;
  await adoptBudget(as(people.head), village, id, { regulation_number: `1 Tahun ${year}`, regulation_date: adoptedOn }, today);
}
