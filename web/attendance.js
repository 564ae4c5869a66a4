// Attendance pages. A check-in form marked [data-place] (the village keeps the place) asks the
// phone for its location first; whether the owner allows it or not, the form is then sent (the
// server takes the time from its own clock, never from here). [data-print] prints the page.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
for (const form of document.querySelectorAll('form[data-place]')) {
  form.addEventListener('submit', (e) => {
    if (form.dataset.placed || !navigator.geolocation) return;
    e.preventDefault();
    const send = () => {
      form.dataset.placed = '1';
      form.requestSubmit();
    };
    navigator.geolocation.getCurrentPosition((p) => {
      form.elements.latitude.value = p.coords.latitude.toFixed(6);
      form.elements.longitude.value = p.coords.longitude.toFixed(6);
      send();
    }, send, { timeout: 8000, maximumAge: 60000 });
  });
}
