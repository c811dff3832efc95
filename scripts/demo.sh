#!/usr/bin/env bash
# The main job on the embedded default (no server): load the offline mirror into INTERDICT_HOME,
# screen a name, classify a drone and decide a transfer on both sides of Transition Day.
# Mirror: INTERDICT_MIRROR, else ../shared/data beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR="${INTERDICT_MIRROR:-../shared/data}"
run() { echo; echo "\$ interdict $*" >&2; node bin/interdict.js "$@"; }
run lists load --mirror "$MIRROR" --history
run lists status
run screen "Qasem Soleimani" --schema Person --limit 5
run classify test/fixtures/items/shahed-136.json
run check test/fixtures/transfers/shahed-136-iran-to-russia.json --as-of 2023-10-17
run check test/fixtures/transfers/shahed-136-iran-to-russia.json --as-of 2023-10-19
