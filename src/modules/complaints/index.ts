export { registerComplaintPages } from './complaints.pages.js';
export { refreshRollup as refreshComplaintRollup } from './complaints.repository.js';
export { complainAsCitizen, handleComplaint } from './complaints.service.js';
