#!/usr/bin/env bash
# Redraws the README's sample social cards (docs/cards-ar.png, docs/cards-en.png) and
# the sample site's pictures (content/briefings/*/map.png, dusk.jpg). Deterministic:
# an unchanged engine gives unchanged bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --example cards -- docs
cargo run --quiet --release --example sample_pictures
