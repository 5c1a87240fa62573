#!/usr/bin/env bash
# Installs the build tree into a throw-away DESTDIR with `cmake --install`, exactly as CPack
# does, and validates the desktop integration files there: the desktop entry
# (desktop-file-validate), the AppStream metainfo (appstreamcli validate, and validate-tree
# for the links between metainfo, desktop entry and icons), the man pages (man --warnings,
# as lintian runs it) and the rendered icons' sizes.
# usage: validate-installed.sh BUILD_DIR CONFIG
set -euo pipefail

build_dir="${1:?usage: validate-installed.sh BUILD_DIR CONFIG}"
config="${2:-}"
failures=0
fail() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

for tool in desktop-file-validate appstreamcli man file; do
    command -v "$tool" >/dev/null 2>&1 \
        || { echo "FAIL: $tool not found; install the project's packages with ./dev deps" >&2; exit 1; }
done

destdir="$(mktemp -d "${TMPDIR:-/tmp}/flowdesk-install.XXXXXX")"
trap 'rm -rf "$destdir"' EXIT
DESTDIR="$destdir" cmake --install "$build_dir" ${config:+--config "$config"} --prefix /usr >/dev/null
root="$destdir/usr"

shopt -s nullglob
desktops=("$root"/share/applications/*.desktop)
metainfos=("$root"/share/metainfo/*.metainfo.xml)
[ ${#desktops[@]} -eq 1 ] || fail "expected one desktop entry, found ${#desktops[@]}"
[ ${#metainfos[@]} -eq 1 ] || fail "expected one metainfo file, found ${#metainfos[@]}"

for f in "${desktops[@]}"; do
    echo "== desktop-file-validate ${f#"$destdir"}"
    desktop-file-validate "$f" || fail "desktop-file-validate ${f##*/}"
done
for f in "${metainfos[@]}"; do
    echo "== appstreamcli validate --no-net ${f#"$destdir"}"
    appstreamcli validate --no-net "$f" || fail "appstreamcli validate ${f##*/}"
done
echo "== appstreamcli validate-tree --no-net (metainfo, desktop entry and icons together)"
appstreamcli validate-tree --no-net "$destdir" || fail "appstreamcli validate-tree"

for page in flowdesk.1 flowdesk-cli.1 flowdesk-sim.1; do
    f="$root/share/man/man1/$page.gz"
    echo "== man --warnings ${f#"$destdir"}"
    if [ ! -f "$f" ]; then fail "$page.gz not installed"; continue; fi
    # Any warning from groff (a bad macro, an unknown escape, a line that cannot be broken)
    # goes to stderr; the rendered page to stdout.
    warnings="$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$f" 2>&1 >/dev/null || true)"
    [ -z "$warnings" ] || fail "$page: $warnings"
done

echo "== hicolor icons"
[ -f "$root/share/icons/hicolor/scalable/apps/flowdesk.svg" ] || fail "scalable icon missing"
for size in 16 22 24 32 48 64 128 256 512; do
    f="$root/share/icons/hicolor/${size}x${size}/apps/flowdesk.png"
    if [ ! -f "$f" ]; then fail "${size}x${size} icon missing"; continue; fi
    file "$f" | grep -q "PNG image data, $size x $size," || fail "${f##*/share/}: $(file -b "$f")"
done

for exe in flowdesk flowdesk-cli flowdesk-sim; do
    [ -x "$root/bin/$exe" ] || fail "/usr/bin/$exe not installed"
done

echo "== shell completion for flowdesk-cli"
bash -n "$root/share/bash-completion/completions/flowdesk-cli" 2>/dev/null \
    || fail "bash completion missing or not valid bash"
[ -f "$root/share/zsh/vendor-completions/_flowdesk-cli" ] || fail "zsh completion missing"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all installed desktop files valid"
