#!/usr/bin/env bash
# memarl's sweep against the yardsticks of shared/bench, all in ONE run (absolute times drift on a
# shared machine; the ratios taken within one run hold):
#   1. sweep.c (gcc -O3 -march=native -fopenmp), 1 and 2 OpenMP threads: dense S=4000 A=8, CSR S=1e6 A=8 k=10
#   2. peer_bench.py (numpy / scipy), same sizes, if numpy and scipy import
#   3. JMH kernel.SweepBenchmark, the same sizes, backups hard / soft / balancing, threads 1 and 2, with -prof gc
# then prints ns per nonzero, GB/s and the ratios of issue 7.
#
# Usage (from anywhere; builds nothing of memarl: build benchmarks.jar first, see benchmarks/README.md):
#   benchmarks/compare.sh                          # everything (about 15-20 minutes on 2 cores)
#   JAR=/tmp/bench-me/benchmarks.jar benchmarks/compare.sh
#   ONLY=dense benchmarks/compare.sh               # or ONLY=sparse
# Environment: JAR (default benchmarks/target/benchmarks.jar), BENCH (default ../shared/bench next to the
# repository, else /work/shared/bench), OUT (default /tmp/memarl-compare), JMH_OPTS (default
# "-f 1 -wi 3 -i 5 -w 1s -r 1s"), REPS (sweep.c repetitions, default 9), SKIP_PEER=1 to skip peer_bench.py.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
if [ -z "${BENCH:-}" ]; then
  if [ -f "$ROOT/../shared/bench/sweep.c" ]; then BENCH=$ROOT/../shared/bench; else BENCH=/work/shared/bench; fi
fi
OUT=${OUT:-/tmp/memarl-compare}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
REPS=${REPS:-9}
ONLY=${ONLY:-all}
mkdir -p "$OUT"
test -f "$JAR" || { echo "compare.sh: $JAR not found (build it: see benchmarks/README.md)" >&2; exit 2; }
test -f "$BENCH/sweep.c" || { echo "compare.sh: $BENCH/sweep.c not found (set BENCH)" >&2; exit 2; }

