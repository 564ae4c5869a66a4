export { registerBudgetPages } from './budget.pages.js';
export { addBudgetLine, adoptBudget, getBudget, getPublicBudget, listVillageBudgets, removeBudgetLine, sendBudgetBack, startBudget, verifyBudget } from './budget.service.js';
export { registerRealisationPages } from './realisation.pages.js';
export { postEntry, correctEntry, verifyEntry } from './realisation.service.js';
