export { registerAuditPages } from './audit.pages.js';
export { villageAudit, regionAudit, exportAudit } from './audit.service.js';
