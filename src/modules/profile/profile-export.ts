import type { UseCaseContext } from '../../platform/context.js';
import { formatDate, formatDateTime } from '../../platform/format/format.js';
import { besideModule } from '../../platform/paths.js';
import { runInWorker } from '../../platform/workers/run.js';
import { SYSTEM_LABEL } from './catalog.js';
import type { FilledRow } from './fill.js';
import type { ProfileWorkbookInput, WorkbookRow } from './profile-workbook.js';
import { villageProfile, type VillageProfile } from './profile.service.js';

const WORKER = besideModule('./profile-workbook-worker', import.meta.url);

const sourceText = (r: FilledRow) => (r.state === 'todo' ? 'perlu diisi manual' : r.source.id);

/** The profile as the workbook's plain input (the worker gets data, not the page's objects). */
export function workbookInput(p: VillageProfile): ProfileWorkbookInput {
  return {
    title: `Profil desa untuk Prodeskel dan SDGs Desa · ${p.village.name}`,
    place: `Kode ${p.village.village_code}`,
    year: p.year,
    asOfText: formatDate(p.asOf),
    madeText: formatDateTime(new Date()),
    filledText: `${p.filled} dari ${p.manual.length} isian manual terisi`,
    sections: p.sections.map(({ section, rows }) => ({
      sheet: section.sheet,
      title: section.title,
      system: SYSTEM_LABEL[section.system],
      screen: section.screen,
      rows: rows.map((r): WorkbookRow => ({
        code: r.code, label: r.group ? `${r.group}: ${r.label}` : r.label, male: r.male, female: r.female, value: r.value, words: r.words, unit: r.unit, source: sourceText(r),
      })),
    })),
  };
}

/** The workbook of a village's profile, written off the request path. Counts only: no access-log entry. */
export async function profileWorkbook(ctx: UseCaseContext, villageInput: string, yearInput?: string) {
  const profile = await villageProfile(ctx, villageInput, yearInput);
  const bytes = await runInWorker<Uint8Array>(WORKER, workbookInput(profile), { timeoutMs: 60_000, memoryMb: 256 });
  return { bytes: Buffer.from(bytes), name: `profil-desa-${profile.village.village_code.replace(/\./g, '')}-${profile.year}.xlsx`, profile };
}
