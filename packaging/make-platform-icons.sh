#!/usr/bin/env bash
# Regenerates the committed Windows .ico and macOS .icns from resources/icons/flowdesk.svg.
# They are committed rather than built because Windows and macOS build machines have no SVG
# renderer; run this after changing the SVG (Debian: librsvg2-bin icoutils icnsutils).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
svg="$here/../resources/icons/flowdesk.svg"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio --output "$tmp/$size.png" "$svg"
done

# Windows: BMP-style entries up to 64 px for old shells, the 256 px one stored as PNG.
icotool --create --output "$here/windows/flowdesk.ico" \
    "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" \
    --raw="$tmp/256.png"

# macOS: png2icns picks the icon type from each image's size.
png2icns "$here/macos/flowdesk.icns" \
    "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null

echo "wrote $here/windows/flowdesk.ico and $here/macos/flowdesk.icns"
