import type { UseCaseContext } from '../../platform/context.js';
import { addFamily, createHousehold, updateHousing } from '../households/index.js';
import { HOUSING } from '../households/housing.js';

/**
 * Households to look at in the demo village: the demo family's own, surveyed, and one for each
 * of the first generated family cards — every fourth one sharing its house with the next card,
 * as a married child's family does — with housing that varies, so that the counts of earth
 * floors, homes without electricity and the like are not all zero.
 */
export async function seedDemoHouseholds(ctx: UseCaseContext, village: string, kkNumbers: string[], today: string) {
  for (let i = 0; i < kkNumbers.length; i++) {
    const { id } = await createHousehold(ctx, village, { kk_number: kkNumbers[i] });
    if (i % 4 === 1 && i + 1 < kkNumbers.length) await addFamily(ctx, village, id, { kk_number: kkNumbers[++i] });
    const housing = Object.fromEntries(HOUSING.map((item, k) => {
      // Mostly the better codes, now and then the poorest.
      const codes = item.codes.map(([c]) => c);
      const pick = (i + k) % 7 === 0 ? codes[0]! : codes[Math.max(0, codes.length - 1 - ((i + k) % 3))]!;
      return [item.field, String(pick)];
    }));
    await updateHousing(ctx, village, id, { ...housing, floor_area: String(36 + (i % 5) * 12), assets: i % 3 === 0 ? ['motor', 'tv', 'hp'] : ['hp'], surveyed_on: today }, today);
  }
}
