#!/usr/bin/env bash
# Makes the web fonts of the default theme from the print fonts it ships (issue 17), and is kept
# so anyone can check or redo them: the output is committed, because a fresh machine that builds
# a site has nothing but cargo.
#
#   themes/default/fonts/NotoSansTaiViet-Regular.ttf (31 KB, SIL OFL 1.1, no Reserved Font Name)
#     -> themes/default/static/fonts/NotoSansTaiViet-Regular.woff2 (about 8 KB)
#
# The subset keeps the Tai Viet block (U+AA80–AADF) and the dotted circle (U+25CC) a shaper
# draws under a stray vowel mark, with every OpenType layout feature (GPOS places the vowel and
# tone marks above and below their letter; without it marks collide). Hinting is dropped: phone
# rasterisers ignore it, and it was 5 KB of the 13 KB. `src/render/web/webfonts.rs` names the
# same range in `unicode-range`, so a browser fetches the file only for Tai Viet letters.
#
# Needs python3 with venv (Debian: python3-venv); fontTools and brotli come from PyPI, pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TMPDIR:-/tmp}/loa-webfonts-venv"
[ -x "$venv/bin/pyftsubset" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "fonttools==4.68.0" "brotli==1.2.1"
}
"$venv/bin/pyftsubset" themes/default/fonts/NotoSansTaiViet-Regular.ttf \
  --unicodes="U+AA80-AADF,U+25CC" --layout-features='*' --name-IDs=0,1,2,3,4,5,6,13,14 --no-hinting --desubroutinize \
  --flavor=woff2 --output-file=themes/default/static/fonts/NotoSansTaiViet-Regular.woff2
ls -l themes/default/static/fonts/NotoSansTaiViet-Regular.woff2
