#!/bin/bash
# bench/device-check.sh: the first figures on a GPU machine, from the offline bundle, in one script that
# takes at most 5 minutes (issue 14). It unpacks dist/alpenglow-<version>-linux-x64.tar.xz (npm run bundle)
# into a temporary directory and, with the bundle's own Node runtime, prints
#   1. the adapters Dawn finds (alpenglow devices), and stops (exit 3) if --adapter hardware finds no GPU;
#   2. the engine's cross-check on that adapter (alpenglow check: WGSL vs the float64 reference with the
#      test suite's tolerances, determinism, no NaN/Inf);
#   3. the bench (alpenglow bench --json: trials/s, ratio to the float64 reference, peak GPU memory);
#   4. the full ALPINIST-density KOTO Step 2 table: grid --production mixing, 201 masses x 101 widths x
#      1e6 samples = 2.03e10 trials, after a 1-sample pass that fills the production cache (not timed);
# and appends one row to the "Device check" table of bench/RESULTS.md (and copies the file to $OUT when
# that is set, as on the lent device machines).
#
#   bench/device-check.sh [--bundle FILE] [--adapter hardware|auto|software] [--shrink] [--results FILE] [--no-record]
#
# --shrink runs the table at 11 masses x 101 widths x 1e4 samples (1.1e7 trials) so the whole script runs
# end to end on a software adapter (Mesa llvmpipe): `bench/device-check.sh --shrink --adapter auto`.
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE=""; ADAPTER=hardware; SHRINK=0; RESULTS=bench/RESULTS.md; RECORD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE=$2; shift 2 ;;
    --adapter) ADAPTER=$2; shift 2 ;;
    --shrink) SHRINK=1; shift ;;
    --results) RESULTS=$2; shift 2 ;;
    --no-record) RECORD=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "device-check: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$ADAPTER" in hardware|auto|software) ;; *) echo "device-check: --adapter must be hardware, auto or software" >&2; exit 2 ;; esac
if [ -z "$BUNDLE" ]; then
  BUNDLE=$(ls -t dist/alpenglow-*-linux-x64.tar.xz 2>/dev/null | head -1 || true)
  [ -n "$BUNDLE" ] || { echo "device-check: no dist/alpenglow-*-linux-x64.tar.xz: run 'npm run bundle' first (or --bundle FILE)" >&2; exit 2; }
fi
[ -f "$BUNDLE" ] || { echo "device-check: $BUNDLE does not exist" >&2; exit 2; }
command -v xz > /dev/null || { echo "device-check: unpacking the bundle needs xz (Debian/Ubuntu: xz-utils)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/alpenglow-device-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
section() { printf '\n== %s (t = %d s)\n' "$*" $((SECONDS - started)); }

section "bundle $BUNDLE ($(du -h "$BUNDLE" | cut -f1))"
tar -xJf "$BUNDLE" -C "$work"
AG="$work/alpenglow/bin/alpenglow"
NODE="$work/alpenglow/runtime/node"
export ALPENGLOW_CACHE_DIR="$work/cache"
echo "runtime: Node $("$NODE" --version); host: $(uname -srm); $(nproc) CPUs"
command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true

section "adapters (alpenglow devices)"
"$AG" devices 2>&1 | grep -v '^Warning: maxDynamic' || true
if [ "$ADAPTER" = hardware ]; then
  "$AG" devices --adapter hardware > /dev/null 2> "$work/devices.err" || { cat "$work/devices.err" >&2; echo "device-check: no hardware adapter; stopping (use --adapter auto to measure a software adapter)" >&2; exit 3; }
fi

section "cross-check on the $ADAPTER adapter (alpenglow check)"
check_rc=0
"$AG" check --adapter "$ADAPTER" --json > "$work/check.json" 2> "$work/check.err" || check_rc=$?
grep -v '^Warning: maxDynamic' "$work/check.err" >&2 || true
[ -s "$work/check.json" ] || { echo "device-check: alpenglow check gave no result (exit $check_rc)" >&2; exit "$check_rc"; }
"$NODE" -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const a = r.agreement;
console.log(`adapter           ${r.adapter}`);
console.log(`WGSL vs float64   ${a.passed ? "pass" : "FAIL"}: ${a.compared} cells, max |pull| ${a.maxAbsPull.toFixed(2)} (<= ${r.tolerances.maxAbsPull}), chi^2 ${a.chiSquare.toFixed(1)} (< ${r.tolerances.chiSquarePerCell * a.compared})`);
console.log(`determinism       ${r.deterministic ? "pass" : "FAIL"}; finite: ${r.finite ? "pass" : "FAIL"}; ${r.passed ? "passed" : "FAILED"} in ${r.seconds.toFixed(1)} s`);
' "$work/check.json"

section "bench (alpenglow bench --json)"
"$AG" bench --adapter "$ADAPTER" --json > "$work/bench.json" 2> "$work/bench.err"
"$NODE" -e '
const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`WebGPU ${b.trialsPerSecond.toExponential(3)} trials/s (${b.trials.toExponential(2)} trials in ${b.wallSeconds.toFixed(2)} s, ${b.submissions} submissions); float64 reference ${b.referenceTrialsPerSecond.toExponential(3)} trials/s; ratio ${b.ratio.toFixed(1)}; peak GPU memory ${(b.gpuBytes / 1048576).toFixed(1)} MiB`);
' "$work/bench.json"

