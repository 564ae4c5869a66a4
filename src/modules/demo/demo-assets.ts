import type { UseCaseContext } from '../../platform/context.js';
import { addHolding, addItem, addParcel, changeCondition, disposeItem } from '../assets/index.js';

/**
 * The demo village's goods and land, recorded by the operator as at the office: the office
 * building, equipment (one found damaged today, one old printer disposed of today), a road;
 * two parcels of tanah kas desa; three holdings of land in the village (one of them the demo
 * citizen's, picked by NIK, when the demo has him), so the three books have something to show.
 */
export async function seedDemoAssets(office: UseCaseContext, village: string, today: string, citizenNik: string | null) {
  const year = Number(today.slice(0, 4));
  const item = (kind: string, name: string, origin: string, acquired: number, quantity: string, unit: string, value: string, extra: Record<string, string> = {}) =>
    addItem(office, village, { kind, name, asset_origin: origin, acquired_year: String(Math.min(acquired, year)), asset_quantity: quantity, unit, asset_value: value, asset_condition: 'baik', ...extra }, today);
  await item('gedung_bangunan', 'Kantor Desa Hanura', 'apbdes', 2012, '1', 'unit', '450000000', { item_code: '03.11.01.01', location: 'Jl. Raya Hanura No. 1' });
  await item('peralatan_mesin', 'Laptop pelayanan', 'apbdes', year - 2, '2', 'unit', '16000000', { item_code: '02.06.03.02', location: 'Ruang pelayanan' });
  const motor = await item('peralatan_mesin', 'Sepeda motor dinas', 'kabupaten', 2018, '1', 'unit', '18500000', { item_code: '02.02.01.04', note: 'BE 4512 QZ' });
  await item('jalan_irigasi_jaringan', 'Jalan rabat beton Dusun II', 'apbdes', year - 1, '350', 'm', '175000000', { location: 'Dusun II, RT 002' });
  await item('peralatan_mesin', 'Tenda pertemuan', 'provinsi', 2020, '2', 'unit', '12000000', { location: 'Gudang balai desa' });
  const printer = await item('peralatan_mesin', 'Printer lama', 'apbdes', 2016, '1', 'unit', '2500000', { location: 'Ruang sekretaris' });
  await changeCondition(office, village, String(motor.id), { asset_condition: 'rusak_ringan', condition_on: today, reason: 'Pemeriksaan akhir tahun: rem dan lampu perlu diganti' }, today);
  await disposeItem(office, village, String(printer.id), { disposed_on: today, disposal_reason: 'rusak', reason: 'Tidak dapat diperbaiki; Berita Acara Penghapusan No. 03/BA/HNR' }, today);

  await addParcel(office, village, {
    land_origin: 'asli', certificate_no: 'Letter C No. 112, Persil 14', area_m2: '12500', land_class: 'S.II', land_use: 'sawah', location: 'Dusun III',
    boundaries: 'Utara sungai; timur jalan dusun; selatan dan barat sawah warga', boundary_marker: '1', note: 'Tanah bengkok',
  }, today);
  await addParcel(office, village, {
    land_origin: 'pembelian', certificate_no: 'SHM No. 08.01.14.05.1.00231', area_m2: '4200', acquired_on: `${Math.min(2019, year)}-06-12`, land_use: 'tanah_kering', location: 'Dusun I, lapangan desa',
    boundary_marker: '1', sign_board: '1',
  }, today);

  await addHolding(office, village, { owner_name: 'PT Hanura Bahari Wisata', land_rights: 'HGB', area_m2: '25000', land_use: 'perdagangan_jasa', note: 'Kawasan wisata pantai' });
  await addHolding(office, village, { owner_name: 'Masjid Jami\' Al-Ikhlas (wakaf)', land_rights: 'HM', area_m2: '1200', land_use: 'fasilitas_umum' });
  if (citizenNik) await addHolding(office, village, { nik: citizenNik, land_rights: 'HM', area_m2: '850', land_use: 'perumahan' });
}