{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(uname -srm)  cpus: $(nproc)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "# java: $(java -version 2>&1 | head -1)  gcc: $(gcc -dumpfullversion 2>/dev/null || echo '?')"
  echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

gcc -O3 -march=native -fopenmp -o "$OUT/sweep" "$BENCH/sweep.c" -lm
: > "$OUT/sweep.txt"
run_c() { for t in 1 2; do OMP_NUM_THREADS=$t "$OUT/sweep" "$@" 2>/dev/null | sed "s/^/thr$t /" | tee -a "$OUT/sweep.txt"; done; }
[ "$ONLY" = sparse ] || run_c dense 4000 8 "$REPS"
[ "$ONLY" = dense ] || run_c csr 1000000 8 10 "$REPS"

rm -f "$OUT/peer.json"
if [ "${SKIP_PEER:-0}" != 1 ] && python3 -c "import numpy, scipy" 2>/dev/null; then
  sizes=dense4000,sparse1m
  [ "$ONLY" = dense ] && sizes=dense4000
  [ "$ONLY" = sparse ] && sizes=sparse1m
  (cd "$OUT" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$BENCH/peer_bench.py" --sizes "$sizes" \
      --reps 7 --warmup 2 --json "$OUT/peer.json" | tee "$OUT/peer.txt")
else
  echo "# peer_bench.py skipped (numpy/scipy missing or SKIP_PEER=1)"
fi

rm -f "$OUT"/jmh-*.json
# shellcheck disable=SC2086
[ "$ONLY" = sparse ] || java -jar "$JAR" 'kernel\.SweepBenchmark' -p layout=dense -p states=4000 -p actions=8 \
    -p backup=hard,soft,balancing -p threads=1,2 $JMH_OPTS -prof gc -rf json -rff "$OUT/jmh-dense.json" \
    > "$OUT/jmh-dense.txt" 2>&1 || { tail -30 "$OUT/jmh-dense.txt"; exit 1; }
# shellcheck disable=SC2086
[ "$ONLY" = dense ] || java -jar "$JAR" 'kernel\.SweepBenchmark' -p layout=sparse -p states=1000000 -p actions=8 \
    -p successors=10 -p backup=hard,soft,balancing -p threads=1,2 $JMH_OPTS -prof gc -rf json \
    -rff "$OUT/jmh-sparse.json" > "$OUT/jmh-sparse.txt" 2>&1 || { tail -30 "$OUT/jmh-sparse.txt"; exit 1; }
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

python3 - "$OUT" <<'EOF'
import json, os, re, sys
out = sys.argv[1]
nnz = {"dense": 4000 * 8 * 4000, "sparse": 1_000_000 * 8 * 10}
bpn = {"dense": 8.0, "sparse": 12.0}   # bytes per nonzero as sweep.c counts them (values, + int32 index for CSR)
c = {}
for line in open(os.path.join(out, "sweep.txt")):
    m = re.match(r"thr(\d) (\w+)\s.*soft median [\d.]+ ms .*?= ([\d.]+) ns/nnz.*hard median [\d.]+ ms = ([\d.]+) ns/nnz", line)
    if m:
        t, lay = int(m.group(1)), ("dense" if m.group(2) == "dense" else "sparse")
        c[(lay, "soft", t)] = float(m.group(3))
        c[(lay, "hard", t)] = float(m.group(4))
j = {}
for lay in ("dense", "sparse"):
    p = os.path.join(out, f"jmh-{lay}.json")
    if not os.path.exists(p):
        continue
    for r in json.load(open(p)):
        pr = r["params"]
        us = r["primaryMetric"]["score"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        j[(lay, pr["backup"], int(pr["threads"]))] = (us * 1e3 / nnz[lay], alloc)
peer = {}
pp = os.path.join(out, "peer.json")
if os.path.exists(pp):
    for r in json.load(open(pp))["results"]:
        lay = "dense" if r["kind"] == "dense" else "sparse"
        case = r["case"]
        if case.startswith("numpy soft (matmul") or case.startswith("scipy CSR soft"):
            peer[(lay, "soft")] = r["ns_per_nnz"]
        elif case.startswith("numpy hard (matmul") or case.startswith("scipy CSR hard"):
            peer[(lay, "hard")] = r["ns_per_nnz"]
print()
print("ns per stored nonzero of T (GB/s at sweep.c's 8 B dense / 12 B CSR per nonzero); memarl = JMH SweepBenchmark")
print(f"{'model':<22} {'backup':<10} {'thr':>3} {'memarl ns':>10} {'GB/s':>6} {'B/op':>7} {'sweep.c ns':>10} {'GB/s':>6}"
      f" {'memarl/C':>9} {'numpy/scipy':>11} {'peer/memarl':>11}")
name = {"dense": "dense S=4000 A=8", "sparse": "CSR S=1e6 A=8 k=10"}
for lay in ("dense", "sparse"):
    for b in ("hard", "soft", "balancing"):
        for t in (1, 2):
            if (lay, b, t) not in j:
                continue
            ns, alloc = j[(lay, b, t)]
            cb = c.get((lay, b if b != "balancing" else "soft", t))
            pe = peer.get((lay, b)) if b != "balancing" else None
            print(f"{name[lay]:<22} {b:<10} {t:>3} {ns:10.3f} {bpn[lay] / ns:6.1f} {alloc:7.1f} "
                  + (f"{cb:10.3f} {bpn[lay] / cb:6.1f} {ns / cb:9.2f}" if cb else f"{'-':>10} {'-':>6} {'-':>9}")
                  + (f" {pe:11.3f} {pe / ns:11.2f}" if pe else f" {'-':>11} {'-':>11}"))
print()
print("Issue 7 targets (2 threads unless said): memarl / sweep.c <= 1.3; scipy / memarl >= 3 (sparse soft);"
      " balancing / soft <= 2 (per nonzero)")
def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"
for lay in ("sparse", "dense"):
    for b in ("soft", "hard"):
        m2 = j.get((lay, b, 2), (None,))[0]
        print(f"  {name[lay]} {b}: memarl/sweep.c = {ratio(m2, c.get((lay, b, 2)))}"
              + (f"; scipy/memarl = {ratio(peer.get((lay, b)), m2)}" if lay == "sparse" else ""))
    bal = j.get((lay, "balancing", 2), (None,))[0]
    soft = j.get((lay, "soft", 2), (None,))[0]
    print(f"  {name[lay]} balancing/soft = {ratio(bal, soft)}")
EOF