if [ "$SHRINK" = 1 ]; then MASSES=0.01:5.31:11; SAMPLES=10000; else MASSES=0.01:5.31:201; SAMPLES=1000000; fi
WIDTHS=1e-25:1e-10:101
engine=(--engine webgpu --adapter "$ADAPTER")
section "KOTO Step 2 mixing table: masses $MASSES x widths $WIDTHS x $SAMPLES samples"
"$AG" grid --scenario koto-step2 --production mixing --masses "$MASSES" --widths "$WIDTHS" --samples 1 "${engine[@]}" \
  --out "$work/warm" --progress-interval 1000 > /dev/null 2> "$work/warm.err" || { cat "$work/warm.err" >&2; exit 1; }
echo "production cache filled ($(ls "$ALPENGLOW_CACHE_DIR" | wc -l) tables); timing the table:"
t0=$("$NODE" -p 'Date.now()')
"$AG" grid --scenario koto-step2 --production mixing --masses "$MASSES" --widths "$WIDTHS" --samples "$SAMPLES" "${engine[@]}" \
  --out "$work/table" --progress-interval 30 2> "$work/table.err" > /dev/null || { cat "$work/table.err" >&2; exit 1; }
t1=$("$NODE" -p 'Date.now()')
grep -v '^Warning: maxDynamic' "$work/table.err" | tail -n 3 || true

section "result"
"$NODE" -e '
const fs = require("fs");
const [checkFile, benchFile, tableFile, t0, t1, masses, widths, samples, results, record, bundle, shrink] = process.argv.slice(1);
const check = JSON.parse(fs.readFileSync(checkFile, "utf8"));
const bench = JSON.parse(fs.readFileSync(benchFile, "utf8"));
const table = JSON.parse(fs.readFileSync(tableFile, "utf8")).header;
const count = (spec) => Number(spec.split(":")[2]);
const trials = count(masses) * count(widths) * Number(samples);
const wall = (Number(t1) - Number(t0)) / 1000;
const engineSeconds = table.provenance.wallSeconds;
const line = `table ${count(masses)} x ${count(widths)} x ${Number(samples).toExponential(0)} = ${trials.toExponential(2)} trials: ${engineSeconds.toFixed(2)} s in the engine (${(trials / engineSeconds).toExponential(3)} trials/s), ${wall.toFixed(2)} s for the command; values sha256 ${table.valuesSha256.slice(0, 16)}…`;
console.log(line);
console.log(`adapter ${table.provenance.adapter}`);
if (record === "1") {
  const header = "| date | adapter | bundle | cross-check (max pull, χ²/cells) | bench trials/s (ratio to float64) | peak GPU memory | KOTO Step 2 mixing table | engine s (trials/s) | command s | values sha256 |";
  const row = `| ${new Date().toISOString().slice(0, 10)} | ${check.adapter} | ${bundle.split("/").pop()} | ${check.passed ? "pass" : "FAIL"} (${check.agreement.maxAbsPull.toFixed(2)}, ${check.agreement.chiSquare.toFixed(1)}/${check.agreement.compared}) | ${bench.trialsPerSecond.toExponential(3)} (${bench.ratio.toFixed(1)}×) | ${(bench.gpuBytes / 1048576).toFixed(1)} MiB | ${count(masses)} × ${count(widths)} × ${Number(samples).toExponential(0)} = ${trials.toExponential(2)}${shrink === "1" ? " (--shrink)" : ""} | ${engineSeconds.toFixed(2)} (${(trials / engineSeconds).toExponential(3)}) | ${wall.toFixed(2)} | ${table.valuesSha256.slice(0, 16)}… |`;
  let text = fs.existsSync(results) ? fs.readFileSync(results, "utf8") : "# Benchmark results\n";
  const lines = text.replace(/\n*$/, "").split("\n");
  let at = lines.indexOf(header);
  if (at < 0) {
    lines.push("", "## Device check (bench/device-check.sh, issue 14)", "",
      "One row per run of `bench/device-check.sh` from the offline bundle: the engine cross-check (`alpenglow check`), the",
      "bench (`alpenglow bench --json`) and the ALPINIST-density KOTO Step 2 mixing table (201 masses × 101 widths × 1e6",
      "samples; rows marked --shrink ran 11 × 101 × 1e4 on a software adapter to prove the script end to end).", "",
      header, "|---|---|---|---|---|---|---|---|---|---|");
    at = lines.length - 2;
  }
  let end = at + 2;
  while (end < lines.length && lines[end].startsWith("|")) end++;
  lines.splice(end, 0, row);
  fs.writeFileSync(results, lines.join("\n") + "\n");
  console.log(`added a row to ${results}`);
}
' "$work/check.json" "$work/bench.json" "$work/table/koto-step2_mixing_gammaGamma.table.json" "$t0" "$t1" "$MASSES" "$WIDTHS" "$SAMPLES" "$RESULTS" "$RECORD" "$BUNDLE" "$SHRINK"
if [ -n "${OUT:-}" ] && [ -d "$OUT" ] && [ "$RECORD" = 1 ]; then cp "$RESULTS" "$OUT/RESULTS.md"; fi
echo "device-check: done in $((SECONDS - started)) s (cross-check exit $check_rc)"
exit "$check_rc"
