#!/usr/bin/env bash
# One-time step before the first package version: creates the unlocked package "MiiTel Activity Bridge" (no
# namespace, contents from force-app) in the Dev Hub and records its 0Ho id in sfdx-project.json packageAliases.
# Commit that change: every `npm run package:version` resolves --package "MiiTel Activity Bridge" through it.
# Does nothing when sfdx-project.json already has the alias.
#   scripts/org/package-create.sh [dev-hub]   # default: the target-dev-hub config (sf org login web --set-default-dev-hub)
# Flags: Salesforce CLI Command Reference, "package create"
#   https://developer.salesforce.com/docs/platform/salesforce-cli-reference/guide/cli_reference_package_create.html
# The CLI writes the alias into the project file itself (Salesforce DX Developer Guide, "Create and Upload an Unlocked
#   Package", https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_unlocked_pkg_create_pkg_base.htm),
#   but it also replaces the force-app entry of packageDirectories with a fresh one: with CLI 2.146.3 that drops
#   definitionFile, unpackagedMetadata and apexTestAccess, which `package version create --code-coverage` needs for
#   its tests. So this script keeps the file as it was and adds only the alias.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
package_name="MiiTel Activity Bridge"
alias_of() { node_modules/.bin/tsx scripts/org/package-alias.ts "$@"; }

existing=$(alias_of id "$package_name")
if [ -n "$existing" ]; then
  echo "「$package_name」は作成済みです（packageAliases: $existing）。何もしません。"
  echo "\"$package_name\" already exists (packageAliases: $existing); nothing to do."
  exit 0
fi

hub=()
if [ -n "${1:-}" ]; then
  hub=(--target-dev-hub "$1")
fi
backup=$(mktemp)
trap 'rm -f "$backup"' EXIT
cp sfdx-project.json "$backup"
# ${hub[@]+…}: an empty array under `set -u` is an error in bash 3.2 (macOS).
if ! result=$(node_modules/.bin/sf package create --name "$package_name" --package-type Unlocked --path force-app \
  --no-namespace --description "Logs MiiTel calls as Tasks inside Salesforce through one Apex REST call per batch of call events." \
  ${hub[@]+"${hub[@]}"} --json); then
  cp "$backup" sfdx-project.json
  echo "$result" >&2
  exit 1
fi
id=$(node -e 'console.log(JSON.parse(process.argv[1]).result.Id)' "$result")
cp "$backup" sfdx-project.json
alias_of set "$package_name" "$id"
node_modules/.bin/prettier --write sfdx-project.json >/dev/null
echo "パッケージを作成しました: $id。sfdx-project.json（packageAliases）をコミットしてください。"
echo "Created the package $id. Commit sfdx-project.json (packageAliases)."
