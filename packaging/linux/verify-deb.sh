#!/usr/bin/env bash
# Clean-install check of the Flowdesk .deb, as an ops machine would see it: a bare Debian 12
# root (debootstrap --variant=minbase bookworm), the package installed there with
# `apt-get install ./flowdesk_*.deb` and nothing else (no Recommends either, so Depends alone
# must be enough), then inside that root:
#   - `flowdesk --version` prints the version, Qt version and build type;
#   - `flowdesk-sim` (when packaged) prints "flowdesk-sim listening on http://…" first;
#   - `flowdesk` starts on Qt's offscreen platform and keeps running;
#   - `flowdesk` shows its window on an X server (Xvfb on the host, reached through its
#     abstract socket as a desktop session would be), and a screenshot of it is saved.
#
# usage: packaging/linux/verify-deb.sh [PATH/TO/flowdesk_*.deb]
#   default: the newest build/release/packages/flowdesk_*.deb
# Needs root, debootstrap, Xvfb, xauth and ImageMagick's import (./dev deps installs them).
# The bare root is cached as a tarball in build/release/verify-cache/, and downloaded packages
# next to it, so that repeat runs skip debootstrap and most downloads. Results (log lines,
# screenshot) go to build/release/verify/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${FLOWDESK_VERIFY_CACHE:-$repo/build/release/verify-cache}"
out="${FLOWDESK_VERIFY_OUT:-$repo/build/release/verify}"
suite=bookworm

log() { printf '\033[1m[verify]\033[0m %s\n' "$*" >&2; }
die() { printf '[verify] FAIL: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
for tool in debootstrap chroot unshare Xvfb xauth mcookie import convert; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found; run ./dev deps"
done

if [ $# -ge 1 ]; then
    deb="$(realpath "$1")"
else
    deb="$(ls -t "$repo"/build/release/packages/flowdesk_*.deb 2>/dev/null | head -n1 || true)"
fi
[ -n "$deb" ] && [ -f "$deb" ] || die "no .deb found; run ./dev package first"

# Everything below runs in a private mount namespace: the mounts made for the chroot vanish
# with this process whatever happens, and never show up on the host.
if [ -z "${FLOWDESK_VERIFY_IN_NAMESPACE:-}" ]; then
    export FLOWDESK_VERIFY_IN_NAMESPACE=1 FLOWDESK_VERIFY_STARTED=$EPOCHSECONDS
    exec unshare --mount --propagation private -- "$0" "$deb"
fi

started=$(( ${FLOWDESK_VERIFY_STARTED:-$EPOCHSECONDS} - EPOCHSECONDS + SECONDS ))
phase_started=$SECONDS
phase() {
    log "$1 (previous step $((SECONDS - phase_started)) s)"
    phase_started=$SECONDS
}

# The Debian mirror the host's apt uses (deb822 .sources or one-line .list), so that the
# bare root reaches the same package source: prints "URI" for SUITE.
host_mirror() {
    local want="$1" f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v want="$want" '
            function flush() { if (uri != "" && (" " suites " ") ~ (" " want " ")) { print uri; found = 1; exit } uri = ""; suites = "" }
            /^[[:space:]]*$/ { flush(); next }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { $1 = ""; suites = $0 }
            END { if (!found) flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v want="$want" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                                           if ($(i + 1) == want) { print $i; exit } }' "$f"
    done
}
mirror="$(host_mirror "$suite" | head -n1)"
security="$(host_mirror "$suite-security" | head -n1)"
[ -n "$mirror" ] || die "no '$suite' source in /etc/apt/sources.list(.d); cannot tell which mirror to use"
log "mirror $mirror${security:+, security $security}"

mkdir -p "$cache/archives/partial" "$out"
# The root lives on a tmpfs of its own: dpkg's many fsyncs cost nothing there, and cleaning
# up is an unmount rather than deleting a whole system tree.
work="$(mktemp -d "${TMPDIR:-/tmp}/flowdesk-verify.XXXXXX")"
mount -t tmpfs -o size=4g,mode=0755 flowdesk-verify "$work"
root="$work/root"
mkdir "$root"
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    umount -R "$work" 2>/dev/null || umount -R -l "$work" 2>/dev/null || true
    rmdir "$work" 2>/dev/null || true
}
trap cleanup EXIT

tarball="$cache/$suite-minbase.tar"
if [ ! -f "$tarball" ]; then
    phase "debootstrap --variant=minbase $suite (first run; cached afterwards)"
    debootstrap --variant=minbase --cache-dir="$cache/archives" "$suite" "$root" "$mirror" \
        > "$out/debootstrap.log" 2>&1 || { tail -n 20 "$out/debootstrap.log" >&2; die "debootstrap failed (log: $out/debootstrap.log)"; }
    chroot "$root" apt-get clean
    tar -C "$root" --numeric-owner -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
else
    phase "unpacking the cached bare root"
    tar -C "$root" --numeric-owner -xf "$tarball"
fi

{
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [ -n "$security" ] && echo "deb $security $suite-security main"
} > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# No service may start inside the root (dpkg triggers of D-Bus and the like).
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/"
deb_in_root="/tmp/$(basename "$deb")"
install -d -m 0700 "$root/run/user/0"

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 "$@"; }

