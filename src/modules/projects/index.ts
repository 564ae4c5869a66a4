export { registerProjectPages } from './projects.pages.js';
export { publicProjects, reportProgress, scheduleOn, startProject, LATE_POINTS } from './project.service.js';
export { ProgressBar, percent } from './views/project-pages.js';
export { registerProjectRoutes } from './projects.routes.js';
