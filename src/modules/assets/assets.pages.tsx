import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { holdingBook, holdingBookFile, inventoryBook, inventoryBookFile, parcelBook, parcelBookFile } from './books.service.js';
import { addItem, changeCondition, correctItem, disposeItem, getItem, listItems } from './items.service.js';
import { addHolding, addParcel, correctHolding, correctParcel, getHolding, getParcel, landLists } from './land.service.js';
import { HoldingBookPage, InventoryBookPage, InventoryPage, ItemPage, LandPage, LandRecordPage, ParcelBookPage, type AssetMsg } from './views/pages.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The village's goods and land: /desa/<kode>/aset (the inventory, an item, its forms, the Buku
 * Inventaris dan Kekayaan Desa with Excel and PDF) and /desa/<kode>/tanah (tanah kas desa and
 * tanah di desa, their records and books).
 */
export function registerAssetPages(app: Router) {
  const read = access({ permission: 'asset.read', scope: 'village' }, { login: '/masuk' });
  const file = access({ permission: 'asset.read', scope: 'village' });
  const manage = access({ permission: 'asset.manage', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const base = (c: Context<AppEnv>) => `/desa/${code(c)}/aset`;
  const land = (c: Context<AppEnv>) => `/desa/${code(c)}/tanah`;

  const listPage = async (c: Context<AppEnv>, msg: AssetMsg, status: Status = 200) => {
    noStore(c);
    const q = (k: string) => c.req.query(k);
    const view = await listItems(c.get('ctx'), code(c), { jenis: q('jenis'), kondisi: q('kondisi'), tahun: q('tahun'), keadaan: q('keadaan'), page: q('page') });
    return c.html(<InventoryPage c={c} view={view} msg={msg} />, status);
  };
  app.get('/desa/:code/aset', read, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/aset', manage, async (c) => {
    const f = await formFields(c);
    try {
      const { id } = await addItem(c.get('ctx'), code(c), f);
      return c.redirect(`${base(c)}/${id}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return listPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  const itemPage = async (c: Context<AppEnv>, msg: AssetMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<ItemPage c={c} view={await getItem(c.get('ctx'), code(c), c.req.param('id')!)} msg={msg} />, status);
  };
  app.get('/desa/:code/aset/:id{[0-9]+}', read, (c) => itemPage(c, { ok: c.req.query('ok') === '1' }));
  for (const [path, act] of [['ubah', correctItem], ['kondisi', changeCondition], ['hapus', disposeItem]] as const) {
    app.post(`/desa/:code/aset/:id{[0-9]+}/${path}`, manage, async (c) => {
      const f = await formFields(c);
      try {
        await act(c.get('ctx'), code(c), c.req.param('id'), f);
        return c.redirect(`${base(c)}/${c.req.param('id')}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return itemPage(c, { error: p.message, values: f }, statusOf(p.status));
      }
    });
  }

  app.get('/desa/:code/aset/buku', read, async (c) => {
    noStore(c);
    return c.html(<InventoryBookPage c={c} view={await inventoryBook(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), page: c.req.query('page') })} />);
  });
  app.get('/desa/:code/aset/buku.xlsx', file, async (c) => {
    const f = await inventoryBookFile(c.get('ctx'), code(c), { tahun: c.req.query('tahun') }, 'xlsx');
    return privateFile(c, f.bytes, { type: XLSX, name: f.filename });
  });
  app.get('/desa/:code/aset/buku.pdf', file, async (c) => {
    const f = await inventoryBookFile(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), kertas: c.req.query('kertas') }, 'pdf');
    return privateFile(c, f.bytes, { type: 'application/pdf', name: f.filename, inline: true });
  });

  const landPage = async (c: Context<AppEnv>, msg: AssetMsg, form?: 'parcel' | 'holding', status: Status = 200) => {
    noStore(c);
    return c.html(<LandPage c={c} view={await landLists(c.get('ctx'), code(c), c.req.query('page'))} msg={msg} form={form} />, status);
  };
  app.get('/desa/:code/tanah', read, (c) => landPage(c, { ok: c.req.query('ok') === '1' }));
  for (const [path, form, act] of [['kas-desa', 'parcel', addParcel], ['di-desa', 'holding', addHolding]] as const) {
    app.post(`/desa/:code/tanah/${path}`, manage, async (c) => {
      const f = await formFields(c);
      try {
        await act(c.get('ctx'), code(c), f);
        return c.redirect(`${land(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return landPage(c, { error: p.message, values: f }, form, statusOf(p.status));
      }
    });
  }
  for (const [path, get, correct] of [['kas-desa', getParcel, correctParcel], ['di-desa', getHolding, correctHolding]] as const) {
    const recordPage = async (c: Context<AppEnv>, msg: AssetMsg, status: Status = 200) => {
      noStore(c);
      return c.html(<LandRecordPage c={c} view={await get(c.get('ctx'), code(c), c.req.param('id')!)} msg={msg} />, status);
    };
    app.get(`/desa/:code/tanah/${path}/:id{[0-9]+}`, read, (c) => recordPage(c, { ok: c.req.query('ok') === '1' }));
    app.post(`/desa/:code/tanah/${path}/:id{[0-9]+}/ubah`, manage, async (c) => {
      const f = await formFields(c);
      try {
        await correct(c.get('ctx'), code(c), c.req.param('id'), f);
        return c.redirect(`${land(c)}/${path}/${c.req.param('id')}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return recordPage(c, { error: p.message, values: f }, statusOf(p.status));
      }
    });
  }

  app.get('/desa/:code/tanah/buku-kas-desa', read, async (c) => {
    noStore(c);
    return c.html(<ParcelBookPage c={c} view={await parcelBook(c.get('ctx'), code(c), { tahun: c.req.query('tahun') })} />);
  });
  app.get('/desa/:code/tanah/buku-tanah-di-desa', read, async (c) => {
    noStore(c);
    return c.html(<HoldingBookPage c={c} view={await holdingBook(c.get('ctx'), code(c), c.req.query('page'))} />);
  });
  for (const [path, make] of [
    ['buku-kas-desa', (c: Context<AppEnv>, format: 'pdf' | 'xlsx') => parcelBookFile(c.get('ctx'), code(c), { tahun: c.req.query('tahun'), kertas: c.req.query('kertas') }, format)],
    ['buku-tanah-di-desa', (c: Context<AppEnv>, format: 'pdf' | 'xlsx') => holdingBookFile(c.get('ctx'), code(c), { kertas: c.req.query('kertas') }, format)],
  ] as const) {
    app.get(`/desa/:code/tanah/${path}.xlsx`, file, async (c) => {
      const f = await make(c, 'xlsx');
      return privateFile(c, f.bytes, { type: XLSX, name: f.filename });
    });
    app.get(`/desa/:code/tanah/${path}.pdf`, file, async (c) => {
      const f = await make(c, 'pdf');
      return privateFile(c, f.bytes, { type: 'application/pdf', name: f.filename, inline: true });
    });
  }
}
