#!/bin/sh
# The browser tests drive Debian's Chromium. Install it when missing (as root, with apt),
# otherwise say what to do. CHROMIUM_PATH points at another Chromium build.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium belum terpasang; memasang paket Debian 'chromium' untuk uji peramban..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "Chromium tidak ditemukan di $CHROMIUM. Pasang dengan: sudo apt-get install chromium (atau set CHROMIUM_PATH)." >&2
exit 1
