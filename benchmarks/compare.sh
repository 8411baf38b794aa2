#!/usr/bin/env bash
# memarl's sweep against the yardsticks of shared/bench, all in ONE run (absolute times drift on a
# shared machine; the ratios taken within one run hold):
#   1. sweep.c (gcc -O3 -march=native -fopenmp), 1 and 2 OpenMP threads: dense S=4000 A=8, CSR S=1e6 A=8 k=10
#   2. peer_bench.py (numpy / scipy), same sizes, if numpy and scipy import
#   3. JMH kernel.SweepBenchmark, the same sizes, backups hard / soft / balancing, threads 1 and 2, with -prof gc,
#      in sample mode: memarl's figure is the median sweep time, like sweep.c's and peer_bench.py's
# then prints ns per nonzero, GB/s and the ratios of issue 7.
# ROUNDS=N repeats the steps N times, interleaved (C, JMH, peer, C, JMH, peer, ...), and reports each
# round's ratios and their median: on a machine shared with other tenants, whose load drifts over
# minutes, the ratio of neighbouring measurements is what holds, not a single long run of each.
#
# Usage (from anywhere; builds nothing of memarl: build benchmarks.jar first, see benchmarks/README.md):
#   benchmarks/compare.sh                          # everything (about 15-20 minutes on 2 cores)
#   JAR=/tmp/bench-me/benchmarks.jar benchmarks/compare.sh
#   ONLY=dense benchmarks/compare.sh               # or ONLY=sparse
#   ROUNDS=3 THREADS=2 ONLY=sparse benchmarks/compare.sh   # the issue's 2-thread verdict, 3 interleaved rounds
# Environment: JAR (default benchmarks/target/benchmarks.jar), BENCH (default ../shared/bench next to the
# repository, else /work/shared/bench), OUT (default /tmp/memarl-compare), JMH_OPTS (default
# "-f 1 -wi 3 -i 5 -w 1s -r 1s"), REPS (sweep.c repetitions, default 9), SKIP_PEER=1 to skip peer_bench.py,
# ROUNDS (default 1), THREADS (the JMH and sweep.c thread counts, default "1,2"), C_HUGE (default 1: also run
# sweep.c on 2 MB pages, GLIBC_TUNABLES=glibc.malloc.hugetlb=1; 0 to skip).
# Page sizes: SweepBenchmark's JVM runs with -XX:+UseTransparentHugePages and numpy madvises its large arrays
# for huge pages by default; the stock sweep.c (the issue's yardstick) runs on 4 kB pages, so the script
# reports sweep.c both ways.
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
ROUNDS=${ROUNDS:-1}
THREADS=${THREADS:-1,2}
C_HUGE=${C_HUGE:-1}
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
run_c() {
  for t in ${THREADS//,/ }; do
    OMP_NUM_THREADS=$t "$OUT/sweep" "$@" 2>/dev/null | sed "s/^/thr$t /" | tee -a "$R/sweep.txt"
    # the same binary on 2 MB pages (glibc >= 2.35 then madvises its large allocations, as numpy does by
    # default and as SweepBenchmark's JVM does with -XX:+UseTransparentHugePages): the like-for-like yardstick
    if [ "$C_HUGE" = 1 ]; then
      GLIBC_TUNABLES=glibc.malloc.hugetlb=1 OMP_NUM_THREADS=$t "$OUT/sweep" "$@" 2>/dev/null \
          | sed "s/^/huge$t /" | tee -a "$R/sweep.txt"
    fi
  done
}
have_peer=0
if [ "${SKIP_PEER:-0}" != 1 ] && python3 -c "import numpy, scipy" 2>/dev/null; then have_peer=1; else
  echo "# peer_bench.py skipped (numpy/scipy missing or SKIP_PEER=1)"; fi
rm -rf "$OUT"/round*
for round in $(seq 1 "$ROUNDS"); do
  R=$OUT/round$round
  mkdir -p "$R"
  echo "# round $round of $ROUNDS at $(date -u +%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
  : > "$R/sweep.txt"
  [ "$ONLY" = sparse ] || run_c dense 4000 8 "$REPS"
  [ "$ONLY" = dense ] || run_c csr 1000000 8 10 "$REPS"
  # shellcheck disable=SC2086
  [ "$ONLY" = sparse ] || java -jar "$JAR" 'kernel\.SweepBenchmark' -p layout=dense -p states=4000 -p actions=8 \
      -p backup=hard,soft,balancing -p threads="$THREADS" -bm sample $JMH_OPTS -prof gc -rf json -rff "$R/jmh-dense.json" \
      > "$R/jmh-dense.txt" 2>&1 || { tail -30 "$R/jmh-dense.txt"; exit 1; }
  # shellcheck disable=SC2086
  [ "$ONLY" = dense ] || java -jar "$JAR" 'kernel\.SweepBenchmark' -p layout=sparse -p states=1000000 -p actions=8 \
      -p successors=10 -p backup=hard,soft,balancing -p threads="$THREADS" -bm sample $JMH_OPTS -prof gc -rf json \
      -rff "$R/jmh-sparse.json" > "$R/jmh-sparse.txt" 2>&1 || { tail -30 "$R/jmh-sparse.txt"; exit 1; }
  if [ "$have_peer" = 1 ]; then
    sizes=dense4000,sparse1m
    [ "$ONLY" = dense ] && sizes=dense4000
    [ "$ONLY" = sparse ] && sizes=sparse1m
    (cd "$OUT" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$BENCH/peer_bench.py" --sizes "$sizes" \
        --reps 7 --warmup 2 --json "$R/peer.json" | tee "$R/peer.txt")
  fi
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

python3 - "$OUT" "$ROUNDS" <<'EOF'
import json, os, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
nnz = {"dense": 4000 * 8 * 4000, "sparse": 1_000_000 * 8 * 10}
bpn = {"dense": 8.0, "sparse": 12.0}   # bytes per nonzero as sweep.c counts them (values, + int32 index for CSR)
name = {"dense": "dense S=4000 A=8", "sparse": "CSR S=1e6 A=8 k=10"}

def load(rd):
    c, j, peer = {}, {}, {}
    for line in open(os.path.join(rd, "sweep.txt")):
        m = re.match(r"(thr|huge)(\d) (\w+)\s.*soft median [\d.]+ ms .*?= ([\d.]+) ns/nnz.*hard median [\d.]+ ms = ([\d.]+) ns/nnz", line)
        if m:
            t, lay = int(m.group(2)), ("dense" if m.group(3) == "dense" else "sparse")
            if m.group(1) == "huge":
                lay += "-2M"
            c[(lay, "soft", t)] = float(m.group(4))
            c[(lay, "hard", t)] = float(m.group(5))
    for lay in ("dense", "sparse"):
        p = os.path.join(rd, f"jmh-{lay}.json")
        if not os.path.exists(p):
            continue
        for r in json.load(open(p)):
            pr = r["params"]
            pm = r["primaryMetric"]
            # the median sweep time (JMH sample mode), as sweep.c and peer_bench.py report medians
            v = pm["scorePercentiles"]["50.0"] if r.get("mode") == "sample" else pm["score"]
            us = v * {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}[pm["scoreUnit"]]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
            j[(lay, pr["backup"], int(pr["threads"]))] = (us * 1e3 / nnz[lay], alloc)
    pp = os.path.join(rd, "peer.json")
    if os.path.exists(pp):
        for r in json.load(open(pp))["results"]:
            lay = "dense" if r["kind"] == "dense" else "sparse"
            case = r["case"]
            if case.startswith("numpy soft (matmul") or case.startswith("scipy CSR soft"):
                peer[(lay, "soft")] = r["ns_per_nnz"]
            elif case.startswith("numpy hard (matmul") or case.startswith("scipy CSR hard"):
                peer[(lay, "hard")] = r["ns_per_nnz"]
    return c, j, peer

data = [load(os.path.join(out, f"round{i}")) for i in range(1, rounds + 1)]

def med(xs):
    xs = [x for x in xs if x is not None and x == x]
    return statistics.median(xs) if xs else None

def fmt(x, w=0):
    return f"{x:{w}.2f}" if x else f"{'n/a':>{w}}"

print()
print("ns per stored nonzero of T (GB/s at sweep.c's 8 B dense / 12 B CSR per nonzero); memarl = JMH SweepBenchmark")
if rounds > 1:
    print(f"medians over {rounds} interleaved rounds; the ratios are medians of the per-round ratios")
print(f"{'model':<22} {'backup':<10} {'thr':>3} {'memarl ns':>10} {'GB/s':>6} {'B/op':>7} {'sweep.c ns':>10} {'GB/s':>6}"
      f" {'memarl/C':>9} {'numpy/scipy':>11} {'peer/memarl':>11}")
order = ["hard", "soft", "balancing"]
keys = sorted({k for _, j, _ in data for k in j}, key=lambda k: (k[0] != "dense", order.index(k[1]), k[2]))
summary = {}
for (lay, b, t) in keys:
    ns = med([j.get((lay, b, t), (None,))[0] for _, j, _ in data])
    alloc = med([j.get((lay, b, t), (None, None))[1] for _, j, _ in data])
    cb = med([c.get((lay, b, t)) for c, _, _ in data]) if b != "balancing" else None
    rc = med([j[(lay, b, t)][0] / c[(lay, b, t)] for c, j, _ in data if (lay, b, t) in j and c.get((lay, b, t))]) \
        if b != "balancing" else None
    pe = med([p.get((lay, b)) for _, _, p in data]) if b != "balancing" else None
    rp = med([p[(lay, b)] / j[(lay, b, t)][0] for _, j, p in data if (lay, b, t) in j and p.get((lay, b))]) \
        if b != "balancing" else None
    summary[(lay, b, t)] = (ns, rc, rp)
    print(f"{name[lay]:<22} {b:<10} {t:>3} {ns:10.3f} {bpn[lay] / ns:6.1f} {alloc:7.1f} "
          + (f"{cb:10.3f} {bpn[lay] / cb:6.1f} {fmt(rc, 9)}" if cb else f"{'-':>10} {'-':>6} {'-':>9}")
          + (f" {pe:11.3f} {fmt(rp, 11)}" if pe else f" {'-':>11} {'-':>11}"))

def ratio(a, b):
    return a / b if a and b else None

if rounds > 1:
    print()
    print("per round, 2 threads: memarl / sweep.c (soft, hard), scipy / memarl (soft, hard), scipy / sweep.c on"
          " 2 MB pages (hard), balancing / soft")
    for i, (c, j, p) in enumerate(data, 1):
        for lay in ("sparse", "dense"):
            if (lay, "soft", 2) not in j:
                continue
            s2, h2, b2 = (j.get((lay, x, 2), (None,))[0] for x in order[1::-1] + ["balancing"])
            print(f"  round {i} {name[lay]}: soft {fmt(ratio(s2, c.get((lay, 'soft', 2))))},"
                  f" hard {fmt(ratio(h2, c.get((lay, 'hard', 2))))}"
                  + (f", scipy/memarl soft {fmt(ratio(p.get((lay, 'soft')), s2))}"
                     f" hard {fmt(ratio(p.get((lay, 'hard')), h2))}" if lay == "sparse" else "")
                  + (f", scipy/sweep.c(2M) hard {fmt(ratio(p.get((lay, 'hard')), c.get((lay + '-2M', 'hard', 2))))}"
                     if lay == "sparse" and c.get((lay + "-2M", "hard", 2)) else "")
                  + f", balancing/soft {fmt(ratio(b2, s2))}")
print()
print("Issue 7 targets (2 threads unless said): memarl / sweep.c <= 1.3; scipy / memarl >= 3 (sparse soft);"
      " balancing / soft <= 2 (per nonzero)")
for lay in ("sparse", "dense"):
    for b in ("soft", "hard"):
        ns, rc, rp = summary.get((lay, b, 2), (None, None, None))
        print(f"  {name[lay]} {b}: memarl/sweep.c = {fmt(rc)}" + (f"; scipy/memarl = {fmt(rp)}" if lay == "sparse" else ""))
    bal = med([ratio(j[(lay, "balancing", 2)][0], j[(lay, "soft", 2)][0]) for _, j, _ in data
               if (lay, "balancing", 2) in j and (lay, "soft", 2) in j])
    print(f"  {name[lay]} balancing/soft = {fmt(bal)}")

if any((lay + "-2M", "hard", 2) in c for c, _, _ in data for lay in ("sparse", "dense")):
    print()
    print("sweep.c on 2 MB pages (like SweepBenchmark's JVM and numpy), 2 threads, medians of the per-round ratios:")
    for lay in ("sparse", "dense"):
        for b in ("soft", "hard"):
            k2 = (lay + "-2M", b, 2)
            ns2 = med([c.get(k2) for c, _, _ in data])
            if not ns2:
                continue
            rm = med([ratio(j.get((lay, b, 2), (None,))[0], c.get(k2)) for c, j, _ in data])
            rs = med([ratio(p.get((lay, b)), c.get(k2)) for c, _, p in data])
            print(f"  {name[lay]} {b}: sweep.c(2M) {ns2:.3f} ns; memarl/sweep.c(2M) = {fmt(rm)}"
                  + (f"; scipy/sweep.c(2M) = {fmt(rs)}" if rs else ""))
EOF
