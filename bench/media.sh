#!/usr/bin/env bash
# Picture budget benchmark: does a site with photos cost more than it should once the
# cache is warm? Generates the bench/build.sh corpus of N briefing pairs
# (examples/gen_corpus.rs) and builds three copies of it:
#
#   plain   no pictures at all (`social_cards: false`): the build before pictures
#   photos  one 2-megapixel JPEG per briefing (the sample site's dusk.jpg, 1920×1080,
#           with a per-briefing trailer so that every file has its own content hash)
#           as `image:` of both editions: 3 resized copies each, no cards
#   cards   no photos, social cards on: one card per briefing and language
#
# Each copy is built once untimed (that fills its .brief-cache/: the cold figure is
# printed), then RUNS rounds in which the three take turns; medians of wall and CPU
# (user + system) time are printed with the ratios to `plain`. The budget (issue 16):
# photos, warm, at most 1.3× plain.
#
#   bench/media.sh              # N = 2000
#   RUNS=7 bench/media.sh 500
#
# Environment: RUNS (default 5), SEED (default 1), BENCH_DIR (corpus and caches,
# default /tmp/brief-bench-media). Output goes to /dev/shm when there is one.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-2000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/brief-bench-media}
PHOTO=$ROOT/content/briefings/bogdanov-damascus-visit/dusk.jpg

die() { echo "bench/media.sh: $*" >&2; exit 1; }
note() { echo "$*" >&2; }
for n in "$N" "$RUNS" "$SEED"; do
  [[ $n =~ ^[0-9]+$ ]] || die "not a number: '$n' (usage: bench/media.sh [N])"
done
command -v python3 >/dev/null || die "needs python3 (to time builds and write the photos)"

note "building brief and the corpus generator (release)…"
json=$(cd "$ROOT" && cargo build --release --bin brief --example gen_corpus \
  --message-format=json-render-diagnostics)
executables=$(grep -o '"executable":"[^"]*"' <<<"$json" | cut -d'"' -f4)
BRIEF=$(grep '/brief$' <<<"$executables" || true)
GEN=$(grep '/gen_corpus$' <<<"$executables" || true)
[ -x "$BRIEF" ] && [ -x "$GEN" ] || die "cargo did not report the brief and gen_corpus binaries"
REVISION=$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo unknown)

OUT_BASE=/dev/shm
[ -d /dev/shm ] && [ -w /dev/shm ] || OUT_BASE=${TMPDIR:-/tmp}
WORK=$(mktemp -d "$OUT_BASE/brief-media.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- The three sites --------------------------------------------------------------------

GEN_KEY=$(cat "$ROOT/examples/gen_corpus.rs" "$PHOTO" "$0" | cksum | cut -d' ' -f1)
SITES=$BENCH_DIR/n$N-s$SEED-g$GEN_KEY
if [ ! -f "$SITES/done" ]; then
  note "generating $N pairs and the three sites into $SITES…"
  rm -rf "$SITES" && mkdir -p "$SITES"
  "$GEN" --pairs "$N" --seed "$SEED" --out "$SITES/plain" >/dev/null
  cp -r "$SITES/plain" "$SITES/photos"
  cp -r "$SITES/plain" "$SITES/cards"
  printf '\nsocial_cards: false\n' >>"$SITES/plain/brief.yaml"
  python3 - "$SITES/photos/content/briefings" "$PHOTO" <<'PY'
import pathlib, sys
root, photo = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_bytes()
for i, bundle in enumerate(sorted(p for p in root.iterdir() if p.is_dir())):
    # Bytes after the JPEG's end marker: ignored by decoders, but a content hash of
    # its own, as every real photo has.
    (bundle / "photo.jpg").write_bytes(photo + b"brief-bench-%d" % i)
    for md in bundle.glob("index.*.md"):
        text = md.read_text(encoding="utf-8")
        assert text.startswith("---\n"), md
        alt = "صورة الإحاطة" if md.name.endswith(".ar.md") else "The briefing's photo"
        md.write_text(f'---\nimage: photo.jpg\nimage_alt: "{alt}"\n' + text[4:], encoding="utf-8")
PY
  touch "$SITES/done"
fi

cat >"$WORK/measure.py" <<'PY'
import resource, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
with open(log, "wb") as f:
    start = time.perf_counter()
    code = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.4f} {ru.ru_utime + ru.ru_stime:.4f}")
sys.exit(code)
PY

# build NAME: one build of site NAME into an emptied output; prints "wall cpu".
build() {
  rm -rf "$WORK/out-$1"
  python3 "$WORK/measure.py" "$WORK/$1.log" "$BRIEF" -C "$SITES/$1" build --output "$WORK/out-$1" \
    || { cat "$WORK/$1.log" >&2; die "the build of $1 failed"; }
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
for name in plain photos cards; do
  note "$name: first build (fills the cache if it is empty)…"
  read -r wall cpu < <(build "$name")
  echo "$wall $cpu" >"$WORK/$name.first"
  : >"$WORK/$name.runs"
done
note "$RUNS rounds of plain, photos and cards…"
for ((i = 0; i < RUNS; i++)); do
  for name in plain photos cards; do
    build "$name" >>"$WORK/$name.runs"
  done
done

echo
echo "picture budget: N=$N pairs, seed $SEED, median of $RUNS warm builds, output on $OUT_BASE"
echo "brief: $REVISION; $(getconf _NPROCESSORS_ONLN) cores, load $LOAD at start"
echo
printf '%-7s  %9s  %8s  %9s  %8s  %11s  %s\n' site "wall s" "CPU s" "×plain" "CPU×" "first wall" "output"
for name in plain photos cards; do
  w=$(cut -d' ' -f1 "$WORK/$name.runs" | median)
  c=$(cut -d' ' -f2 "$WORK/$name.runs" | median)
  [ "$name" = plain ] && { pw=$w; pc=$c; }
  first=$(cut -d' ' -f1 "$WORK/$name.first")
  files=$(find "$WORK/out-$name" -type f | wc -l)
  mb=$(du -sm "$WORK/out-$name" | cut -f1)
  printf '%-7s  %9.3f  %8.3f  %8.2f×  %7.2f×  %11.1f  %s files, %s MB\n' "$name" "$w" "$c" \
    "$(awk -v a="$w" -v b="$pw" 'BEGIN { print a / b }')" \
    "$(awk -v a="$c" -v b="$pc" 'BEGIN { print a / b }')" "$first" "$files" "$mb"
done
echo
echo "wall: elapsed time of the process; CPU: user + system. first: the untimed first build"
echo "(cold when the site's .brief-cache/ was empty). Budget: photos at most 1.3× plain."
tail -n 1 "$WORK/photos.log"
