#!/usr/bin/env bash
# Runs the GPU benchmarks on the lent GPU machine (device tool), from the repo root, writing under $OUT:
#   device.txt      card, driver, CPU
#   results.jsonl   one line per (engine, model): tfjs webgpu on the GPU, tfjs wasm on the CPU, PyTorch fp32
#   profile.txt     per-kernel GPU time of one webgpu step (PROFILE_MODELS)
#   curve-*.json    the first training steps through the real trainer on webgpu and on wasm, and their comparison
#   run.log         everything the runs printed on stderr
# Prepare here first: `bash ../shared/tools/gpu-bundle.sh .gpu` (once) and `node bench/gpu/bundle.mjs`;
# then call the device tool with carry [".gpu", "bench/gpu/dist"] and the command `bash bench/gpu/run-on-device.sh`.
# Settings (environment): WASM_BATCH (first wasm batch tried, default BATCH), DEADLINE (seconds; every run ends by then, default 560), MODELS, BATCH, SIZE, STEPS, PROFILE_MODELS, WASM (0: skip the CPU runs),
# WASM_MODELS (the students timed on wasm, default MODELS; empty keeps only the wasm loss curve), SWEEP_SIZE and SWEEP_BATCHES (e.g. 360x480 and "8 16 32": webgpu
# and PyTorch at each batch, for each student's best batch), D (the bundle, default bench/gpu/dist),
# STOCK_MODELS (also run these on webgpu with tfjs's own training path, --stock-tfjs), TORCH (0: skip PyTorch), CURVE (0: skip the loss curves), TFJS_FLAGS (extra webgpu train-steps and
# profile arguments), SETUP (0: Node and Vulkan already set up), DAWN_ARGS (where Dawn is, its flags),
# PROFILE_DAWN_FLAGS (used unless DAWN_ARGS has --dawn-flags). A local dry run on Mesa's software OpenGL (no GPU):
#   SETUP=0 TORCH=0 SIZE=64x128 BATCH=1 DAWN_ARGS="--dawn node_modules/webgpu/index.js --dawn-flags backend=opengl --feature-level compatibility" \
#   EGL_PLATFORM=surfaceless OUT=/tmp/out bash bench/gpu/run-on-device.sh
set -uo pipefail
OUT=${OUT:-/tmp/vidseg-gpu-out}
mkdir -p "$OUT"
MODELS=${MODELS:-espnet mobilenetv2-x1.0 mobilenetv2-x0.5 pspnet-resnet18}
BATCH=${BATCH:-8}
SIZE=${SIZE:-512x1024}
STEPS=${STEPS:-5}
PROFILE_MODELS=${PROFILE_MODELS:-mobilenetv2-x1.0}
WASM=${WASM:-1}
TORCH=${TORCH:-1}
CURVE=${CURVE:-1}
TFJS_FLAGS=${TFJS_FLAGS:-}
STOCK_MODELS=${STOCK_MODELS:-}
SETUP=${SETUP:-1}
DAWN_ARGS=${DAWN_ARGS:---dawn .gpu/webgpu/index.js}
PROFILE_DAWN_FLAGS=${PROFILE_DAWN_FLAGS:-disable-dawn-features=timestamp_quantization}
D=${D:-bench/gpu/dist}
WASM_MODELS=${WASM_MODELS-$MODELS}
SWEEP_SIZE=${SWEEP_SIZE:-}
SWEEP_BATCHES=${SWEEP_BATCHES:-8 16 32}
LOG=$OUT/run.log
RESULTS=$OUT/results.jsonl
DEADLINE=${DEADLINE:-560}
started=$(date +%s)
# Seconds for a stage: at most $1, and no later than DEADLINE seconds after the start.
limit() {
  local left=$((DEADLINE - ($(date +%s) - started)))
  if [ "$left" -lt "$1" ]; then echo $((left > 5 ? left : 5)); else echo "$1"; fi
}
stamp() { echo "[$(($(date +%s) - started)) s] $*" | tee -a "$LOG" >&2; }

if [ "$SETUP" = 1 ]; then
  bash .gpu/setup.sh >>"$LOG" 2>&1 || { echo "setup failed" >&2; tail -20 "$LOG"; exit 1; }
  export PATH=/tmp/gpunode:$PATH VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
