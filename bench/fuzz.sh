#!/usr/bin/env bash
# Runs the property tests (src/properties.rs) again and again, each round with a
# fresh random seed, for MINUTES minutes (default 30), and prints how many cases ran
# and whether any failed. proptest writes a failing case to proptest-regressions/.
#
#   bench/fuzz.sh 30
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
per_round=${PROPTEST_CASES:-5000}
properties=$(grep -c '^    fn .*(.* in ' src/properties.rs)
cargo test --no-run --lib 2>/dev/null
binary=$(cargo test --no-run --lib --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
# A copy, so that building the tests again meanwhile does not pull it away.
copy=$(mktemp /tmp/brief-fuzz-XXXXXX)
cp "$binary" "$copy"
chmod +x "$copy"
trap 'rm -f "$copy"' EXIT
end=$(( $(date +%s) + minutes * 60 ))
rounds=0
failed=0
while [ "$(date +%s)" -lt "$end" ]; do
  if PROPTEST_CASES=$per_round "$copy" properties:: --quiet >/tmp/brief-fuzz-round.log 2>&1; then
    rounds=$((rounds + 1))
  else
    failed=$((failed + 1))
    cp /tmp/brief-fuzz-round.log "/tmp/brief-fuzz-failure-$failed.log"
    echo "round $((rounds + failed)) failed: see /tmp/brief-fuzz-failure-$failed.log" >&2
    # A failure is worth a look at once; a tenth means the run itself is broken.
    [ "$failed" -lt 10 ] || break
  fi
done
echo "fuzz: $((rounds + failed)) rounds x $properties properties x $per_round cases = $(( (rounds + failed) * properties * per_round )) cases in $minutes min; $failed failing round(s)"
[ "$failed" -eq 0 ]
