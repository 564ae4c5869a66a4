export { registerPlanningPages } from './planning.pages.js';
export { addPlanItem, adoptPlan, carryForward, lateRkpdes, rkpdesDeadline, startPlan } from './plan.service.js';
export { LateRkpdes } from './views/late-rkpdes.js';
export { registerDeliberationPages } from './deliberation.pages.js';
export { recordProposal, startMeeting, musdesus, provideMusdesusList, MEETING_LABEL, type MeetingList } from './deliberation.service.js';
export { registerPlanningRoutes } from './planning.routes.js';
