#!/usr/bin/env bash
# Browser tests and `npm run pdf` drive Debian's Chromium (playwright cannot download its own browser here); the
# print test renders the PDF with poppler (pdftoppm, pdftotext). Installs whichever is missing from Debian's
# packages; CHROMIUM_PATH overrides Chromium's location.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$path" ] || packages+=(chromium fonts-dejavu-core)
{ command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; } || packages+=(poppler-utils)
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian's ${packages[*]} (missing: Chromium at $path, or poppler's pdftoppm/pdftotext)…" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
[ -x "$path" ] || { echo "Chromium is still missing at $path after apt-get install" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm is still missing after apt-get install poppler-utils" >&2; exit 1; }
