import { createHttpApp } from './platform/http/app.js';
import type { AppServices } from './platform/http/env.js';
import { createRouter } from './platform/http/router.js';
import { access, declaredRoutes } from './platform/access/route-access.js';
import { documentAccess } from './platform/http/openapi.js';
import { registerStaticFiles } from './platform/http/static-files.js';
import { registerCitizenPages } from './modules/citizen/index.js';
import { registerPrivacyPages } from './modules/privacy/index.js';
import { registerNotificationPages } from './modules/notifications/index.js';
import { registerGuidePages } from './modules/guides/guides.pages.js';
import { registerHomePage } from './modules/home/home.pages.js';
import { registerIdentityPages, registerIdentityRoutes, resolveSession } from './modules/identity/index.js';
import { registerPopulationPages, registerPopulationRoutes } from './modules/population/index.js';
import { registerRegionRoutes } from './modules/regions/index.js';
import { registerVillagePages, registerVillageRoutes } from './modules/villages/index.js';
import { registerStatisticsPages } from './modules/population/statistics/index.js';
import { registerTransferPages } from './modules/population/transfer/index.js';
import { registerLetterPages, registerLetterRoutes, registerSelfServicePages } from './modules/letters/index.js';
import { registerMonitoringPages, registerMonitoringRoutes } from './modules/monitoring/index.js';
import { registerHouseholdPages } from './modules/households/index.js';
import { registerAssistancePages, registerAssistanceRoutes } from './modules/assistance/index.js';
import { registerComplaintPages } from './modules/complaints/index.js';
import { registerAnnouncementPages } from './modules/announcements/index.js';
import { registerInstitutionPages, registerInstitutionRoutes } from './modules/institutions/index.js';
import { registerWebsitePages, registerWebsiteRoutes, siteRequest } from './modules/website/index.js';
import { registerOfflineRoutes } from './modules/offline/index.js';
import { registerSyncPages, registerSyncRoutes } from './modules/sync/index.js';
import { registerBudgetPages, registerBudgetRoutes, registerRealisationPages, registerSiskeudesPages } from './modules/budget/index.js';
import { registerDeliberationPages, registerPlanningPages, registerPlanningRoutes } from './modules/planning/index.js';
import { registerProjectPages, registerProjectRoutes } from './modules/projects/index.js';
import { registerFarmerPages, registerFarmerRoutes } from './modules/farmers/index.js';
import { registerMarketPages } from './modules/market/index.js';
import { registerTourismPages } from './modules/tourism/index.js';
import { registerAttendancePages } from './modules/attendance/index.js';
import { registerCorrespondencePages } from './modules/correspondence/index.js';
import { registerAssetPages } from './modules/assets/index.js';
import { registerRegulationPages } from './modules/regulations/index.js';
import { registerCivilRegistryPages } from './modules/civil-registry/index.js';
import { registerAuditPages } from './modules/audit/index.js';
import { registerSurveyPages } from './modules/surveys/index.js';
import { registerProfilePages } from './modules/profile/index.js';
import { registerBookPages } from './modules/books/index.js';
import { registerFeedRoutes } from './modules/feed/index.js';
import { apiTokenBearer, registerApiTokenPages, tokenRefusedPath } from './modules/api-tokens/index.js';
import { registerTemporaryResidentPages } from './modules/temporary-residents/index.js';
import { registerElectionPages, registerResultPages, registerVotingPages } from './modules/elections/index.js';

/** The whole HTTP application: the platform shell with every module's API and pages. */
export function createApp(services: AppServices) {
  // A machine client's API token on /api/v1 (never on a page) acts as that token.
  const app = createHttpApp(services, resolveSession, apiTokenBearer());
  const router = createRouter();

  // `worker`: which of the server processes answered (src/cluster.ts), 0 when there is one.
  router.get('/api/health', access('public'), (c) => c.json({ status: 'ok', database: services.db.kind, worker: Number(process.env.BALAI_WORKER_SLOT ?? 0) }));
  registerStaticFiles(router);

  registerRegionRoutes(router);
  registerIdentityRoutes(router, services);
  registerVillageRoutes(router);
  registerPopulationRoutes(router);
  registerLetterRoutes(router);
  registerMonitoringRoutes(router);
  registerBudgetRoutes(router);
  registerPlanningRoutes(router);
  registerProjectRoutes(router);
  registerInstitutionRoutes(router);
  registerWebsiteRoutes(router);
  registerOfflineRoutes(router);
  registerSyncRoutes(router);
  registerFarmerRoutes(router);
  registerFeedRoutes(router);

  registerHomePage(router);
  registerIdentityPages(router, services);
  // Before the village office's page: /desa/<code> is the public site for everyone but its officers.
  registerWebsitePages(router);
  registerVillagePages(router);
  registerStatisticsPages(router);
  registerTransferPages(router);
  registerPopulationPages(router);
  registerLetterPages(router);
  registerSelfServicePages(router, services);
  registerMonitoringPages(router);
  registerBudgetPages(router);
  registerRealisationPages(router);
  registerSiskeudesPages(router);
  registerHouseholdPages(router);
  registerAssistancePages(router);
  registerAssistanceRoutes(router);
  registerComplaintPages(router);
  registerAnnouncementPages(router);
  registerInstitutionPages(router);
  registerPlanningPages(router);
  registerDeliberationPages(router);
  registerProjectPages(router);
  registerCitizenPages(router, services);
  registerPrivacyPages(router);
  registerNotificationPages(router);
  registerSyncPages(router);
  registerFarmerPages(router);
  registerMarketPages(router, services);
  registerTourismPages(router);
  registerAttendancePages(router, services);
  registerCorrespondencePages(router);
  registerAssetPages(router);
  registerRegulationPages(router);
  registerCivilRegistryPages(router);
  registerAuditPages(router);
  registerSurveyPages(router);
  registerProfilePages(router);
  registerTemporaryResidentPages(router);
  registerElectionPages(router);
  registerVotingPages(router);
  registerResultPages(router);
  registerBookPages(router);
  registerApiTokenPages(router);
  registerGuidePages(router);

  // Made once, after every route is in: each operation says who may call it, read from its access() gate.
  let openApi: unknown;
  router.get('/api/openapi.json', access('public'), (c) => {
    openApi ??= documentAccess(router.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Balai API', version: '1', description: 'Smart village platform. Errors: {"error":{"code","message","field"}}; Bahasa Indonesia by default, English with Accept-Language: en. Call it with the session cookie, or as a program with an API token (Authorization: Bearer balai_api_…, made on /akun/token); each operation names the permission it needs (x-permission).' },
    }), declaredRoutes(router), tokenRefusedPath);
    return c.json(openApi as object);
  });

  app.route('/', router);
  // A village's own domain (desahanura.id/berita) is answered as its site's page on the platform.
  const handle = app.fetch;
  app.fetch = async (request, env, executionCtx) => handle((await siteRequest(services.db.kysely, request)) ?? request, env, executionCtx);
  return app;
}
