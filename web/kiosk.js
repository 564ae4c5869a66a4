// Kiosk: [data-print] prints this page (the queue ticket). A ready letter's link [data-print-pdf]
// prints its PDF from a hidden frame, then goes where the attribute says (the end of the visit):
// the letter is never left open on screen for the next person. The only script on the kiosk pages.
document.addEventListener('click', (e) => {
  const el = e.target instanceof Element ? e.target : null;
  if (el && el.closest('[data-print]')) window.print();
  const link = el && el.closest('a[data-print-pdf]');
  if (!link) return;
  e.preventDefault();
  if (document.querySelector('iframe.print-frame')) return; // already printing
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.setAttribute('aria-hidden', 'true');
  frame.addEventListener('load', () => {
    try {
      frame.contentWindow.focus();
      frame.contentWindow.print(); // returns when the print dialog closes
    } finally {
      location.replace(link.dataset.printPdf);
    }
  }, { once: true });
  frame.src = link.href;
  document.body.append(frame);
});
// The Pilkades booth's receipt prints itself once shown (a booth browser in kiosk-printing mode prints without a dialog).
if (document.querySelector('[data-autoprint]')) window.addEventListener('load', () => window.print(), { once: true });
