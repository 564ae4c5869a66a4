import { generatePopulation, type GeneratedPopulation } from '../../src/modules/population/generator.js';
import { opensidCells, type AreaNode } from '../../src/modules/population/transfer/sheets.js';
import type { ExportRow } from '../../src/modules/population/transfer/transfer.repository.js';

/**
 * Generated (made-up) people of one village in four dusun, cut by family into parts that can
 * be imported one after another without meeting: a later seed of the generator would give
 * the same NIK and KK serials, so distinct imports take distinct families of one population.
 */
export function opensidPeople(village: string, residents: number, seed: number) {
  const nodes = new Map<number, AreaNode>();
  const leaves = ['MAWAR', 'MELATI', 'KENANGA', 'ANGGREK'].map((name, i) => {
    nodes.set(i + 1, { id: i + 1, parent_id: null, level: 'dusun', name });
    nodes.set(i + 11, { id: i + 11, parent_id: i + 1, level: 'rt', name: '001' });
    return { id: i + 11, label: `Dusun ${name}, RT 001` };
  });
  const people: GeneratedPopulation = generatePopulation({ villageCode: village, residents, seed, asOf: '2025-07-01', areas: leaves, birthPlace: 'Pesawaran' });
  const inFamilies = (from: number, to: number) => people.residents.filter((r) => r.familyIndex !== null && r.familyIndex >= from && r.familyIndex < to);
  return {
    people,
    families: people.families.length,
    /** The residents of families [from, to) as the OpenSID sheet's cells. */
    cells(from = 0, to = people.families.length): string[][] {
      return inFamilies(from, to).map((r, i) => {
        const f = people.families[r.familyIndex!]!;
        const row = { ...r, id: i + 1, family_id: r.familyIndex, kk_number: f.kk_number, family_address: f.address, family_area_id: f.area_id } as unknown as ExportRow;
        return opensidCells(row, nodes);
      });
    },
    /** The same families for bulkInsertPopulation, placed in the area `areaId`. */
    forBulkInsert(from: number, to: number, areaId: number) {
      return {
        families: people.families.slice(from, to).map((f) => ({ ...f, area_id: areaId })),
        residents: inFamilies(from, to).map((r) => ({ ...r, area_id: areaId, familyIndex: r.familyIndex! - from })),
      };
    },
  };
}
