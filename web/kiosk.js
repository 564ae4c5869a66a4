// Kiosk: the print button prints the queue ticket. The only script on the kiosk pages.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
