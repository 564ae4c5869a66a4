import type { Router } from '../../platform/http/router.js';
import { registerCardPages } from './card.pages.js';
import { registerFarmerFigurePages } from './figures.pages.js';
import { registerHarvestPages } from './harvest.pages.js';
import { registerKioskPages } from './kiosk.pages.js';
import { registerFarmerOfficePages } from './office.pages.js';

/**
 * The farmer card's pages. Each part registers its own; this is the one list app.ts calls.
 */
export function registerFarmerPages(app: Router) {
  registerFarmerOfficePages(app);
  registerKioskPages(app);
  registerCardPages(app);
  registerHarvestPages(app);
  registerFarmerFigurePages(app);
}
