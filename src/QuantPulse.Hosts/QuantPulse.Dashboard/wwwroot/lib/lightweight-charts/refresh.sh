#!/usr/bin/env bash
# Replaces the committed standalone build of lightweight-charts with the version package.json pins.
# Needs the npm registry; the .NET build never runs this and never needs the network.
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p "require('./package.json').dependencies['lightweight-charts']")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "lightweight-charts@$version" >/dev/null && tar -xzf lightweight-charts-*.tgz)
cp "$work/package/dist/lightweight-charts.standalone.production.js" .
cp "$work/package/LICENSE" .
echo "lightweight-charts $version: $(wc -c < lightweight-charts.standalone.production.js) bytes"
