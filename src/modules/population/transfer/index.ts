export { registerTransferPages } from './transfer.pages.js';
export { previewImport, startImport, getImportJob, transferPage, importJobs } from './import.service.js';
export { exportPopulation, bukuIndukPenduduk, importTemplate } from './export.service.js';
export { readSpreadsheet, columnLetter, LIMITS as SPREADSHEET_LIMITS, type Cell, type Sheet, type SheetRow } from './read-sheet.js';
