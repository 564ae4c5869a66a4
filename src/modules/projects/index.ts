export { registerProjectPages } from './projects.pages.js';
export { publicProjects, reportProgress, startProject, LATE_POINTS } from './project.service.js';
export { registerProjectRoutes } from './projects.routes.js';
export { coordinate } from './project.service.js';
