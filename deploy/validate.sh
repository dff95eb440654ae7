#!/usr/bin/env bash
# Offline checks of everything under deploy/ and .github/ (no Docker engine, no AWS account needed).
# Called by .ci/run before the tests; takes seconds. What it checks: deploy/validate.py's docstring,
# plus `docker-compose config -q` on deploy/compose/docker-compose.yml here, plus two test suites:
# deploy/validate_test.py (validate.py fails on broken copies of these files) and
# deploy/aws/release_test.py (the blue-green steps of release.sh, against a fake AWS CLI).
set -euo pipefail
cd "$(dirname "$0")/.."

compose_file=deploy/compose/docker-compose.yml

# The compose CLI: Debian's docker-compose, else the Docker CLI plugin, else install docker-compose
# (CI runs as root on Debian); when none of that works, skip with a notice instead of failing CI.
compose=()
if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "validate: installing docker-compose"
  if (apt-get install -y -qq docker-compose >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1; }) \
     && command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
  fi
fi

if [ "${#compose[@]}" -gt 0 ]; then
  # .env.example leaves the secrets empty and the compose file requires them (${VAR:?}): give every
  # empty value a dummy one, as ./init-env.sh would with random ones.
  env_file=$(mktemp)
  trap 'rm -f "$env_file"' EXIT
  sed -E 's/^([A-Z0-9_]+)=$/\1=validate-dummy-value-0123456789abcdef/' deploy/compose/.env.example > "$env_file"
  if ! out=$("${compose[@]}" --env-file "$env_file" -f "$compose_file" config -q 2>&1); then
    echo "$out"
    echo "validate: FAIL ${compose[*]} config rejected $compose_file"
    exit 1
  fi
  echo "validate: ok   ${compose[*]} config -q $compose_file"
else
  echo "validate: NOTICE docker-compose is not installed and could not be installed: compose config not checked"
fi

if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "validate: NOTICE python3 has no PyYAML: YAML, Dockerfile, template and workflow checks skipped"
  exit 0
fi
python3 deploy/validate.py
# Two test suites, side by side: validate.py must reject broken copies of these files, and the
# blue-green steps of deploy/aws/release.sh must do what docs/operations.md says (against a fake AWS).
logs=$(mktemp -d)
python3 deploy/validate_test.py > "$logs/validate_test.log" 2>&1 & validate_test=$!
python3 deploy/aws/release_test.py > "$logs/release_test.log" 2>&1 & release_test=$!
status=0
if wait "$validate_test"; then
  echo "validate: ok   deploy/validate_test.py (validate.py rejects broken copies)"
else
  cat "$logs/validate_test.log"; echo "validate: FAIL deploy/validate_test.py: validate.py missed a broken file"; status=1
fi
if wait "$release_test"; then
  echo "validate: ok   deploy/aws/release_test.py (blue-green steps against a fake AWS)"
else
  cat "$logs/release_test.log"; echo "validate: FAIL deploy/aws/release_test.py"; status=1
fi
rm -rf "$logs"
exit "$status"
