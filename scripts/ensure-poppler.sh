#!/bin/sh
# The tests check Balai's signed letters with poppler-utils' pdfsig, an outside reader of PDF
# signatures. Install it when missing (as root, with apt), otherwise say what to do: the tests
# that need it are then skipped, saying so. PDFSIG_PATH points at another pdfsig.
PDFSIG="${PDFSIG_PATH:-/usr/bin/pdfsig}"
[ -x "$PDFSIG" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pdfsig belum terpasang; memasang paket Debian 'poppler-utils' untuk uji tanda tangan elektronik..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null && exit 0
fi
echo "pdfsig tidak ditemukan di $PDFSIG: uji tanda tangan PDF dengan pdfsig akan dilewati. Pasang dengan: sudo apt-get install poppler-utils (atau set PDFSIG_PATH)." >&2
exit 0
