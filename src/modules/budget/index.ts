export { registerBudgetPages } from './budget.pages.js';
export { FUNDS, type Fund, type AdoptInput, parseRegulation, versionLabel } from './budget.service.js';
export { budgetReference, byCode, type ReferenceRow } from './budget.repository.js';
export { parseRupiah } from './money.js';
export { addBudgetLine, adoptBudget, getBudget, getPublicBudget, listVillageBudgets, removeBudgetLine, sendBudgetBack, startBudget, verifyBudget } from './budget.service.js';
export { registerRealisationPages } from './realisation.pages.js';
export { postEntry, correctEntry, verifyEntry } from './realisation.service.js';
export { addPublicBudgetSection, type PublicBudgetSection } from './public-sections.js';
export { registerBudgetRoutes } from './budget.routes.js';
