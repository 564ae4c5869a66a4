import type { Router } from '../../platform/http/router.js';

/** The farmer card's API (filled in below). */
export function registerFarmerRoutes(_app: Router) {}
