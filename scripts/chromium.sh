#!/usr/bin/env bash
# Debian's chromium for the browser tests: Playwright drives it through executable_path, so no
# browser is ever downloaded by Playwright itself (CI reaches package registries only).
#
#   scripts/chromium.sh            install chromium with apt-get when missing; print its path
#   scripts/chromium.sh path       print the path of an installed chromium, or fail
#
# Set CHROMIUM to use a browser installed elsewhere.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }
die() {
    log "$*"
    exit 1
}

find_browser() {
    local candidate
    for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

install_browser() {
    local sudo=""
    if find_browser >/dev/null; then
        return 0
    fi
    command -v apt-get >/dev/null || die "no chromium and no apt-get: install chromium, or set CHROMIUM"
    if [ "$(id -u)" != 0 ]; then
        sudo -n true 2>/dev/null || die "no chromium; install it as root: apt-get install chromium"
        sudo="sudo -n"
    fi
    log "installing chromium from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2
    # Fonts so that screenshots show text rather than boxes; recommends would pull in far more.
    $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
    find_browser >/dev/null || die "chromium was installed but /usr/bin/chromium is missing"
}

case "${1:-install}" in
    install)
        install_browser
        find_browser
        ;;
    path)
        find_browser || die "no chromium found; run scripts/chromium.sh to install it"
        ;;
    *)
        die "usage: scripts/chromium.sh [install|path]"
        ;;
esac
