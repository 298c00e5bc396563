#!/usr/bin/env bash
# Installs the system packages the end-to-end suites need: Debian's Chromium (driven by playwright-core; no browser
# is ever downloaded by npm) and redis-server (the suites start their own throwaway instances on free ports).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present: chromium, redis-server"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing ${missing[*]} from Debian's packages"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
