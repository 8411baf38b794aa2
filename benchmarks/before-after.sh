#!/usr/bin/env bash
# Two builds of the sweep kernel in ONE run, interleaved: JMH kernel.SweepBenchmark (sparse, S = 1e6,
# A = 8, k = 10, backups soft / hard / balancing) from jar BEFORE and jar AFTER, alternating per round, so
# that the load of a shared machine hits both alike; JMH in sample mode (each figure is the median sweep
# time, as compare.sh reports); prints each round's medians and the median ratio after/before per backup (issue 13: "within 10% of their time before the change, measured in one run").
#
# Usage: build each benchmarks.jar from its commit (see benchmarks/README.md), then
#   BEFORE=/tmp/bench-before/benchmarks.jar AFTER=benchmarks/target/benchmarks.jar benchmarks/before-after.sh
# Environment: ROUNDS (default 3), THREADS (default 1), BACKUPS (default soft,hard,balancing),
# JMH_OPTS (default "-f 1 -wi 3 -i 5 -w 1s -r 1s"), OUT (default /tmp/memarl-before-after).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=${BEFORE:?set BEFORE to the benchmarks.jar built before the change}
AFTER=${AFTER:-$ROOT/benchmarks/target/benchmarks.jar}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-1}
BACKUPS=${BACKUPS:-soft,hard,balancing}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
OUT=${OUT:-/tmp/memarl-before-after}
mkdir -p "$OUT"
echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  cpus: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
for r in $(seq 1 "$ROUNDS"); do
  # ABBA: odd rounds run the old build first, even rounds the new one (a drift of the machine's state over a
  # round, e.g. of the huge pages available to the next JVM, then favours neither)
  order="before after"; [ $((r % 2)) = 0 ] && order="after before"
  for side in $order; do
    jar=$BEFORE; [ "$side" = after ] && jar=$AFTER
    # shellcheck disable=SC2086
    java -jar "$jar" 'kernel.SweepBenchmark' -p layout=sparse -p states=1000000 -p backup="$BACKUPS" \
        -p threads="$THREADS" -bm sample $JMH_OPTS -rf json -rff "$OUT/$side-$r.json" > "$OUT/$side-$r.log" 2>&1
    python3 - "$OUT/$side-$r.json" "$side" "$r" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys
for x in json.load(open(sys.argv[1])):
    med = x["primaryMetric"]["scorePercentiles"]["50.0"]
    print(f"round {sys.argv[3]} {sys.argv[2]:6s} {x['params']['backup']:10s} {med:12.1f} us/sweep (median)")
PY
  done
done
python3 - "$OUT" "$ROUNDS" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys, statistics
out, rounds = sys.argv[1], int(sys.argv[2])
ratios = {}
for r in range(1, rounds + 1):
    t = {}
    for side in ("before", "after"):
        for x in json.load(open(f"{out}/{side}-{r}.json")):
            t[(side, x["params"]["backup"])] = x["primaryMetric"]["scorePercentiles"]["50.0"]
    for b in {k[1] for k in t}:
        ratios.setdefault(b, []).append(t[("after", b)] / t[("before", b)])
for b, xs in sorted(ratios.items()):
    print(f"{b:10s} after/before per round: {' '.join(f'{x:.3f}' for x in xs)}  median {statistics.median(xs):.3f}")
PY
