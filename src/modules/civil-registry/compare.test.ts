import { describe, expect, it } from 'vitest';
import type { RegisterRow } from './civil-registry.repository.js';
import { compareWithRegister, type DiffField } from './compare.js';

/** The family card judged on the whole file, without a database: who of a family the file shows decides a renumbering. */
const OLD_KK = '1809100101200001';
const NEW_KK = '1809103112999009';
const resident = (id: number, nik: string, relation: number, extra: Partial<RegisterRow> = {}): RegisterRow =>
  ({
    id, nik, nik_temporary: false, name: `WARGA ${id}`, sex: 1, birth_place: null, birth_date: null, religion: 1, marital_status: null, family_relation: relation,
    education_kk: null, occupation: null, blood_type: null, father_name: null, mother_name: null, area_id: null, life_status: 1, updated_at: new Date(0),
    family_id: 7, kk_number: OLD_KK, family_area_id: null, ...extra,
  }) as RegisterRow;
const head = resident(1, '1809100101800001', 1);
const child = resident(2, '1809100101100002', 4);
const kkField = (c: ReturnType<typeof compareWithRegister>, id: number) => (c.differences.find((d) => d.resident_id === id)?.fields as DiffField[] | undefined)?.find((f) => f.field === 'kk');

describe('a family card number from the civil registry', () => {
  it('is taken for the whole family when the file shows every member on the new card', () => {
    const c = compareWithRegister([{ line: 2, nik: head.nik, values: { kk: NEW_KK } }, { line: 3, nik: child.nik, values: { kk: NEW_KK } }], [head, child], [], [{ id: 7, kk_number: OLD_KK }]);
    expect(kkField(c, head.id)).toMatchObject({ correctable: true, value: NEW_KK });
    expect(kkField(c, child.id)).toMatchObject({ correctable: false, note: 'with_family' });
  });

  it('is not taken when the file shows one member on a new card and the others not at all (they may have stayed on the old one)', () => {
    const c = compareWithRegister([{ line: 2, nik: head.nik, values: { kk: NEW_KK } }], [head, child], [], [{ id: 7, kk_number: OLD_KK }]);
    expect(kkField(c, head.id)).toMatchObject({ correctable: false });
  });

  it('does not wait for a member with a temporary NIK, whom the civil registry does not list', () => {
    const baby = resident(3, '1809100101259999', 4, { nik_temporary: true });
    const c = compareWithRegister([{ line: 2, nik: head.nik, values: { kk: NEW_KK } }, { line: 3, nik: child.nik, values: { kk: NEW_KK } }], [head, child, baby], [], [{ id: 7, kk_number: OLD_KK }]);
    expect(kkField(c, head.id)).toMatchObject({ correctable: true });
  });
});
