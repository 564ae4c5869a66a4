// /luring/penduduk: the village's residents from the copy sealed on this device, searched by
// name or NIK, with the two forms most asked for at the counter when the signal is gone — a
// letter request and a death. Each form is the same one the server's pages send (same fields,
// an idempotency key made here): offline the service worker keeps it, online it goes at once.
(() => {
  const O = self.BalaiOutbox;
  const info = document.getElementById('salinan');
  const results = document.getElementById('hasil');
  const search = document.getElementById('cari');
  if (!O || !info || !results || !search) return;
  let copy = null;
  const col = {};

  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const masked = (nik) => (String(nik).length === 16 ? `${String(nik).slice(0, 4)}********${String(nik).slice(12)}` : '****************');
  const hidden = (name, value) => el('input', { type: 'hidden', name, value });
  const labelled = (text, input) => el('label', {}, text, input);

  async function load() {
    const latest = (await O.copies()).sort((a, b) => b.at - a.at)[0];
    copy = latest ? await O.loadCopy(latest.village) : null;
    if (!copy) {
      info.textContent = 'Belum ada salinan yang bisa dibuka di perangkat ini. Buka halaman desa Anda saat daring: salinan diambil sendiri.';
      search.disabled = true;
      return;
    }
    copy.residents.columns.forEach((c, i) => (col[c] = i));
    info.textContent = `Salinan desa ${copy.village}: ${copy.residents.rows.length.toLocaleString('id-ID')} penduduk, diambil ${new Date(copy.at).toLocaleString('id-ID')}.`;
  }

  function render() {
    results.replaceChildren();
    const q = search.value.trim().toUpperCase();
    if (!copy || q.length < 3) return;
    const digits = /^\d+$/.test(q);
    const hits = copy.residents.rows.filter((r) => (digits ? String(r[col.nik]).startsWith(q) : String(r[col.name]).toUpperCase().includes(q))).slice(0, 30);
    if (!hits.length) results.append(el('li', { textContent: 'Tidak ditemukan di salinan.' }));
    for (const r of hits) results.append(card(r));
  }

  function card(r) {
    const li = el('li');
    const area = el('div');
    const open = (build) => () => {
      area.replaceChildren(build(r));
      area.querySelector('input, select, textarea')?.focus();
    };
    li.append(
      el('strong', { textContent: r[col.name] }),
      el('small', { textContent: ` · NIK ${masked(r[col.nik])} · lahir ${r[col.birth_date] || '—'}` }),
      el('p', { textContent: [r[col.kk_number] ? `KK ${masked(r[col.kk_number])}` : '', r[col.address] || ''].filter(Boolean).join(' · ') }),
      el('p', {}, el('button', { type: 'button', textContent: 'Ajukan surat', onclick: open(letterForm) }), ' ', el('button', { type: 'button', className: 'secondary', textContent: 'Catat kematian', onclick: open(deathForm) })),
      area,
    );
    return li;
  }

  /** Sends a built form: with the session's form token when online, as it is when not (the outbox adds it later). */
  async function send(event) {
    event.preventDefault();
    const form = event.target;
    if (navigator.onLine) {
      try {
        const r = await fetch('/api/v1/auth/device-key', { credentials: 'same-origin', cache: 'no-store' });
        if (r.ok) form.elements._csrf.value = (await r.json()).data.csrf;
      } catch {
        // the signal is gone after all: the service worker keeps the form
      }
    }
    form.submit();
  }

  function base(action) {
    const form = el('form', { method: 'post', action });
    form.append(hidden('_csrf', ''), hidden('idempotency_key', crypto.randomUUID()));
    form.addEventListener('submit', send);
    return form;
  }

  function fieldInput(f) {
    const name = `isian.${f.name}`;
    let input;
    if (f.kind === 'select') {
      input = el('select', { name, required: f.required }, el('option', { value: '', textContent: '—' }), ...(f.options || []).map((o) => el('option', { value: o, textContent: o })));
    } else if (f.kind === 'textarea') {
      input = el('textarea', { name, required: f.required, maxLength: f.max || 1000 });
    } else {
      input = el('input', { name, required: f.required, type: f.kind === 'date' ? 'date' : 'text', inputMode: f.kind === 'number' || f.kind === 'money' ? 'numeric' : 'text' });
      if (f.kind === 'text') input.maxLength = f.max || 200;
    }
    return labelled(`${f.label}${f.required ? ' *' : ''}`, input);
  }

  function letterForm(r) {
    const action = (type) => `/desa/${copy.village}/surat/baru?jenis=${encodeURIComponent(type)}&penduduk=${r[col.id]}`;
    const form = base(action(copy.letter_types[0].code));
    const fields = el('div');
    const type = el('select', {}, ...copy.letter_types.map((t) => el('option', { value: t.code, textContent: t.title })));
    const fill = () => {
      const t = copy.letter_types.find((x) => x.code === type.value);
      form.action = action(t.code);
      fields.replaceChildren(...t.fields.map(fieldInput));
    };
    type.addEventListener('change', fill);
    form.append(hidden('resident_id', String(r[col.id])), labelled('Jenis surat *', type), fields, el('button', { type: 'submit', textContent: 'Ajukan' }));
    fill();
    return form;
  }

  function deathForm(r) {
    const form = base(`/desa/${copy.village}/penduduk/${r[col.id]}/peristiwa/kematian`);
    form.append(
      el('p', { className: 'notice warn', textContent: `Kematian ${r[col.name]} tidak dapat dibatalkan setelah terkirim. Periksa lagi sebelum menyimpan.` }),
      hidden('confirm', '1'),
      labelled('Tanggal *', el('input', { type: 'date', name: 'date', required: true, max: new Date().toISOString().slice(0, 10) })),
      labelled('Tempat *', el('input', { name: 'place', required: true, maxLength: 120 })),
      labelled('Sebab *', el('input', { name: 'cause', required: true, maxLength: 200 })),
      labelled('Pelapor', el('input', { name: 'reporter_name', maxLength: 150 })),
      labelled('Hubungan pelapor', el('select', { name: 'reporter_relation' }, el('option', { value: '', textContent: '—' }), ...copy.reporter_relations.map((x) => el('option', { value: x, textContent: x })))),
      el('button', { type: 'submit', textContent: 'Catat kematian' }),
    );
    return form;
  }

  search.addEventListener('input', render);
  load().then(render);
})();
