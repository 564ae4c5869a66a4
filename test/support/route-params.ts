/**
 * Values for the path parameters that name no row of the demo: a letter type, an event kind,
 * a guide, a language, an import job nobody started. The route sweeps (the access matrix,
 * the phone sweep) fill the rest (:code, :id) with the rows they made or found.
 */
export const SAMPLE_PARAMS: Record<string, string> = {
  type: 'sktm',
  kind: 'kematian',
  action: 'periksa',
  name: 'masuk',
  lang: 'id',
  book: 'bank',
  job: '00000000-0000-4000-8000-000000000000',
};
