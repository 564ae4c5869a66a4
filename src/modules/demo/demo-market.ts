import type { UseCaseContext } from '../../platform/context.js';
import { addProduct, buyerOf, decideSeller, inquire, payTransaction, placeOrder, registerOwnShop, registerVillageSeller, testAgentProvider } from '../market/index.js';

/**
 * The demo village's market: the BUMDes with three products and an order waiting for it, a
 * resident's small business verified and selling, and another waiting for the village's
 * verification, so each page has something to show. The photos are left to the sellers. The
 * BUMDes's payment counter (test provider, "mode uji") has served a vehicle tax and an electricity
 * bill today, and has a water bill checked and not yet paid.
 */
export async function seedDemoMarket(office: UseCaseContext, village: string, owners: { id: number; name: string }[], today: string) {
  const bumdes = await registerVillageSeller(office, village, {
    kind: 'bumdes', name: 'BUMDes Hanura Makmur', legal_name: 'Badan Usaha Milik Desa Hanura Makmur', deed_no: 'Perdes Hanura No. 3 Tahun 2021',
    registration_no: 'AHU-00123.AH.01.33.2021', phone: '072194001', address: 'Balai Desa Hanura, Teluk Pandan', description: 'Unit dagang BUMDes: hasil bumi petani Hanura dan layanan pembayaran.',
  });
  const rice = await addProduct(office, village, bumdes.id, { name: 'Beras Organik Hanura', category: 'hasil_tani', unit: 'karung 5 kg', price: '75000', stock: '40', weight_grams: '5000', description: 'Beras petani Poktan Sumber Rejeki, digiling di desa.' }, []);
  await addProduct(office, village, bumdes.id, { name: 'Kopi Robusta Bubuk', category: 'minuman', unit: 'bungkus 250 g', price: '30000', stock: '25', weight_grams: '250', pirt_no: '2061809010045-26' }, []);
  await addProduct(office, village, bumdes.id, { name: 'Gula Aren Cetak', category: 'makanan', unit: 'kg', price: '28000', stock: '15', weight_grams: '1000' }, []);
  const asCitizen = (o: { id: number; name: string }): UseCaseContext => ({ ...office, actor: { kind: 'citizen', id: o.id, residentId: o.id, username: o.name, fullName: o.name, role: 'citizen', regionCode: village, language: 'id' } });
  if (owners[0]) {
    const shop = await registerOwnShop(asCitizen(owners[0]), { name: 'Kerajinan Tapis Hanura', phone: '081279400011', address: 'Dusun II, Hanura', description: 'Kain tapis dan tas anyaman buatan ibu-ibu PKK.' });
    await decideSeller(office, village, String(shop.id), { decision: 'verified' });
    await addProduct(asCitizen(owners[0]), village, shop.id, { name: 'Tas Anyaman Pandan', category: 'kerajinan', unit: 'buah', price: '85000', stock: '6', weight_grams: '400' }, []);
  }
  if (owners[1]) await registerOwnShop(asCitizen(owners[1]), { name: 'Warung Keripik Singkong', phone: '081279400012', address: 'Dusun I, Hanura' });
  await placeOrder({ ...office, actor: null }, buyerOf(null, '081379400099'), village, String(rice.id), { order_quantity: '2', name: 'Pembeli Contoh', delivery: 'pickup', payment: 'cod' }, today);
  for (const [service, ref] of [['pkb', 'BE 1234 AB'], ['pln', '512345678901']] as const) {
    const { id } = await inquire(office, testAgentProvider, village, { service, customer_ref: ref });
    await payTransaction(office, testAgentProvider, village, String(id));
  }
  await inquire(office, testAgentProvider, village, { service: 'pdam', customer_ref: '7012345' });
}
