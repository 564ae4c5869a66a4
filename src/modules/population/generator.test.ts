import { describe, expect, it } from 'vitest';
import { FIELD_CODE_LIST, HEAD_OF_FAMILY, isValidCode, type CodedField } from './codes.js';
import { deriveSeed, generatePopulation, mulberry32, type GenerateOptions } from './generator.js';
import { nikWarnings, parseNik } from './nik.js';

const AS_OF = '2025-07-01';
const base: GenerateOptions = {
  villageCode: '18.09.10.2004',
  residents: 6_000,
  seed: 2021,
  asOf: AS_OF,
  areas: [
    { id: 11, label: 'Dusun I, RT 001' },
    { id: 12, label: 'Dusun I, RT 002' },
    { id: 21, label: 'Dusun II, RT 001' },
  ],
  birthPlace: 'Pesawaran',
};
const population = generatePopulation(base);
const { families, residents } = population;

const DAY = 86_400_000;
const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
function age(birth: string, on = AS_OF): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

describe('mulberry32 and deriveSeed', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(deriveSeed(1, '1809102004')).toBe(deriveSeed(1, '1809102004'));
    expect(deriveSeed(1, '1809102004')).not.toBe(deriveSeed(1, '1809102001'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
  });
});

describe('generatePopulation', () => {
  it('is deterministic: the same seed gives the same people, another seed other people', () => {
    expect(generatePopulation(base)).toEqual(population);
    const other = generatePopulation({ ...base, seed: 2022 });
    expect(other.residents.map((r) => r.name)).not.toEqual(residents.map((r) => r.name));
    // The village's code takes part too: two villages with one seed are not copies of each other.
    const elsewhere = generatePopulation({ ...base, villageCode: '18.09.10.2001' });
    expect(elsewhere.residents.map((r) => r.name)).not.toEqual(residents.map((r) => r.name));
  });

  it('makes exactly the number of residents asked for, each in a family that exists', () => {
    expect(residents).toHaveLength(base.residents);
    expect(generatePopulation({ ...base, residents: 1 }).residents).toHaveLength(1);
    expect(generatePopulation({ ...base, residents: 0 }).residents).toHaveLength(0);
    for (const r of residents) expect(r.familyIndex! >= 0 && r.familyIndex! < families.length).toBe(true);
    expect(new Set(residents.map((r) => r.familyIndex)).size).toBe(families.length);
  });

  it('gives every resident a valid NIK of the village district that agrees with birth date and sex, never twice', () => {
    for (const r of residents) {
      const parsed = parseNik(r.nik);
      expect(parsed.ok, r.nik).toBe(true);
      if (parsed.ok) expect(parsed.parts.district).toBe('180910');
      expect(nikWarnings(r.nik, r.birth_date, r.sex), `${r.nik} ${r.birth_date} ${r.sex}`).toEqual([]);
    }
    expect(new Set(residents.map((r) => r.nik)).size).toBe(residents.length);
  });

  it('varies the NIK serials as the civil registry does: small numbers counted per district and date, not one per village', () => {
    const serials = residents.map((r) => r.nik.slice(12));
    const counts = new Map<string, number>();
    for (const s of serials) counts.set(s, (counts.get(s) ?? 0) + 1);
    const commonest = Math.max(...counts.values());
    expect(commonest / serials.length).toBeLessThan(0.1); // was 0005 for almost everyone
    expect(counts.size).toBeGreaterThanOrEqual(40);
    // the first person of a date in a district numbers from 0001 up; nobody here reaches the high thousands
    expect(serials.filter((s) => Number(s) <= 48).length / serials.length).toBeGreaterThan(0.9);
    expect(serials.every((s) => Number(s) >= 1 && Number(s) <= 4800)).toBe(true);
    expect(new Set(families.map((f) => f.kk_number.slice(12))).size).toBeGreaterThanOrEqual(40);
  });

  it('never gives two villages of one district the same NIK or KK, whatever their seeds', () => {
    // desa 2004 and 2001, a kelurahan, and a desa numbered beyond the common slots
    const villages = ['18.09.10.2004', '18.09.10.2001', '18.09.10.1001', '18.09.10.2077'].map((villageCode, i) =>
      generatePopulation({ ...base, villageCode, residents: 3_000, seed: 100 + i, areas: [] }));
    const niks = villages.flatMap((v) => v.residents.map((r) => r.nik));
    const kks = villages.flatMap((v) => v.families.map((f) => f.kk_number));
    expect(new Set(niks).size).toBe(niks.length);
    expect(new Set(kks).size).toBe(kks.length);
    for (const n of niks) expect(parseNik(n).ok, n).toBe(true);
  });

  it('numbers the KKs with 16 digits from the district, never twice', () => {
    for (const f of families) expect(f.kk_number).toMatch(/^180910\d{10}$/);
    expect(new Set(families.map((f) => f.kk_number)).size).toBe(families.length);
    expect(families.every((f) => base.areas!.some((a) => a.id === f.area_id && a.label === f.address))).toBe(true);
  });

  it('gives each family exactly one head, listed first, and mostly 2–6 members', () => {
    const members = new Map<number, typeof residents>();
    for (const r of residents) members.set(r.familyIndex!, [...(members.get(r.familyIndex!) ?? []), r]);
    for (const list of members.values()) {
      expect(list.filter((r) => r.family_relation === HEAD_OF_FAMILY)).toHaveLength(1);
      expect(list[0]!.family_relation).toBe(HEAD_OF_FAMILY);
    }
    const sizes = [...members.values()].map((l) => l.length);
    const usual = sizes.filter((n) => n >= 2 && n <= 6).length;
    expect(usual / sizes.length).toBeGreaterThan(0.8);
    const mean = residents.length / families.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4.2);
  });

  it('makes children 18 to 45 years younger than the parents recorded with them', () => {
    const byNik = new Map(residents.map((r) => [r.nik, r]));
    let links = 0;
    for (const r of residents) {
      for (const parentNik of [r.father_nik, r.mother_nik]) {
        if (!parentNik) continue;
        const parent = byNik.get(parentNik);
        expect(parent, `parent ${parentNik} of ${r.nik}`).toBeDefined();
        const gap = (days(r.birth_date!) - days(parent!.birth_date!)) / 365.2425;
        // a birthday may move a few days when one date has run out of NIK serials
        expect(gap, `${parent!.birth_date} → ${r.birth_date}`).toBeGreaterThan(17.98);
        expect(gap).toBeLessThan(46);
        expect(r.familyIndex).toBe(parent!.familyIndex);
        links++;
      }
    }
    expect(links).toBeGreaterThan(residents.length / 2);
    // Children (relation 4) are the head's children, so younger than the head by 18 years at least.
    const heads = new Map(residents.filter((r) => r.family_relation === HEAD_OF_FAMILY).map((r) => [r.familyIndex, r]));
    for (const child of residents.filter((r) => r.family_relation === 4)) {
      const head = heads.get(child.familyIndex)!;
      expect((days(child.birth_date!) - days(head.birth_date!)) / 365.2425).toBeGreaterThan(17.98);
    }
  });

  it('follows a young age pyramid with slightly more men than women', () => {
    const ages = residents.map((r) => age(r.birth_date!));
    const young = ages.filter((a) => a <= 14).length;
    const old = ages.filter((a) => a >= 60).length;
    expect(young).toBeGreaterThan(old * 1.5);
    expect(young / ages.length).toBeGreaterThan(0.2);
    expect(ages.filter((a) => a >= 50 && a < 60).length).toBeLessThan(ages.filter((a) => a >= 20 && a < 30).length);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThan(100);
    const men = residents.filter((r) => r.sex === 1).length / residents.length;
    expect(men).toBeGreaterThan(0.49);
    expect(men).toBeLessThan(0.53);
  });

  it('uses only official codes, plausible for age', () => {
    // Problems are collected and compared once: an expect() per value would take seconds.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => ok || problems.push(what);
    for (const r of residents) {
      for (const field of Object.keys(FIELD_CODE_LIST) as CodedField[]) {
        const value = r[field];
        if (value !== null && value !== undefined) check(isValidCode(FIELD_CODE_LIST[field], value), `${r.nik} ${field}=${value}`);
      }
      const a = age(r.birth_date!);
      if (a < 7) check(r.occupation === 1, `${r.nik} aged ${a} works`); // BELUM/TIDAK BEKERJA
      if (a >= 7 && a <= 15) check(r.occupation === 3, `${r.nik} aged ${a} not at school`); // PELAJAR/MAHASISWA
      if (a < 15) check(r.marital_status === 1, `${r.nik} aged ${a} married`);
      if (a >= 17) check(r.ektp !== null, `${r.nik} aged ${a} without e-KTP status`);
      if (a < 17 && r.marital_status === 1) check(r.ektp === null, `${r.nik} aged ${a} with e-KTP status`);
      check(r.birth_date! <= AS_OF, `${r.nik} born after ${AS_OF}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const islam = residents.filter((r) => r.religion === 1).length / residents.length;
    expect(islam).toBeGreaterThan(0.9);
    expect(islam).toBeLessThan(1);
    const farmers = residents.filter((r) => r.occupation === 9).length;
    expect(farmers / residents.filter((r) => age(r.birth_date!) >= 20).length).toBeGreaterThan(0.12);
  });

  it('accepts a village code without dots and refuses one that is not a village', () => {
    expect(generatePopulation({ ...base, villageCode: '1809102004' })).toEqual(population);
    expect(() => generatePopulation({ ...base, villageCode: '18.09.10' })).toThrow();
  });
});
