import { expect } from 'vitest';
import type { Client } from './test-app.js';

/** Uploads a population file for the import preview and returns the job it offers to run. */
export async function previewJob(client: Client, village: string, bytes: Buffer, name = 'penduduk.csv'): Promise<string> {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('file', new File([new Uint8Array(bytes)], name));
  const html = await (await client.request(`/desa/${village}/penduduk/impor`, { method: 'POST', body: form })).text();
  const id = /\/impor\/([\w-]+)\/jalankan/.exec(html)?.[1];
  expect(id, html.slice(0, 2000)).toBeTruthy();
  return id!;
}
