;; SIMD kernels over float32 tensors that live in the tfjs-wasm heap, 128 bits (4 floats) at a
;; time. The module imports tfjs-wasm's own memory, so it reads and writes tensors in place:
;; pointers are byte offsets in that memory (tfjs's `getMemoryOffset`). Compiled by
;; scripts/compile-simd.mjs.
;;
;; Most work per channel over row-major [rows, channels] arrays, SIMD over the channels (a scalar
;; loop takes the last channels % 4): batch norm in train mode needs per-channel sums and a
;; per-channel affine map over whole activations, PReLU's and ReLU6's gradients masks and sums,
;; which tfjs composes from one kernel per arithmetic op, each a pass over memory; each function
;; here is one pass. MaxPool's gradient and Exp replace tfjs-wasm's scalar loops.
(module
  (import "env" "memory" (memory 0))

  ;; out[0:c] = sum over rows of (a - shiftA), out[c:2c] = sum over rows of (a - shiftA) * (b - shiftB),
  ;; per channel; shiftA and shiftB are [c]. scratch[0:2c] takes the sums of blocks of 128 rows,
  ;; each then added to out, which keeps float32 sums over a million rows accurate.
  (func (export "shifted_sums")
    (param $a i32) (param $shiftA i32) (param $b i32) (param $shiftB i32)
    (param $rows i32) (param $channels i32) (param $out i32) (param $scratch i32)
    (local $rowBytes i32) (local $simdBytes i32) (local $partial i32) (local $partialProducts i32)
    (local $row i32) (local $blockEnd i32) (local $rowA i32) (local $rowB i32) (local $i i32)
    (local $da v128) (local $db v128) (local $sa f32) (local $sb f32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $partial (local.get $scratch))
    (local.set $partialProducts (i32.add (local.get $partial) (local.get $rowBytes)))
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (memory.fill (local.get $scratch) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $blockEnd (i32.add (local.get $row) (i32.const 128)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $rows)) (then (local.set $blockEnd (local.get $rows))))
        (block $blockDone
          (loop $rowsOfBlock
            (br_if $blockDone (i32.ge_u (local.get $row) (local.get $blockEnd)))
            (local.set $rowA (i32.add (local.get $a) (i32.mul (local.get $row) (local.get $rowBytes))))
            (local.set $rowB (i32.add (local.get $b) (i32.mul (local.get $row) (local.get $rowBytes))))
            (local.set $i (i32.const 0))
            (block $simdDone
              (loop $simd
                (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
                (local.set $da (f32x4.sub
                  (v128.load (i32.add (local.get $rowA) (local.get $i)))
                  (v128.load (i32.add (local.get $shiftA) (local.get $i)))))
                (local.set $db (f32x4.sub
                  (v128.load (i32.add (local.get $rowB) (local.get $i)))
                  (v128.load (i32.add (local.get $shiftB) (local.get $i)))))
                (v128.store (i32.add (local.get $partial) (local.get $i))
                  (f32x4.add (v128.load (i32.add (local.get $partial) (local.get $i))) (local.get $da)))
                (v128.store (i32.add (local.get $partialProducts) (local.get $i))
                  (f32x4.add
                    (v128.load (i32.add (local.get $partialProducts) (local.get $i)))
                    (f32x4.mul (local.get $da) (local.get $db))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $simd)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
                (local.set $sa (f32.sub
                  (f32.load (i32.add (local.get $rowA) (local.get $i)))
                  (f32.load (i32.add (local.get $shiftA) (local.get $i)))))
                (local.set $sb (f32.sub
                  (f32.load (i32.add (local.get $rowB) (local.get $i)))
                  (f32.load (i32.add (local.get $shiftB) (local.get $i)))))
                (f32.store (i32.add (local.get $partial) (local.get $i))
                  (f32.add (f32.load (i32.add (local.get $partial) (local.get $i))) (local.get $sa)))
                (f32.store (i32.add (local.get $partialProducts) (local.get $i))
                  (f32.add
                    (f32.load (i32.add (local.get $partialProducts) (local.get $i)))
                    (f32.mul (local.get $sa) (local.get $sb))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tail)))
            (local.set $row (i32.add (local.get $row) (i32.const 1)))
            (br $rowsOfBlock)))
        (call $addAndClear (local.get $out) (local.get $partial) (i32.shl (local.get $rowBytes) (i32.const 1)))
        (br $blocks))))

  ;; out = scaleA * a + scaleB * (b - shiftB) + offset, with scaleA, scaleB, shiftB and offset the
  ;; [c] rows of coefficients[0:c], [c:2c], [2c:3c] and [3c:4c] broadcast over the rows. The shift
  ;; is applied before scaling so that b's mean cancels exactly (no scaleB * mean term to subtract).
  (func (export "affine_centered")
    (param $a i32) (param $b i32) (param $coefficients i32) (param $rows i32) (param $channels i32) (param $out i32)
    (local $rowBytes i32) (local $simdBytes i32) (local $scaleB i32) (local $shiftB i32) (local $offset i32)
    (local $row i32) (local $at i32) (local $i i32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $scaleB (i32.add (local.get $coefficients) (local.get $rowBytes)))
    (local.set $shiftB (i32.add (local.get $scaleB) (local.get $rowBytes)))
    (local.set $offset (i32.add (local.get $shiftB) (local.get $rowBytes)))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $at (i32.mul (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.const 0))
        (block $simdDone
          (loop $simd
            (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
            (v128.store (i32.add (local.get $out) (i32.add (local.get $at) (local.get $i)))
              (f32x4.add
                (f32x4.add
                  (f32x4.mul
                    (v128.load (i32.add (local.get $coefficients) (local.get $i)))
                    (v128.load (i32.add (local.get $a) (i32.add (local.get $at) (local.get $i)))))
                  (f32x4.mul
                    (v128.load (i32.add (local.get $scaleB) (local.get $i)))
                    (f32x4.sub
                      (v128.load (i32.add (local.get $b) (i32.add (local.get $at) (local.get $i))))
                      (v128.load (i32.add (local.get $shiftB) (local.get $i))))))
                (v128.load (i32.add (local.get $offset) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $simd)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (f32.store (i32.add (local.get $out) (i32.add (local.get $at) (local.get $i)))
              (f32.add
                (f32.add
                  (f32.mul
                    (f32.load (i32.add (local.get $coefficients) (local.get $i)))
                    (f32.load (i32.add (local.get $a) (i32.add (local.get $at) (local.get $i)))))
                  (f32.mul
                    (f32.load (i32.add (local.get $scaleB) (local.get $i)))
                    (f32.sub
                      (f32.load (i32.add (local.get $b) (i32.add (local.get $at) (local.get $i))))
                      (f32.load (i32.add (local.get $shiftB) (local.get $i))))))
                (f32.load (i32.add (local.get $offset) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $tail)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow))))

  ;; PReLU's gradient with a per-channel alpha [c]: dx = dy where x > 0, else alpha * dy (tfjs's
  ;; mask), and out[0:c] = the sum over rows of dy * x where x <= 0 (alpha's gradient); scratch[0:c]
  ;; takes blocks of 128 rows as in shifted_sums.
  (func (export "prelu_backward")
    (param $dy i32) (param $x i32) (param $alpha i32) (param $rows i32) (param $channels i32)
    (param $dx i32) (param $out i32) (param $scratch i32)
    (local $rowBytes i32) (local $simdBytes i32) (local $row i32) (local $blockEnd i32) (local $at i32) (local $i i32)
    (local $d v128) (local $v v128) (local $positive v128) (local $ds f32) (local $vs f32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (memory.fill (local.get $out) (i32.const 0) (local.get $rowBytes))
    (memory.fill (local.get $scratch) (i32.const 0) (local.get $rowBytes))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $blockEnd (i32.add (local.get $row) (i32.const 128)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $rows)) (then (local.set $blockEnd (local.get $rows))))
        (block $blockDone
          (loop $rowsOfBlock
            (br_if $blockDone (i32.ge_u (local.get $row) (local.get $blockEnd)))
            (local.set $at (i32.mul (local.get $row) (local.get $rowBytes)))
            (local.set $i (i32.const 0))
            (block $simdDone
              (loop $simd
                (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
                (local.set $d (v128.load (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $i)))))
                (local.set $v (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $i)))))
                (local.set $positive (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0))))
                (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $i)))
                  (v128.bitselect
                    (local.get $d)
                    (f32x4.mul (local.get $d) (v128.load (i32.add (local.get $alpha) (local.get $i))))
                    (local.get $positive)))
                (v128.store (i32.add (local.get $scratch) (local.get $i))
                  (f32x4.add
                    (v128.load (i32.add (local.get $scratch) (local.get $i)))
                    (v128.andnot (f32x4.mul (local.get $d) (local.get $v)) (local.get $positive))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $simd)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
                (local.set $ds (f32.load (i32.add (local.get $dy) (i32.add (local.get $at) (local.get $i)))))
                (local.set $vs (f32.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $i)))))
                (if (f32.gt (local.get $vs) (f32.const 0))
                  (then (f32.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $i))) (local.get $ds)))
                  (else
                    (f32.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $i)))
                      (f32.mul (local.get $ds) (f32.load (i32.add (local.get $alpha) (local.get $i)))))
                    (f32.store (i32.add (local.get $scratch) (local.get $i))
                      (f32.add
                        (f32.load (i32.add (local.get $scratch) (local.get $i)))
                        (f32.mul (local.get $ds) (local.get $vs))))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tail)))
            (local.set $row (i32.add (local.get $row) (i32.const 1)))
            (br $rowsOfBlock)))
        (call $addAndClear (local.get $out) (local.get $scratch) (local.get $rowBytes))
        (br $blocks))))

  ;; ReLU6's gradient over n values: dx = dy where 0 < x <= 6 (tfjs's mask), else 0.
  (func (export "relu6_backward") (param $dy i32) (param $x i32) (param $n i32) (param $dx i32)
    (local $bytes i32) (local $simdBytes i32) (local $i i32) (local $v v128) (local $vs f32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $i))))
        (v128.store (i32.add (local.get $dx) (local.get $i))
          (v128.and
            (v128.load (i32.add (local.get $dy) (local.get $i)))
            (v128.and
              (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0)))
              (f32x4.le (local.get $v) (f32x4.splat (f32.const 6))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $vs (f32.load (i32.add (local.get $x) (local.get $i))))
        (f32.store (i32.add (local.get $dx) (local.get $i))
          (select
            (f32.load (i32.add (local.get $dy) (local.get $i)))
            (f32.const 0)
            (i32.and (f32.gt (local.get $vs) (f32.const 0)) (f32.le (local.get $vs) (f32.const 6)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; MaxPool's gradient on NHWC with channels % 4 == 0: dx = 0, then each output's dy is added at
  ;; the first maximum of its window in row-major order (strictly greater replaces: the cpu
  ;; kernel's rule, so a window of -Infinity or NaN passes nothing). Window bounds are clipped to
  ;; the image once per output position, so the inner loops carry no bounds checks.
  (func (export "max_pool_backward")
    (param $dy i32) (param $x i32) (param $dx i32)
    (param $batch i32) (param $height i32) (param $width i32) (param $channels i32)
    (param $outHeight i32) (param $outWidth i32) (param $filterHeight i32) (param $filterWidth i32)
    (param $strideY i32) (param $strideX i32) (param $padTop i32) (param $padLeft i32)
    (local $rowBytes i32) (local $imageBytes i32) (local $b i32) (local $oy i32) (local $ox i32)
    (local $i i32) (local $y0 i32) (local $x0 i32) (local $kyStart i32) (local $kyEnd i32)
    (local $kxStart i32) (local $kxEnd i32) (local $image i32) (local $gradImage i32) (local $dyAt i32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $imageBytes (i32.mul (i32.mul (local.get $height) (local.get $width)) (local.get $rowBytes)))
    (memory.fill (local.get $dx) (i32.const 0) (i32.mul (local.get $batch) (local.get $imageBytes)))
    (local.set $dyAt (local.get $dy))
    (block $batchDone
      (loop $images
        (br_if $batchDone (i32.ge_u (local.get $b) (local.get $batch)))
        (local.set $image (i32.add (local.get $x) (i32.mul (local.get $b) (local.get $imageBytes))))
        (local.set $gradImage (i32.add (local.get $dx) (i32.mul (local.get $b) (local.get $imageBytes))))
        (local.set $oy (i32.const 0))
        (block $rowsDone
          (loop $outRows
            (br_if $rowsDone (i32.ge_u (local.get $oy) (local.get $outHeight)))
            (local.set $y0 (i32.sub (i32.mul (local.get $oy) (local.get $strideY)) (local.get $padTop)))
            (local.set $kyStart (call $clipLow (local.get $y0)))
            (local.set $kyEnd (call $clipHigh (local.get $y0) (local.get $filterHeight) (local.get $height)))
            (local.set $ox (i32.const 0))
            (block $colsDone
              (loop $outCols
                (br_if $colsDone (i32.ge_u (local.get $ox) (local.get $outWidth)))
                (local.set $x0 (i32.sub (i32.mul (local.get $ox) (local.get $strideX)) (local.get $padLeft)))
                (local.set $kxStart (call $clipLow (local.get $x0)))
                (local.set $kxEnd (call $clipHigh (local.get $x0) (local.get $filterWidth) (local.get $width)))
                (local.set $i (i32.const 0))
                (block $channelsDone
                  (loop $channelGroups
                    (br_if $channelsDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
                    (call $scatterToWindow
                      (local.get $gradImage) (local.get $rowBytes) (local.get $width) (local.get $y0) (local.get $x0)
                      (local.get $kyStart) (local.get $kyEnd) (local.get $kxStart) (local.get $kxEnd) (local.get $filterWidth) (local.get $i)
                      (v128.load (i32.add (local.get $dyAt) (local.get $i)))
                      (call $windowArgmax
                        (local.get $image) (local.get $rowBytes) (local.get $width) (local.get $y0) (local.get $x0)
                        (local.get $kyStart) (local.get $kyEnd) (local.get $kxStart) (local.get $kxEnd) (local.get $filterWidth) (local.get $i)))
                    (local.set $i (i32.add (local.get $i) (i32.const 16)))
                    (br $channelGroups)))
                (local.set $dyAt (i32.add (local.get $dyAt) (local.get $rowBytes)))
                (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                (br $outCols)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br $outRows)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $images))))

  ;; The first window tap inside the image: max(0, -start) (window coordinates are signed).
  (func $clipLow (param $start i32) (result i32)
    (select (i32.const 0) (i32.sub (i32.const 0) (local.get $start)) (i32.ge_s (local.get $start) (i32.const 0))))

  ;; One past the last window tap inside the image: min(filter, size - start).
  (func $clipHigh (param $start i32) (param $filter i32) (param $size i32) (result i32)
    (local $room i32)
    (local.set $room (i32.sub (local.get $size) (local.get $start)))
    (select (local.get $filter) (local.get $room) (i32.lt_s (local.get $filter) (local.get $room))))

  ;; Per lane of the 4 channels at byte $i, the window tap (ky * filterWidth + kx) of the first
  ;; strict maximum, or -1.
  (func $windowArgmax
    (param $image i32) (param $rowBytes i32) (param $width i32) (param $y0 i32) (param $x0 i32)
    (param $kyStart i32) (param $kyEnd i32) (param $kxStart i32) (param $kxEnd i32) (param $filterWidth i32) (param $i i32)
    (result v128)
    (local $ky i32) (local $kx i32) (local $best v128) (local $bestTap v128) (local $v v128) (local $greater v128)
    (local.set $best (f32x4.splat (f32.const -inf)))
    (local.set $bestTap (i32x4.splat (i32.const -1)))
    (local.set $ky (local.get $kyStart))
    (block $done
      (loop $taps
        (br_if $done (i32.ge_s (local.get $ky) (local.get $kyEnd)))
        (local.set $kx (local.get $kxStart))
        (block $rowDone
          (loop $row
            (br_if $rowDone (i32.ge_s (local.get $kx) (local.get $kxEnd)))
            (local.set $v (v128.load (call $pixel (local.get $image) (local.get $rowBytes) (local.get $width)
              (i32.add (local.get $y0) (local.get $ky)) (i32.add (local.get $x0) (local.get $kx)) (local.get $i))))
            (local.set $greater (f32x4.gt (local.get $v) (local.get $best)))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $greater)))
            (local.set $bestTap (v128.bitselect
              (i32x4.splat (i32.add (i32.mul (local.get $ky) (local.get $filterWidth)) (local.get $kx)))
              (local.get $bestTap) (local.get $greater)))
            (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
            (br $row)))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br $taps)))
    (local.get $bestTap))

  ;; Adds $g's lanes into the gradient image at each lane's tap from $windowArgmax.
  (func $scatterToWindow
    (param $gradImage i32) (param $rowBytes i32) (param $width i32) (param $y0 i32) (param $x0 i32)
    (param $kyStart i32) (param $kyEnd i32) (param $kxStart i32) (param $kxEnd i32) (param $filterWidth i32) (param $i i32)
    (param $g v128) (param $bestTap v128)
    (local $ky i32) (local $kx i32) (local $at i32)
    (local.set $ky (local.get $kyStart))
    (block $done
      (loop $taps
        (br_if $done (i32.ge_s (local.get $ky) (local.get $kyEnd)))
        (local.set $kx (local.get $kxStart))
        (block $rowDone
          (loop $row
            (br_if $rowDone (i32.ge_s (local.get $kx) (local.get $kxEnd)))
            (local.set $at (call $pixel (local.get $gradImage) (local.get $rowBytes) (local.get $width)
              (i32.add (local.get $y0) (local.get $ky)) (i32.add (local.get $x0) (local.get $kx)) (local.get $i)))
            (v128.store (local.get $at)
              (f32x4.add (v128.load (local.get $at))
                (v128.and (local.get $g)
                  (i32x4.eq (local.get $bestTap)
                    (i32x4.splat (i32.add (i32.mul (local.get $ky) (local.get $filterWidth)) (local.get $kx)))))))
            (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
            (br $row)))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br $taps))))

  ;; The byte address of channel byte $i at image row y, column x.
  (func $pixel (param $image i32) (param $rowBytes i32) (param $width i32) (param $y i32) (param $x i32) (param $i i32) (result i32)
    (i32.add (i32.add (local.get $image) (local.get $i))
      (i32.mul (i32.add (i32.mul (local.get $y) (local.get $width)) (local.get $x)) (local.get $rowBytes))))

  ;; out = exp(x) over n values: n = round(x / ln 2), r = x - n ln 2 (in two parts, Cody-Waite),
  ;; e^r by Cephes' expf polynomial on [-ln2/2, ln2/2], times 2^n built as two powers of two so that
  ;; results down to the subnormals come out of one multiply each. Above ln(FLT_MAX) it is +Infinity,
  ;; below -103.97 (under half the smallest subnormal) 0; NaN stays NaN.
  (func (export "exp") (param $x i32) (param $n i32) (param $out i32)
    (local $bytes i32) (local $simdBytes i32) (local $i i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
        (v128.store (i32.add (local.get $out) (local.get $i)) (call $expLanes (v128.load (i32.add (local.get $x) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $bytes)))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32x4.extract_lane 0 (call $expLanes (f32x4.splat (f32.load (i32.add (local.get $x) (local.get $i)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  (func $expLanes (param $x v128) (result v128)
    (local $clamped v128) (local $n v128) (local $r v128) (local $p v128) (local $ni v128) (local $half v128) (local $e v128)
    (local.set $clamped (f32x4.min (f32x4.max (local.get $x) (f32x4.splat (f32.const -103.97))) (f32x4.splat (f32.const 88.7229))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $clamped) (f32x4.splat (f32.const 1.44269504088896341)))))
    (local.set $r (f32x4.sub (local.get $clamped) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375)))))
    (local.set $r (f32x4.sub (local.get $r) (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (f32x4.splat (f32.const 1))))
    ;; 2^n = 2^half * 2^(n - half), each exponent within [-76, 64]: a normal float.
    (local.set $ni (i32x4.trunc_sat_f32x4_s (local.get $n)))
    (local.set $half (i32x4.shr_s (local.get $ni) (i32.const 1)))
    (local.set $e
      (f32x4.mul
        (f32x4.mul (local.get $p) (i32x4.shl (i32x4.add (local.get $half) (i32x4.splat (i32.const 127))) (i32.const 23)))
        (i32x4.shl (i32x4.add (i32x4.sub (local.get $ni) (local.get $half)) (i32x4.splat (i32.const 127))) (i32.const 23))))
    (v128.bitselect
      (f32x4.splat (f32.const inf))
      (v128.bitselect (f32x4.splat (f32.const 0)) (local.get $e) (f32x4.lt (local.get $x) (f32x4.splat (f32.const -103.97))))
      (f32x4.gt (local.get $x) (f32x4.splat (f32.const 88.7228394)))))


  ;; target[0:bytes] += source[0:bytes], then source[0:bytes] = 0.
  (func $addAndClear (param $target i32) (param $source i32) (param $bytes i32)
    (local $i i32) (local $simdBytes i32)
    (local.set $simdBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
        (v128.store (i32.add (local.get $target) (local.get $i))
          (f32x4.add
            (v128.load (i32.add (local.get $target) (local.get $i)))
            (v128.load (i32.add (local.get $source) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $bytes)))
        (f32.store (i32.add (local.get $target) (local.get $i))
          (f32.add
            (f32.load (i32.add (local.get $target) (local.get $i)))
            (f32.load (i32.add (local.get $source) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail)))
    (memory.fill (local.get $source) (i32.const 0) (local.get $bytes))))