DAWN=$DAWN_ARGS
{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv; lscpu | grep -E 'Model name|^CPU\(s\)'; node --version; } >"$OUT/device.txt" 2>&1
H=${SIZE%x*}
W=${SIZE#*x}

# tfjs wasm on the CPU, in the background, one process per model (a wasm out-of-memory abort ends
# its process): the largest batch from BATCH down that trains; if none, the train-mode forward at batch 1.
wasm_model() {
  local m=$1 b=${WASM_BATCH:-$BATCH}
  while [ "$b" -ge 1 ]; do
    if timeout "$(limit 300)" node $D/train-steps.mjs --backend wasm --models "$m" --batch "$b" --size "$SIZE" --steps 2 --warmup 1 >"$OUT/.wasm-$m" 2>>"$LOG" \
      && grep -q msPerStep "$OUT/.wasm-$m"; then cat "$OUT/.wasm-$m" >>"$RESULTS"; return; fi
    stamp "wasm $m batch $b: no step ($(tail -c 300 "$OUT/.wasm-$m" | tr '\n' ' '))"
    b=$((b / 2))
  done
  timeout "$(limit 300)" node $D/train-steps.mjs --backend wasm --models "$m" --batch 1 --size "$SIZE" --steps 2 --warmup 1 --forward-only >>"$RESULTS" 2>>"$LOG"
}
if [ "$WASM" = 1 ]; then
  for m in $WASM_MODELS; do wasm_model "$m" & done
  if [ "$CURVE" = 1 ]; then timeout "$(limit 400)" node $D/loss-curve.mjs --backend wasm --out "$OUT/curve-wasm.json" >/dev/null 2>>"$LOG" & fi
fi

if [ "$TORCH" = 1 ]; then
  stamp "pytorch"
  graphs=$(for m in $MODELS; do printf '%s ' "$D/graphs/$m.json"; done)
  # shellcheck disable=SC2086
  timeout "$(limit 150)" python3 bench/gpu/torch_graph.py $graphs --batch "$BATCH" --height "$H" --width "$W" --steps 10 --out "$RESULTS" >/dev/null 2>>"$LOG"
fi

for m in $MODELS; do
  stamp "webgpu $m"
  # shellcheck disable=SC2086
  timeout "$(limit 150)" node $D/train-steps.mjs --backend webgpu $DAWN --models "$m" --batch "$BATCH" --size "$SIZE" --steps "$STEPS" --warmup 2 $TFJS_FLAGS >>"$RESULTS" 2>>"$LOG"
done
if [ -n "$SWEEP_SIZE" ]; then
  for b in $SWEEP_BATCHES; do
    if [ "$TORCH" = 1 ]; then
      stamp "pytorch $SWEEP_SIZE batch $b"
      # shellcheck disable=SC2086
      timeout "$(limit 120)" python3 bench/gpu/torch_graph.py $graphs --batch "$b" --height "${SWEEP_SIZE%x*}" --width "${SWEEP_SIZE#*x}" --steps 10 --out "$RESULTS" >/dev/null 2>>"$LOG"
    fi
    for m in $MODELS; do
      stamp "webgpu $m $SWEEP_SIZE batch $b"
      # shellcheck disable=SC2086
      timeout "$(limit 120)" node $D/train-steps.mjs --backend webgpu $DAWN --models "$m" --batch "$b" --size "$SWEEP_SIZE" --steps "$STEPS" --warmup 2 $TFJS_FLAGS >>"$RESULTS" 2>>"$LOG"
    done
  done
fi
for m in $STOCK_MODELS; do
  stamp "webgpu (stock tfjs) $m"
  timeout "$(limit 150)" node $D/train-steps.mjs --backend webgpu $DAWN --stock-tfjs --models "$m" --batch "$BATCH" --size "$SIZE" --steps "$STEPS" --warmup 2 2>>"$LOG" \
    | sed 's/"engine":"webgpu"/"engine":"webgpu (stock tfjs)"/' >>"$RESULTS"
done
if [ "$CURVE" = 1 ]; then
  stamp "webgpu loss curve"
  timeout "$(limit 90)" node $D/loss-curve.mjs --backend webgpu $DAWN --out "$OUT/curve-webgpu.json" >/dev/null 2>>"$LOG"
fi
for m in $PROFILE_MODELS; do
  stamp "webgpu profile $m"
  # shellcheck disable=SC2086
  # shellcheck disable=SC2086
  timeout "$(limit 120)" node $D/profile-step.mjs --backend webgpu $DAWN --dawn-flags "$PROFILE_DAWN_FLAGS" --model "$m" --batch "$BATCH" --size "$SIZE" $TFJS_FLAGS >>"$OUT/profile.txt" 2>>"$LOG"
done
stamp "waiting for the CPU runs"
wait
rm -f "$OUT"/.wasm-*
if [ -f "$OUT/curve-webgpu.json" ] && [ -f "$OUT/curve-wasm.json" ]; then node $D/loss-curve.mjs --compare "$OUT/curve-webgpu.json" "$OUT/curve-wasm.json" >>"$OUT/profile.txt"; fi
stamp "done"
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l));
console.log("| engine | model | batch | input | mode | ms/step | images/s | reads/step | uploads/step | dispatches/step |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.engine} | ${r.model} | ${r.batch ?? ""} | ${r.height ?? ""}x${r.width ?? ""} | ${r.mode ?? ""} | ${r.error ? "failed: " + r.error : r.msPerStep.toFixed(1)} | ${r.imagesPerSecond ? r.imagesPerSecond.toFixed(2) : ""} | ${r.readsPerStep ?? ""} | ${r.uploadsPerStep ?? ""} | ${r.dispatchesPerStep ?? ""} |`);
' "$RESULTS"
grep -h "max relative" "$OUT/profile.txt" 2>/dev/null
