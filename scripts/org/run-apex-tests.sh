#!/usr/bin/env bash
# Runs every local Apex test in an org with code coverage; JUnit and coverage land in reports/apex.
#   scripts/org/run-apex-tests.sh [target-org]
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:-miitel-dev}"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
mkdir -p reports/apex
node_modules/.bin/sf apex run test --target-org "$target" --test-level RunLocalTests --code-coverage \
  --result-format human --output-dir reports/apex --wait 30
