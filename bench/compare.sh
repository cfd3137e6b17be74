#!/usr/bin/env bash
# Compares two brief binaries on the same generated corpus, taking turns round by
# round (the machine's drift weighs on both alike), and checks that they write the
# same bytes. Prints the median wall time, CPU time (user + system) and peak RSS. Each
# binary builds its own copy of the site, so the caches it fills are its own; the first
# build of each (the one compared byte for byte) fills them, and is not timed.
#
#   bench/compare.sh OLD_BRIEF NEW_BRIEF [PAIRS] [ROUNDS]
#
# Needs GNU time (apt-get install time) and a release gen_corpus
# (cargo build --release --example gen_corpus).
set -euo pipefail
old=$1 new=$2 pairs=${3:-2000} rounds=${4:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_CORPUS:-$repo/target/release/examples/gen_corpus}
work=${BENCH_DIR:-/tmp/brief-compare}/n$pairs
out=/dev/shm/brief-compare-$$
trap 'rm -rf "$out"' EXIT
[ -d "$work" ] || "$gen" --pairs "$pairs" --seed 1 --out "$work" >/dev/null
mkdir -p "$out"
# A copy of the site for each binary: each keeps its own .brief-cache/. On one site,
# two binaries whose search code or Cargo.lock differ would make each other's search
# index stale, and every timed build would run Pagefind.
for which in old new; do
  rm -rf "$work/.brief-cache"
  cp -r "$work" "$out/site-$which"
done
"$old" -C "$out/site-old" build --output "$out/old" >/dev/null
"$new" -C "$out/site-new" build --output "$out/new" >/dev/null
if diff -rq "$out/old" "$out/new" >/dev/null; then
  echo "output: byte-identical"
else
  echo "output: differs in"; diff -rq "$out/old" "$out/new" | head -20
fi
: > "$out/times"
for _ in $(seq "$rounds"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    rm -rf "$out/run"
    /usr/bin/time -f "$which %e %U %S %M" "$bin" -C "$out/site-$which" build --output "$out/run" >/dev/null 2>>"$out/times"
  done
done
python3 - "$out/times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.split() and l.split()[0] in ("old", "new")]
for which in ("old", "new"):
    r = [x for x in rows if x[0] == which]
    wall = statistics.median(float(x[1]) for x in r)
    cpu = statistics.median(float(x[2]) + float(x[3]) for x in r)
    rss = statistics.median(int(x[4]) for x in r) / 1024
    print(f"{which}: wall {wall:.3f} s, CPU {cpu:.3f} s, peak RSS {rss:.1f} MiB ({len(r)} runs)")
PY
