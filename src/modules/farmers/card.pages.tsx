import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile } from '../../platform/http/download.js';
import { idParam } from '../../platform/http/id-param.js';
import { publicOrigin } from '../../platform/http/public-origin.js';
import type { Router } from '../../platform/http/router.js';
import { addCitizenHomeLink, type CitizenHomeLink } from '../citizen/index.js';
import { farmerCardSheet, groupCardSheet, isRegisteredFarmer, myCardSheet, myFarmerCard, myReceipt, renderCardSheet } from './card.service.js';
import { MyCardPage, MyReceiptPage, NotFarmerPage } from './views/card-pages.js';

/** The citizen's home page offers the card only to a registered farmer (one indexed look-up). */
const cardLink: CitizenHomeLink = async (ctx, me) =>
  (await isRegisteredFarmer(ctx.db.kysely, me.village, me.residentId)) ? { href: '/warga/kartu-tani', label: { id: 'Kartu tani', en: 'Farmer card' } } : null;

/** Citizen pages: whoever is not logged in goes to the citizen login; an officer is told these are for citizens. */
const citizenPage = { login: '/warga/masuk', message: 'citizen.only_citizen' } as const;

/**
 * The farmer card: the village office prints one farmer's card or a Poktan's (PDF drawn in a
 * worker thread); the farmer sees their card, allocation and receipts from self-service.
 */
export function registerCardPages(app: Router) {
  addCitizenHomeLink(cardLink);
  const print = access({ permission: 'farmers.write', scope: 'village' });
  const self = access({ permission: 'self.farmer' }, citizenPage);

  app.get('/desa/:code/petani/:id{[0-9]+}/kartu.pdf', print, async (c) => {
    const { input, filename } = await farmerCardSheet(c.get('ctx'), c.req.param('code'), idParam(c), publicOrigin(c));
    return privateFile(c, await renderCardSheet(input), { type: 'application/pdf', name: filename, inline: true });
  });
  app.get('/desa/:code/petani/poktan/:id{[0-9]+}/kartu.pdf', print, async (c) => {
    const { input, filename } = await groupCardSheet(c.get('ctx'), c.req.param('code'), idParam(c), publicOrigin(c));
    return privateFile(c, await renderCardSheet(input), { type: 'application/pdf', name: filename, inline: true });
  });

  app.get('/warga/kartu-tani', self, async (c) => {
    const view = await myFarmerCard(c.get('ctx'), publicOrigin(c));
    noStore(c);
    return c.html(view ? <MyCardPage c={c} view={view} /> : <NotFarmerPage c={c} />);
  });
  app.get('/warga/kartu-tani.pdf', self, async (c) => {
    const { input, filename } = await myCardSheet(c.get('ctx'), publicOrigin(c));
    return privateFile(c, await renderCardSheet(input), { type: 'application/pdf', name: filename });
  });
  app.get('/warga/kartu-tani/struk/:id{[0-9]+}', self, async (c) => {
    const r = await myReceipt(c.get('ctx'), idParam(c));
    noStore(c);
    return c.html(<MyReceiptPage c={c} r={r} />);
  });
}
