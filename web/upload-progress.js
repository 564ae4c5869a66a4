// A big upload (a spreadsheet of thousands of residents) on a slow line: a form marked
// [data-upload-progress] is sent with XMLHttpRequest so the page shows how much has gone, then
// that the server is reading the file. The answer replaces the page as a normal post would:
// a redirect is followed, an error page shown. Without this script the form posts as usual.
for (const form of document.querySelectorAll('form[data-upload-progress]')) {
  form.addEventListener('submit', (e) => {
    const status = form.querySelector('[data-upload-status]');
    if (!status || !window.XMLHttpRequest || !window.FormData) return;
    e.preventDefault();
    const bar = status.querySelector('progress');
    const text = status.querySelector('span');
    const button = form.querySelector('button[type=submit]');
    status.hidden = false;
    if (button) button.disabled = true;
    text.textContent = status.dataset.uploading;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('x-balai-upload', '1');
    xhr.upload.addEventListener('progress', (p) => {
      if (!p.lengthComputable) return;
      bar.value = Math.round((p.loaded / p.total) * 100);
      text.textContent = `${status.dataset.uploading} ${bar.value}%`;
    });
    xhr.upload.addEventListener('load', () => {
      bar.removeAttribute('value'); // indeterminate: the server reads and compares
      text.textContent = status.dataset.checking;
    });
    const fallBack = () => {
      status.hidden = true;
      if (button) button.disabled = false;
      form.submit();
    };
    xhr.addEventListener('load', () => {
      // Done: the server names the page to go to (instead of a redirect the request would follow
      // unseen). Anything else is a page to show as it came: the file's problems, an error.
      const next = xhr.getResponseHeader('x-balai-next');
      if (xhr.status === 204 && next && next.startsWith('/') && !next.startsWith('//')) {
        window.location.assign(next);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', fallBack);
    xhr.send(new FormData(form));
  });
}
