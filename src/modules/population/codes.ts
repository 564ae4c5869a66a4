import data from './codes.json' with { type: 'json' };

/**
 * The official code lists of the civil registry (Dukcapil/SIAK), as OpenSID's import
 * sheet uses them. `column` is the sheet's column name; labels are the official ones.
 */
export type CodeListName = keyof typeof data.lists;
export interface CodeList {
  column: string;
  label_id: string;
  codes: [number, string][];
}

export const CODE_LISTS = data.lists as unknown as Record<CodeListName, CodeList>;

const byList = new Map<CodeListName, Map<number, string>>(
  (Object.keys(CODE_LISTS) as CodeListName[]).map((name) => [name, new Map(CODE_LISTS[name].codes)]),
);

export function codeLabel(list: CodeListName, code: number | null | undefined): string {
  if (code === null || code === undefined) return '';
  return byList.get(list)?.get(code) ?? String(code);
}

export const isValidCode = (list: CodeListName, code: number) => byList.get(list)?.has(code) ?? false;

/** Which resident field holds which list. */
export const FIELD_CODE_LIST = {
  sex: 'sex',
  religion: 'religion',
  education_kk: 'educationOnFamilyCard',
  education_current: 'educationInProgress',
  occupation: 'occupation',
  marital_status: 'maritalStatus',
  family_relation: 'familyRelation',
  citizenship: 'citizenship',
  blood_type: 'bloodType',
  disability: 'disability',
  chronic_illness: 'chronicIllness',
  contraception: 'contraception',
  pregnant: 'pregnant',
  ektp: 'electronicIdCard',
  ektp_recording: 'idCardRecording',
  life_status: 'lifeStatus',
  insurance_type: 'healthInsurance',
} as const satisfies Record<string, CodeListName>;
export type CodedField = keyof typeof FIELD_CODE_LIST;

export const LIFE_STATUS = { alive: 1, dead: 2, movedOut: 3, lost: 4, away: 6, invalid: 9 } as const;
/** Statuses in which the person still holds their NIK in this village. */
export const HOLDS_NIK: readonly number[] = [LIFE_STATUS.alive, LIFE_STATUS.lost, LIFE_STATUS.away];
/**
 * Who counts as the village's population in every figure (statistics, monthly report,
 * dashboards): the living who are present or temporarily away (pergi). Someone away for a
 * while keeps their NIK, family card and address here, so the civil registry counts them here.
 */
export const COUNTED_IN_POPULATION: readonly number[] = [LIFE_STATUS.alive, LIFE_STATUS.away];
export const HEAD_OF_FAMILY = 1;
