import { EsignError, type EsignProvider, type EsignRequest } from './provider.js';

/**
 * BSSN's BSrE signing service (the esign client's HTTP API, as its integration guide
 * describes it): `POST {url}/api/sign/pdf` as multipart/form-data with the PDF in `file`, the
 * signer's `nik`, their `passphrase` and `tampilan=invisible` (the letter already carries its QR
 * code), under HTTP Basic authentication with the application's account. The answer is the
 * signed PDF; some deployments answer `{"id_dokumen": …}` instead, fetched from
 * `GET {url}/api/sign/download/{id}`. A refusal is JSON `{"error": …, "status_code": …}`:
 * 2031 is a wrong passphrase, 2011 a NIK without a certificate.
 *
 * Nothing here logs, and no error carries the request: the passphrase goes to BSrE and nowhere else.
 */

export interface BsreOptions {
  url: string;
  user: string;
  password: string;
  timeoutMs?: number;
}

const WRONG_PASSPHRASE = 2031;
const NOT_REGISTERED = 2011;
const MAX_PDF = 20 * 1024 * 1024;

export function bsreProvider(options: BsreOptions): EsignProvider {
  const base = options.url.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, { ...init, headers: { authorization, ...init.headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new EsignError('unavailable', timedOut ? `no answer within ${timeoutMs / 1000} s` : 'no connection');
    }
  }

  /** The signed PDF of an answer, or the refusal it says. */
  async function pdfOf(res: Response, passphrase: string): Promise<Uint8Array | { id: string }> {
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_PDF) throw new EsignError('invalid_result', 'answer too large');
    const isPdf = bytes.length > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
    if (res.ok && isPdf) return bytes;
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
    } catch {}
    if (res.ok && body && typeof body.id_dokumen === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(body.id_dokumen)) return { id: body.id_dokumen };
    if (res.status >= 500 || res.status === 401 || res.status === 403) throw new EsignError('unavailable', `HTTP ${res.status}`);
    const code = Number(body?.status_code);
    // The provider's own words, short, and never the passphrase even if it echoed it.
    let said = typeof body?.error === 'string' ? body.error.slice(0, 200) : typeof body?.message === 'string' ? body.message.slice(0, 200) : `HTTP ${res.status}`;
    if (passphrase && said.includes(passphrase)) said = `HTTP ${res.status}`;
    if (code === WRONG_PASSPHRASE || /passphrase/i.test(said)) throw new EsignError('wrong_passphrase', said);
    if (code === NOT_REGISTERED) throw new EsignError('not_registered', said);
    throw new EsignError(res.ok ? 'invalid_result' : 'refused', said);
  }

  return {
    name: 'bsre',
    testMode: false,
    async sign(req: EsignRequest) {
      if (!req.signer.nik) throw new EsignError('no_nik');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(req.pdf)], { type: 'application/pdf' }), 'surat.pdf');
      form.append('nik', req.signer.nik);
      form.append('passphrase', req.passphrase);
      form.append('tampilan', 'invisible');
      form.append('reason', req.reason);
      form.append('location', req.location);
      const answer = await pdfOf(await call('/api/sign/pdf', { method: 'POST', body: form }), req.passphrase);
      if (answer instanceof Uint8Array) return answer;
      const fetched = await pdfOf(await call(`/api/sign/download/${answer.id}`, { method: 'GET' }), req.passphrase);
      if (fetched instanceof Uint8Array) return fetched;
      throw new EsignError('invalid_result', 'no PDF from the download');
    },
  };
}
