#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright cannot download
# its own browser here). Install it when missing and we are root; otherwise say how.
set -euo pipefail
CHROMIUM=${BONELEARN_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium not found at $CHROMIUM: installing Debian's chromium with apt-get ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $CHROMIUM. Install it, then run make again:" >&2
echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2
exit 1
