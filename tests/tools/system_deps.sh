#!/usr/bin/env bash
# What the browser and HTML tests need from the system: Debian's Chromium and Java (for the Nu
# Html Checker), plus shellcheck for actionlint. Installed here when this is Debian and we are
# root; otherwise the one line to run is printed and the tests do not start.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
