export { registerAttendancePages } from './attendance.pages.js';
export { rebuildAttendanceRollup } from './rollup.js';
export { checkOnPhone, correctEntry } from './entries.service.js';
export { addGuest } from './guestbook.service.js';
