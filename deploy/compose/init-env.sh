#!/usr/bin/env bash
# Writes deploy/compose/.env from .env.example, filling every empty value with a fresh random secret.
# Refuses to overwrite an existing .env (delete it first to start over: the database keeps the old
# POSTGRES_PASSWORD in its volume, so also `docker compose down -v` in that case).
set -euo pipefail
cd "$(dirname "$0")"
if [ -e .env ]; then
  echo "init-env: .env exists; not touching it." >&2
  exit 1
fi
# 48 letters and digits, with at least one of each (the admin password rules want a letter and a digit).
secret() {
  local value=""
  until [[ "$value" =~ [0-9] && "$value" =~ [A-Za-z] && ${#value} -eq 48 ]]; do
    value=$(head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)
  done
  printf '%s' "$value"
}
umask 077
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" =~ ^([A-Z0-9_]+)=$ ]]; then
    echo "${BASH_REMATCH[1]}=$(secret)"
  else
    echo "$line"
  fi
done < .env.example > .env
echo "init-env: wrote $(pwd)/.env (mode 600). Admin login: $(grep '^TIKETI_ADMIN_EMAIL=' .env | cut -d= -f2) / see TIKETI_ADMIN_PASSWORD in .env"