phase "apt-get install ./$(basename "$deb") (no Recommends)"
in_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq > "$out/apt.log" 2>&1 \
    || { tail -n 20 "$out/apt.log" >&2; die "apt-get update failed inside the root"; }
in_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "$deb_in_root" >> "$out/apt.log" 2>&1 \
    || { tail -n 30 "$out/apt.log" >&2; die "apt-get install of the .deb failed (log: $out/apt.log)"; }
installed_count="$(grep -c '^Setting up ' "$out/apt.log" || true)"
log "installed: flowdesk and $((installed_count - 1)) dependencies"

phase "flowdesk --version"
version="$(in_root flowdesk --version)" || die "flowdesk --version failed"
log "  $version"
expected_version="$(dpkg-deb -f "$deb" Version)"
[[ "$version" == "Flowdesk ${expected_version%-*} (Qt "*", "*" build)" ]] \
    || die "unexpected --version output: $version"

if in_root sh -c 'command -v flowdesk-sim' >/dev/null; then
    phase "flowdesk-sim: first line of stdout"
    # Started in the background so that it can be stopped by its PID once it has spoken.
    first_line="$(in_root sh -c '
        flowdesk-sim --listen 127.0.0.1:0 > /tmp/sim.out 2> /tmp/sim.err & pid=$!
        i=0; while [ $i -lt 100 ] && ! grep -q . /tmp/sim.out; do sleep 0.1; i=$((i + 1)); done
        kill $pid 2>/dev/null; wait $pid 2>/dev/null
        head -n 1 /tmp/sim.out; cat /tmp/sim.err >&2')" || true
    log "  $first_line"
    [[ "$first_line" =~ ^flowdesk-sim\ listening\ on\ http://127\.0\.0\.1:[0-9]+$ ]] \
        || die "flowdesk-sim did not announce its address; first line: '$first_line'"
else
    log "flowdesk-sim is not in this package; skipped"
fi

phase "flowdesk on the offscreen platform (must still be running after 5 s)"
rc=0
in_root env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/run/user/0 timeout 5 flowdesk > "$out/offscreen.log" 2>&1 || rc=$?
[ "$rc" -eq 124 ] || { cat "$out/offscreen.log" >&2; die "flowdesk exited with $rc on the offscreen platform"; }

phase "flowdesk window on X (xcb), screenshot"
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
xauthority="$work/xauthority"
touch "$xauthority"
xauth -q -f "$xauthority" add ":$display" MIT-MAGIC-COOKIE-1 "$(mcookie)"
Xvfb ":$display" -screen 0 1280x800x24 -auth "$xauthority" -nolisten tcp > "$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X$display" ] || die "Xvfb did not start (log: $out/xvfb.log)"
cp "$xauthority" "$root/tmp/xauthority"
# The client in the root reaches Xvfb through its abstract socket, which belongs to the
# network namespace, not the file system: nothing of the host is mounted into the root.
# chroot itself (not a function, which would run in a subshell) so that $! is the process
# that a signal must reach; chroot and env exec, so it ends up being flowdesk itself.
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LC_ALL=C.UTF-8 DISPLAY=":$display" \
    XAUTHORITY=/tmp/xauthority XDG_RUNTIME_DIR=/run/user/0 flowdesk > "$out/xcb.log" 2>&1 &
app_pid=$!
sleep 5
kill -0 "$app_pid" 2>/dev/null || { cat "$out/xcb.log" >&2; die "flowdesk exited early on X"; }
screenshot="$out/flowdesk-clean-install.png"
XAUTHORITY="$xauthority" import -display ":$display" -window root "$screenshot"
kill -TERM "$app_pid" 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid"
    die "flowdesk did not exit within 5 s of SIGTERM"
fi
wait "$app_pid" 2>/dev/null || true
colours="$(convert "$screenshot" -format '%k' info:)"
# An empty Xvfb screen is one colour; a window with text and an icon has hundreds.
[ "$colours" -gt 50 ] || die "screenshot has only $colours colours: no window was drawn ($screenshot)"
log "  screenshot $screenshot ($colours colours)"

phase "done"
log "PASS: clean install of $(basename "$deb") verified in $((SECONDS - started)) s"
