import type { UseCaseContext } from '../../platform/context.js';
import { createProgramme, generateCandidates, importWelfare, previewWelfare } from '../assistance/index.js';

/**
 * Aid to look at in the demo village: welfare ranks (as a DTSEN file would bring them) for the
 * heads of a score of households, and next year's BLT Dana Desa with its candidate list built
 * from the register, not yet adopted, so the musdesus can be tried.
 */
export async function seedDemoAssistance(ctx: UseCaseContext, village: string, heads: string[], today: string) {
  // A demo without its generated people has no households to rank.
  if (heads.length === 0) return;
  const lines = ['NIK,DESIL', ...heads.map((nik, i) => `${nik},${[1, 2, 3, 4, 6, 8][i % 6]}`)];
  const preview = await previewWelfare(ctx, village, { source: 'DTSEN' }, { name: 'dtsen-demo.csv', bytes: Buffer.from(lines.join('\n')) });
  if (preview.id !== null) await importWelfare(ctx, village, preview.id);
  const year = Number(today.slice(0, 4)) + 1;
  const { id } = await createProgramme(ctx, village, {
    kind: 'BLT-DD', name: 'BLT Dana Desa', year: String(year), target: 'household', period_kind: 'month', periods: '12', amount: '300000', fund: 'DDS',
    c_desil: '1', desil_max: '4', c_disabled_member: '1', c_single_elderly: '1', elderly_age: '60', x_official: '1', x_receives: '1', receives_kind: 'PKH',
  });
  await generateCandidates(ctx, village, id, today);
}
