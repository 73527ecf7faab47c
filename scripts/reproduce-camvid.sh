#!/usr/bin/env bash
# Reproduces docs/results.md: trains the three CamVid configs one after another (resuming any run
# that was interrupted), then evaluates every model and the pretrained ESPNet teacher on val and
# test through ONNX Runtime. Run from the repository root with ../shared beside it:
#   bash scripts/reproduce-camvid.sh            (hours on a 2-core machine; each run folder keeps
#                                                its wall time in metrics.json)
set -euo pipefail
cd "$(dirname "$0")/.."
vidseg() { node packages/cli/bin/vidseg.js "$@"; }
runs=runs
for name in baseline temporal temporal-distill; do
  dir="$runs/camvid-$name"
  if [ -f "$dir/model.onnx" ]; then
    echo "== $name: already trained ($dir)"
  elif [ -f "$dir/config.json" ]; then
    echo "== $name: resuming $dir"
    vidseg train --resume --run-dir "$dir"
  else
    echo "== $name: training into $dir"
    vidseg train -c "configs/camvid/$name.yaml" --run-dir "$dir"
  fi
  for split in val test; do
    [ -f "$dir/eval-$split.json" ] || vidseg eval --run-dir "$dir" --split "$split"
  done
done
teacher="$runs/camvid-espnet-teacher"
mkdir -p "$teacher"
for split in val test; do
  [ -f "$teacher/eval-$split.json" ] || vidseg eval -c configs/camvid/espnet-pretrained.yaml \
    --weights ../shared/models/espnet-camvid.safetensors --split "$split" --out "$teacher/eval-$split.json"
done
