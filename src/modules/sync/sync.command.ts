import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Role } from '../../platform/access/roles.js';
import type { Db } from '../../platform/db/connect.js';
import { cloneVillage, SyncError, syncOnce } from './copy-sync.js';
import { createSyncKey } from './sync-keys.js';

export const SYNC_HELP = `  balai sync-key --desa KODE --as AKUN [--label "Komputer kantor desa"]
                                     (di server) buat kunci untuk salinan desa; ditampilkan sekali
  balai sync-clone --server URL --key KUNCI
                                     (di komputer desa, DATA_DIR kosong) jadikan instalasi ini salinan desa
  balai sync                         (di salinan desa) kirim perubahan dan ambil yang baru dari server sekarang`;

/** `balai sync-key | sync-clone | sync`; `open` boots the installation (migrations, regions, no demo). */
export async function syncCommand(command: string, args: string[], open: () => Promise<Db>): Promise<void> {
  const db = await open();
  try {
    if (command === 'sync-key') {
      const { values } = parseArgs({ args, options: { desa: { type: 'string' }, as: { type: 'string' }, label: { type: 'string', default: 'Komputer kantor desa' } } });
      if (!values.desa || !values.as) throw new SyncError('Wajib: --desa KODE dan --as AKUN (admin yang boleh mengaktifkan desa itu).');
      const u = await db.kysely.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'region_code', 'language'])
        .where(sql<string>`lower(username)`, '=', values.as.toLowerCase()).where('active', '=', true).executeTakeFirst();
      if (!u) throw new SyncError(`Akun "${values.as}" tidak ada atau tidak aktif.`);
      const actor = { kind: 'user' as const, id: Number(u.id), username: u.username, fullName: u.full_name, role: u.role as Role, regionCode: u.region_code, language: u.language };
      const { key } = await createSyncKey({ db, actor, ip: 'cli', lang: 'id' }, values.desa, values.label ?? 'Komputer kantor desa');
      console.log(`Kunci salinan desa ${values.desa} (simpan sekarang, tidak ditampilkan lagi):\n\n  ${key}\n\nDi komputer desa: balai sync-clone --server URL-SERVER --key KUNCI`);
      return;
    }
    if (command === 'sync-clone') {
      const { values } = parseArgs({ args, options: { server: { type: 'string' }, key: { type: 'string' } } });
      if (!values.server || !values.key) throw new SyncError('Wajib: --server URL dan --key KUNCI.');
      const r = await cloneVillage(db, { url: values.server, key: values.key });
      console.log(`Salinan desa ${r.village} siap: ${r.rows.toLocaleString('id-ID')} baris dalam ${r.seconds.toFixed(1)} detik. Jalankan Balai (npm start); sinkron berjalan sendiri setiap 5 menit.`);
      return;
    }
    const r = await syncOnce(db);
    console.log(`Terkirim ${r.pushed.sent} perubahan (${r.pushed.duplicates} sudah ada di server), ${r.pushed.conflicts + r.pushed.refused} bentrokan; ` +
      `${r.pulled.rows} baris diperbarui dari server; ${r.seconds.toFixed(1)} detik.`);
  } finally {
    await db.close();
  }
}
