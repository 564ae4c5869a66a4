export { registerPrivacyPages } from './privacy.pages.js';
export { exportResidentData, exportMyData, type SubjectData, type SubjectDataFormat } from './subject-data.service.js';
