#!/usr/bin/env bash
# NL Design System CSS for the pages: installs the versions pinned in frontend/package-lock.json
# with npm and copies the built files (with their licences) into
# src/sectorplan/web/static/vendor/. The copies are committed, so the quick start needs no npm;
# run this only to re-create them or after changing a pinned version.
#   bash scripts/frontend-assets.sh          install with npm ci and copy, then write SHA256SUMS
#   bash scripts/frontend-assets.sh --check  no npm: the vendored files still match SHA256SUMS
# The Utrecht component CSS is EUPL-1.2. Its Utrecht design tokens are Gemeente Utrecht's own
# brand ("proprietary assets"), so the theme is the NL Design System's example ("voorbeeld")
# tokens, EUPL-1.2, with our colours and fonts on top in sectorplan/sectorplan.css.
set -euo pipefail
cd "$(dirname "$0")/.."

VENDOR=src/sectorplan/web/static/vendor
SUMS="$VENDOR/SHA256SUMS"

if [ "${1:-}" = "--check" ]; then
  (cd "$VENDOR" && sha256sum --check --quiet SHA256SUMS)
  echo "vendored frontend assets match $SUMS"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is needed to re-create the vendored assets" >&2; exit 1; }
# --ignore-scripts: these packages are plain CSS; no install script may run.
(cd frontend && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

MODULES=frontend/node_modules
UTRECHT=$MODULES/@utrecht/component-library-css
TOKENS=$MODULES/@nl-design-system-unstable/voorbeeld-design-tokens

rm -rf "$VENDOR/utrecht" "$VENDOR/voorbeeld-theme"
mkdir -p "$VENDOR/utrecht" "$VENDOR/voorbeeld-theme"
cp "$UTRECHT/dist/index.css" "$VENDOR/utrecht/component-library.css"
# html.css: the same look for plain elements (h1, a, button, input, table) inside .utrecht-html.
cp "$UTRECHT/dist/html.css" "$VENDOR/utrecht/html.css"
cp "$UTRECHT/LICENSE.md" "$VENDOR/utrecht/LICENSE.md"
cp "$TOKENS/dist/theme.css" "$VENDOR/voorbeeld-theme/theme.css"
cp "$TOKENS/LICENSE.md" "$VENDOR/voorbeeld-theme/LICENSE.md"

version() { node -p "require('./$1/package.json').version"; }
{
  echo "# @utrecht/component-library-css $(version "$UTRECHT")"
  echo "# @nl-design-system-unstable/voorbeeld-design-tokens $(version "$TOKENS")"
  (cd "$VENDOR" && sha256sum utrecht/* voorbeeld-theme/*)
} >"$SUMS"
echo "vendored into $VENDOR:"
cat "$SUMS"
