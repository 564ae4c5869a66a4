/**
 * Who reported a birth or a death, as the death record and the birth and death letters all
 * ask it: one list, so what the office recorded is what the letter prints.
 */
export const REPORTER_RELATIONS = ['Ayah', 'Ibu', 'Suami', 'Istri', 'Anak', 'Saudara', 'Kakek', 'Nenek', 'Tetangga', 'Lainnya'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];
