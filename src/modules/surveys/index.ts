export { registerSurveyPages } from './surveys.pages.js';
export { rebuildSurveyRollup } from './rollup.js';
export { copyTemplate, setStatus, addQuestion } from './questionnaires.service.js';
export { saveAnswers } from './fill.service.js';
export { TEMPLATES } from './templates.js';
