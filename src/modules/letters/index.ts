export { registerLetterRoutes } from './letters.routes.js';
export { registerLetterPages } from './letters.pages.js';
export { requestLetter, checkLetter, signLetter, markReady, markCollected, rejectLetter, revokeLetter, getLetter, listLetters, myLetters } from './requests.service.js';
export { letterPdf, verifyLetter, letterFigures, exportArchive } from './documents.service.js';
export { villageTypes, findType } from './types.service.js';
export { settingsOf } from './settings.service.js';
export { BUILT_IN_LETTER_TYPES, type LetterType, type LetterField } from './catalogue.js';
export { registerSelfServicePages } from './selfservice.pages.js';
export { lettersAboutResident } from './dossier.js';
