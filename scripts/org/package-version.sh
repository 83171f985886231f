#!/usr/bin/env bash
# Creates a new version of the unlocked package "MiiTel Activity Bridge" with code coverage computed
# (required before promotion), and optionally promotes it to released.
#   scripts/org/package-version.sh            # create a beta version
#   scripts/org/package-version.sh --promote  # create, then promote the new version
# The first time only: node_modules/.bin/sf package create --name "MiiTel Activity Bridge" \
#   --package-type Unlocked --path force-app --no-namespace   (adds the 0Ho id to sfdx-project.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
sf() { node_modules/.bin/sf "$@"; }

result=$(sf package version create --package "MiiTel Activity Bridge" --code-coverage \
  --installation-key-bypass --wait 60 --json)
echo "$result"
version_id=$(node -e 'const r=JSON.parse(process.argv[1]).result; console.log(r.SubscriberPackageVersionId)' "$result")
echo "Created package version $version_id"
echo "Install it with: sf package install --package $version_id --target-org <org> --wait 20 --security-type AdminsOnly"
if [ "${1:-}" = "--promote" ]; then
  sf package version promote --package "$version_id" --no-prompt
fi
