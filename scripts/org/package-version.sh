#!/usr/bin/env bash
# Creates a new version of the unlocked package "MiiTel Activity Bridge" with code coverage computed
# (required before promotion), and optionally promotes it to released.
#   scripts/org/package-version.sh            # create a beta version
#   scripts/org/package-version.sh --promote  # create, then promote the new version
# The first time only: `npm run package:create` (scripts/org/package-create.sh) creates the package and adds its 0Ho id
# to sfdx-project.json packageAliases, which `--package "MiiTel Activity Bridge"` below resolves; without it this
# script stops before calling the Dev Hub and says so in Japanese and English.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
sf() { node_modules/.bin/sf "$@"; }

node_modules/.bin/tsx scripts/org/package-alias.ts require "MiiTel Activity Bridge" >/dev/null

result=$(sf package version create --package "MiiTel Activity Bridge" --code-coverage \
  --installation-key-bypass --wait 60 --json)
echo "$result"
version_id=$(node -e 'const r=JSON.parse(process.argv[1]).result; console.log(r.SubscriberPackageVersionId)' "$result")
echo "Created package version $version_id"
echo "Install it with: sf package install --package $version_id --target-org <org> --wait 20 --security-type AdminsOnly"
if [ "${1:-}" = "--promote" ]; then
  sf package version promote --package "$version_id" --no-prompt
fi
