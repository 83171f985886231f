#!/usr/bin/env bash
# Creates a scratch org from config/project-scratch-def.json, deploys the package and its test metadata,
# and assigns the package's permission sets. Needs a Dev Hub: `sf org login web --set-default-dev-hub` first.
#   scripts/org/create-scratch.sh [alias] [days]
set -euo pipefail
cd "$(dirname "$0")/../.."
alias_name="${1:-miitel-dev}"
days="${2:-7}"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
sf() { node_modules/.bin/sf "$@"; }

sf org create scratch --definition-file config/project-scratch-def.json --alias "$alias_name" \
  --duration-days "$days" --set-default --wait 20
sf project deploy start --source-dir force-app --source-dir unpackaged --target-org "$alias_name" --wait 30
scripts/org/assign-permsets.sh "$alias_name"
sf org open --target-org "$alias_name" --url-only
