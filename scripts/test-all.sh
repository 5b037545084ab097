#!/usr/bin/env bash
# `npm test`: everything a submission must pass, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .test-results

# What git sees before the tests; compared again at the end (tests must not rewrite tracked files).
in_git() { git rev-parse --is-inside-work-tree >/dev/null 2>&1; }
status_before=$(in_git && git status --porcelain --untracked-files=all || true)

step() { printf '\n== %s ==\n' "$1"; }

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "lint + format (biome, zero warnings)"
npx biome ci --error-on-warnings .

step "layer rules"
node scripts/check-layers.js

step "cloud function bundles"
node scripts/bundle-functions.js

step "weapp build + WeChat compilers (wcc/wcsc) + package sizes"
NODE_ENV=production npx taro build --type weapp
node scripts/check-weapp.js

step "H5 build"
NODE_ENV=production npx taro build --type h5
date -u +%FT%TZ > dist/h5/.build-stamp

step "unit, contract, HTTP and weapp-render tests (jest)"
# A fixed fuzz seed keeps CI reproducible; run `npx jest server/fuzz` by hand for a fresh one.
FUZZ_SEED=${FUZZ_SEED:-20261122} npx jest --ci --json --outputFile=.test-results/unit.json

step "end-to-end in chromium against the H5 build"
npx jest --ci --config e2e/jest.config.js --runInBand --json --outputFile=.test-results/e2e.json


step "the checkout is as the tests found it"
# Tests write only to ignored folders (dist/, .test-results/, e2e/artifacts/); README screenshots are rewritten
# only with UPDATE_SCREENSHOTS=1. Outside a git checkout there is nothing to compare.
if in_git && [ "${UPDATE_SCREENSHOTS:-}" != 1 ]; then
  status_after=$(git status --porcelain --untracked-files=all)
  if [ "$status_before" != "$status_after" ]; then
    printf 'npm test changed the checkout:\n'
    diff <(printf '%s\n' "$status_before") <(printf '%s\n' "$status_after") || true
    exit 1
  fi
  echo "git status unchanged"
fi

node scripts/test-summary.js .test-results/unit.json .test-results/e2e.json
