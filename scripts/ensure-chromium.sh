#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (playwright cannot download its own browser here).
# Installs it when missing; CHROMIUM_PATH overrides the location.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
echo "Chromium not found at $path; installing Debian's chromium package…" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
[ -x "$path" ] || { echo "Chromium is still missing at $path after apt-get install" >&2; exit 1; }
