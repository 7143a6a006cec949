#!/usr/bin/env bash
# System packages that some features need beyond Python wheels (README, "System packages"):
#   grant-decision PDFs (WeasyPrint): Pango, HarfBuzz and a font;
#   browser tests (Playwright): Debian's Chromium, never a downloaded browser.
# Installs only what is missing; needs root (or sudo). The quick start needs none of this.
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium gettext)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
