import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/env.js';
import { assetUrl } from '../../../platform/http/static-files.js';
import { Document } from '../../../platform/http/views/document.js';
import { Csrf } from '../../../platform/http/views/layout.js';
import type { LetterType } from '../catalogue.js';
import { LetterFieldInputs } from './components.js';

/** Seconds of no use before the kiosk goes back to its start screen, ending the session. */
export const KIOSK_IDLE_SECONDS = 90;

const T = {
  start: 'Anjungan Layanan Mandiri',
  intro: 'Ketik atau pindai NIK dari KTP-el Anda, lalu masukkan PIN 6 angka dari kantor desa.',
  nik: 'NIK', pin: 'PIN', enter: 'Masuk',
  pick: 'Pilih surat yang Anda perlukan', ready: 'Surat Anda yang sudah siap', print: 'Cetak', request: 'Ajukan surat baru', number: 'Nomor',
  done: 'Selesai', cancel: 'Batal', send: 'Kirim permohonan',
  queued: 'Permohonan Anda tercatat', queueNo: 'Nomor antrian', wait: 'Silakan menunggu dipanggil di loket pelayanan. Tunjukkan KTP-el Anda kepada petugas.',
  printTicket: 'Cetak tiket antrian', complaint: 'Pengaduan dan aspirasi', noPin: 'Belum punya PIN? Minta di loket pelayanan kantor desa.',
};

/** Full screen, large touch targets, no menu, no links out; returns to the start when idle. */
export function KioskLayout({ c, village, title, children, idleTo }: { c: Context<AppEnv>; village: string; title: string; children?: Child; idleTo?: string }) {
  return (
    <Document
      lang="id"
      title={`${title} · ${village}`}
      bodyClass="kiosk"
      head={
        <>
          {idleTo && <meta http-equiv="refresh" content={`${KIOSK_IDLE_SECONDS};url=${idleTo}`} />}
          <script src={assetUrl('kiosk.js')} defer></script>
        </>
      }
    >
      <header class="kiosk-head"><strong>{village}</strong> · {T.start}</header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </Document>
  );
}

export function KioskStartPage({ c, code, village, error, field }: { c: Context<AppEnv>; code: string; village: string; error?: string; field?: string }) {
  return (
    <KioskLayout c={c} village={village} title={T.start} idleTo={`/anjungan/${code}`}>
      <p class="big">{T.intro}</p>
      {error && <p class="notice error" role="alert">{error}</p>}
      <form method="post" action={`/anjungan/${code}`} autocomplete="off">
        <label>{T.nik}<input name="nik" inputmode="numeric" maxlength={16} autofocus required aria-invalid={field === 'nik' ? 'true' : undefined} /></label>
        <label>{T.pin}<input name="pin" type="password" inputmode="numeric" maxlength={6} required aria-invalid={field === 'pin' ? 'true' : undefined} /></label>
        <button type="submit" class="huge">{T.enter}</button>
      </form>
      <p>{T.noPin}</p>
    </KioskLayout>
  );
}

/**
 * The letters to choose from; no name, no NIK on screen. A ready letter is a print action of its
 * own, told apart by its number (a family may have two of one type); web/kiosk.js prints it in a
 * hidden frame and then ends the visit, so the letter never stays on screen for the next person.
 */
export function KioskMenuPage({ c, code, village, types, ready }: { c: Context<AppEnv>; code: string; village: string; types: LetterType[]; ready: { id: number; type_title: string; number: string | null }[] }) {
  return (
    <KioskLayout c={c} village={village} title={T.pick} idleTo={`/anjungan/${code}/selesai`}>
      {ready.length > 0 && (
        <section>
          <h2>{T.ready}</h2>
          <div class="tiles">
            {ready.map((r) => (
              <a class="tile ready" href={`/anjungan/${code}/cetak/${r.id}`} data-print-pdf={`/anjungan/${code}/selesai`}>
                {T.print}: {r.type_title}
                {r.number && <small>{T.number} {r.number}</small>}
              </a>
            ))}
          </div>
        </section>
      )}
      <section>
        {ready.length > 0 && <h2>{T.request}</h2>}
        <div class="tiles">{types.map((t) => <a class="tile" href={`/anjungan/${code}/surat/${t.code}`}>{t.title}</a>)}</div>
      </section>
      <section>
        <div class="tiles"><a class="tile" href={`/anjungan/${code}/pengaduan`}>{T.complaint}</a></div>
      </section>
      <div class="kiosk-actions"><a class="button huge secondary" href={`/anjungan/${code}/selesai`}>{T.done}</a></div>
    </KioskLayout>
  );
}

export function KioskFormPage({ c, code, village, type, values = {}, problem }: { c: Context<AppEnv>; code: string; village: string; type: LetterType; values?: Record<string, string>; problem?: { message: string; field?: string } }) {
  return (
    <KioskLayout c={c} village={village} title={type.title} idleTo={`/anjungan/${code}/selesai`}>
      {problem && <p class="notice error" role="alert">{problem.message}</p>}
      <form method="post" action={`/anjungan/${code}/surat/${type.code}`} autocomplete="off">
        <Csrf c={c} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? ''} />
        <LetterFieldInputs fields={type.fields} values={values} field={problem?.field} />
        {type.requirements.length > 0 && <ul class="big">{type.requirements.map((r) => <li>{r}</li>)}</ul>}
        <div class="kiosk-actions">
          <a class="button huge secondary" href={`/anjungan/${code}/menu`}>{T.cancel}</a>
          <button type="submit" class="huge">{T.send}</button>
        </div>
      </form>
    </KioskLayout>
  );
}

/** The ticket: the queue number and the letter's name only. The session is already over. */
export function KioskQueuedPage({ c, code, village, queueNumber, title }: { c: Context<AppEnv>; code: string; village: string; queueNumber: number | null; title: string }) {
  return (
    <KioskLayout c={c} village={village} title={T.queued} idleTo={`/anjungan/${code}`}>
      <p class="ticket">{T.queueNo}<br /><strong class="queue-number">{queueNumber ?? '—'}</strong><br />{title}</p>
      <p class="big">{T.wait}</p>
      <div class="kiosk-actions">
        <a class="button huge secondary" href={`/anjungan/${code}`}>{T.done}</a>
        <button type="button" class="huge" data-print>{T.printTicket}</button>
      </div>
    </KioskLayout>
  );
}
