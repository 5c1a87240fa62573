#!/usr/bin/env bash
# Regenerates the README screenshots from the real app on the demo scenario, under Xvfb.
# Usage: docs/screenshots/make-screenshots.sh   (after ./dev build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tool="$root/build/dev/bin/flowdesk-screenshots"
[ -x "$tool" ] || { echo "build first: ./dev build" >&2; exit 1; }
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$tool" "$root/docs/screenshots"
