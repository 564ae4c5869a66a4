import { describe, expect, it } from 'vitest';
import { DataTable } from './data-table.js';

describe('DataTable', () => {
  it('labels each body cell with its column header, through .map, conditional cells and nested markup', () => {
    const rows = [{ name: 'Budi', nik: '1809…9901' }, { name: 'Siti', nik: '1809…0002' }];
    const showNik = true;
    const html = String(
      <DataTable id="warga">
        <thead><tr><th>Nama</th>{showNik && <th>NIK</th>}<th><abbr title="Status">St.</abbr></th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr><td><a href="#">{r.name}</a></td>{showNik && <td>{r.nik}</td>}<td>aktif</td></tr>
          ))}
        </tbody>
      </DataTable>,
    );
    expect(html).toContain('<div class="scroll table-cards"><table id="warga">');
    expect(html.match(/data-label="Nama"/g)).toHaveLength(2);
    expect(html.match(/data-label="NIK"/g)).toHaveLength(2);
    expect(html.match(/data-label="St."/g)).toHaveLength(2);
    expect(html).toContain('<td data-label="Nama"><a href="#">Budi</a></td>');
  });

  it('leaves a row header and a cell whose column has no header without a label', () => {
    const html = String(
      <DataTable>
        <thead><tr><th>Umur</th><th>Jumlah</th><th></th></tr></thead>
        <tbody><tr><th>0–4</th><td>12</td><td><button>Ubah</button></td></tr></tbody>
      </DataTable>,
    );
    expect(html).toContain('<th>0–4</th><td data-label="Jumlah">12</td><td><button>Ubah</button></td>');
  });
});
