#!/usr/bin/env bash
# Installs the Debian packages listed in the given package files when any is missing.
# Usage: scripts/install-deps.sh scripts/test-packages.txt [more files...]
set -euo pipefail
missing=()
for list in "$@"; do
  while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done < "$list"
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's postgresql package starts a cluster on port 5432; the tests run their own
# server on a port they pick and do not need it.
exit 0
