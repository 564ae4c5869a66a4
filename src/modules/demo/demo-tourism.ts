import type { UseCaseContext } from '../../platform/context.js';
import { addListing } from '../tourism/index.js';

/**
 * The demo village's tourism and local potential: its beach, the BUMDes homestay, a festival a
 * month ahead and its coffee (linked to the BUMDes's product on the market), so the village
 * website and the province-wide listing have something to show. Photos are left to the village.
 */
export async function seedDemoTourism(office: UseCaseContext, village: string, today: string) {
  const inAMonth = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  await addListing(office, village, {
    kind: 'destination', name: 'Pantai Hanura', address: 'Dusun III, Hanura, Teluk Pandan', latitude: '-5.5386', longitude: '105.2492',
    opening_hours: 'Setiap hari 07.00–18.00', price_min: '10000', price_unit: 'orang', contact_phone: '072194001',
    description: 'Pantai berpasir putih di Teluk Lampung, 30 menit dari Bandar Lampung. Perahu ke pulau-pulau kecil dapat disewa dari nelayan.',
  }, []);
  await addListing(office, village, {
    kind: 'homestay', name: 'Homestay BUMDes Hanura Makmur', address: 'Balai Desa Hanura, Teluk Pandan', rooms: '4', price_min: '250000', price_max: '350000', price_unit: 'malam',
    contact_phone: '072194001', description: 'Rumah panggung dengan empat kamar, sarapan masakan ibu-ibu PKK.',
  }, []);
  await addListing(office, village, {
    kind: 'event', name: 'Festival Panen Hanura', starts_on: inAMonth, ends_on: inAMonth, address: 'Lapangan Desa Hanura', price_min: '0',
    description: 'Pawai hasil bumi, lomba perahu nelayan dan pasar malam UMKM desa.',
  }, []);
  const coffee = await office.db.kysely.selectFrom('market_products').select('id').where('village_code', '=', village).where('name', '=', 'Kopi Robusta Bubuk').executeTakeFirst();
  await addListing(office, village, {
    kind: 'product', name: 'Kopi Robusta Hanura', market_product_id: coffee ? String(coffee.id) : '',
    description: 'Kopi robusta dari kebun di lereng bukit Hanura, disangrai dan digiling BUMDes.',
  }, []);
}
