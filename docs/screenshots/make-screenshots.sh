#!/usr/bin/env bash
# Regenerates the README screenshots from the real app on the demo scenario, under Xvfb.
# Usage: docs/screenshots/make-screenshots.sh [de]   (after ./dev build)
#   de: the German ones, into docs/screenshots/de/, with a German locale (dates, numbers) as a
#       German desktop would give.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tool="$root/build/dev/bin/flowdesk-screenshots"
[ -x "$tool" ] || { echo "build first: ./dev build" >&2; exit 1; }
out="$root/docs/screenshots"
language=()
case "${1:-}" in
    "") ;;
    de) out="$out/de"; mkdir -p "$out"
        language=(LANG=de_DE.UTF-8 LANGUAGE=de FLOWDESK_LANGUAGE=system) ;;
    *) echo "usage: $0 [de]" >&2; exit 2 ;;
esac
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
env "${language[@]}" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$tool" "$out"
