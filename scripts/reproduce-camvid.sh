#!/usr/bin/env bash
# Regenerates docs/results.md and docs/results/camvid.json, experiment 2 ("stabilise a pretrained
# model"): the published ESPNet-CamVid evaluated as is, then fine-tuned by configs/camvid/stabilise.yaml
# with seeds 1, 2 and 3, each run evaluated on CamVid val and test and, without labels, on the two
# held-out DAVIS street sequences. Run from the repository root with ../shared beside it:
#   bash scripts/reproduce-camvid.sh             # the seeds train in parallel (JOBS=1: one by one)
# An interrupted run resumes from its last checkpoint; finished steps are skipped. Then
#   node scripts/camvid-results.mjs              # prints the tables, writes docs/results/camvid.json
set -euo pipefail
cd "$(dirname "$0")/.."
vidseg() { node packages/cli/bin/vidseg.js "$@"; }
runs=${RUNS:-runs}
seeds=${SEEDS:-1 2 3}
held_out=(../shared/data/video/davis-street/car-shadow ../shared/data/video/davis-street/scooter-black)
inputs=()
for sequence in "${held_out[@]}"; do inputs+=(--input "$sequence"); done

stabilise() {
  local seed=$1 dir="$runs/camvid-stabilise-seed$1"
  if [ -f "$dir/model.onnx" ]; then
    echo "== seed $seed: already trained ($dir)"
  elif [ -d "$dir/checkpoints" ]; then
    vidseg train --resume --run-dir "$dir"
  else
    vidseg train -c configs/camvid/stabilise.yaml --set seed="$seed" --run-dir "$dir"
  fi
  for split in val test; do
    [ -f "$dir/eval-$split.json" ] || vidseg eval --run-dir "$dir" --split "$split"
  done
  [ -f "$dir/eval-video.json" ] || vidseg eval --run-dir "$dir" "${inputs[@]}"
}
# The pretrained row: one evaluation (no training, so no seed).
pretrained() {
  pretrained="$runs/camvid-pretrained"
  mkdir -p "$pretrained"
  for split in val test; do
    [ -f "$pretrained/eval-$split.json" ] || vidseg eval -c configs/camvid/stabilise.yaml \
      --weights ../shared/models/espnet-camvid.safetensors --split "$split" --out "$pretrained/eval-$split.json"
  done
  [ -f "$pretrained/eval-video.json" ] || vidseg eval -c configs/camvid/stabilise.yaml \
    --weights ../shared/models/espnet-camvid.safetensors "${inputs[@]}" --out "$pretrained/eval-video.json"
}
mkdir -p "$runs"
if [ "${JOBS:-3}" = 1 ]; then
  pretrained
  for seed in $seeds; do stabilise "$seed"; done
else
  for seed in $seeds; do stabilise "$seed" > "$runs/stabilise-seed$seed.log" 2>&1 & done
  pretrained
  wait
fi
