#!/usr/bin/env bash
# Assigns every permission set of the package (force-app) and of its test metadata (unpackaged: field access the
# Apex tests need) to the org's default user, as sfdx-project.json's apexTestAccess does for package version tests.
#   scripts/org/assign-permsets.sh <target-org>
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:?usage: assign-permsets.sh <target-org>}"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
# POSIX find and sed only (no GNU -printf): macOS ships BSD find.
names=$(find force-app unpackaged -name '*.permissionset-meta.xml' | sed -e 's#.*/##' -e 's/\.permissionset-meta\.xml$//' | sort)
if [ -z "$names" ]; then
  echo "The package has no permission sets yet: nothing to assign."
  exit 0
fi
args=()
for name in $names; do args+=(--name "$name"); done
node_modules/.bin/sf org assign permset "${args[@]}" --target-org "$target"
