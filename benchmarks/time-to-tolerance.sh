#!/usr/bin/env bash
# Time to a guaranteed tolerance (issue 17): memarl value iteration against memarl's matrix-free policy
# iteration (soft beta 1 and 10, hard) on random sparse MDPs (A = 8, k = 10 successors), and numpy/scipy's
# sweep time (shared/bench/peer_bench.py) for the same models' sizes, in ONE run, interleaved (value iteration
# then policy iteration of the same backup, back to back), with the machine's load on every line.
#   S = 1e5: gamma 0.99 (every run to the tolerance) and 0.999 (value iteration capped, extrapolated)
#   S = 1e6: gamma 0.999 soft beta 1 (value iteration capped and extrapolated; policy iteration alone in its
#            own JVM so that its peak resident memory is its own)
# Value iteration runs that would take too long stop after CAP sweeps and are extrapolated from the measured
# time per sweep and the sweeps the contraction still needs (TimeToTolerance's Javadoc); the lines say so.
#
# Usage (from the repository root, after `mvn -q -B -DskipTests package`):
#   benchmarks/time-to-tolerance.sh                 # about 15-25 minutes on 2 busy cores
#   ONLY=1e5 benchmarks/time-to-tolerance.sh        # or ONLY=1e6; SKIP_PEER=1 skips peer_bench.py
#   ONLY=trace benchmarks/time-to-tolerance.sh      # S = 1e5, gamma 0.99, soft beta 1 and hard only, each solve's
#        trace (time, error bound after every sweep / outer step) in $OUT/trace.csv, drawn by ResidualPlot as
#        $OUT/residual-vs-time.png and .svg (about 10 minutes on 2 busy cores)
#   PLOT_ONLY=1 benchmarks/time-to-tolerance.sh     # only redraw $OUT/residual-vs-time.* from $OUT/trace.csv
# Environment: JAR (default target/memarl.jar), OUT (default /tmp/memarl-ttt), THREADS (2), TOL (1e-8),
# CAP999 (value-iteration sweeps at gamma 0.999, S = 1e5; default 3000), CAP1M (S = 1e6; default 300),
# ROUNDS (S = 1e5 gamma 0.99 rounds, default 1), BENCH (the shared/bench folder).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/memarl.jar}
OUT=${OUT:-/tmp/memarl-ttt}
THREADS=${THREADS:-2}
TOL=${TOL:-1e-8}
CAP999=${CAP999:-3000}
CAP1M=${CAP1M:-300}
ROUNDS=${ROUNDS:-1}
ONLY=${ONLY:-all}
if [ -z "${BENCH:-}" ]; then
  if [ -f "$ROOT/../shared/bench/peer_bench.py" ]; then BENCH=$ROOT/../shared/bench; else BENCH=/work/shared/bench; fi
fi
test -f "$JAR" || { echo "time-to-tolerance.sh: $JAR not found (mvn -q -B -DskipTests package)" >&2; exit 2; }
mkdir -p "$OUT/classes"
SRC=$ROOT/benchmarks/src/main/java/org/memarl/benchmarks/solve
javac -d "$OUT/classes" -cp "$JAR" "$SRC/TimeToTolerance.java" "$SRC/Trace.java" "$SRC/ResidualPlot.java"
CP="$JAR:$OUT/classes"
ttt() { java -XX:+UseTransparentHugePages ${TRACE_OPT:-} -cp "$CP" org.memarl.benchmarks.solve.TimeToTolerance "$@" \
    | tee -a "$OUT/results.txt"; }
plot() { java -cp "$CP" org.memarl.benchmarks.solve.ResidualPlot "$OUT/trace.csv" "$TOL" \
    "Time to tolerance, random sparse MDP S = 1e5, A = 8, k = 10, gamma = 0.99" "$OUT/residual-vs-time"; }
if [ "${PLOT_ONLY:-0}" = 1 ]; then plot; exit 0; fi
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(uname -srm)  cpus: $(nproc)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo "# uptime: $(uptime)"
} | tee -a "$OUT/results.txt"
WARM="soft-vi:1:cap=30:warm hard-vi:cap=30:warm soft-pi:1:krylov:cap=2:warm"
if [ "$ONLY" = trace ]; then
  test -f "$OUT/s1e5.npz" || java -jar "$JAR" generate random-mdp --states 100000 --actions 8 --successors 10 \
      --gamma 0.99 --seed 17 --out "$OUT/s1e5.npz"
  echo "# S=1e5 gamma=0.99 traced; uptime: $(uptime)" | tee -a "$OUT/results.txt"
  TRACE_OPT="-Dmemarl.trace=$OUT/trace.csv" ttt "$OUT/s1e5.npz" 0.99 "$TOL" "$THREADS" $WARM soft-vi:1 soft-pi:1 \
      hard-vi hard-pi
  plot
  echo "# done: $(date -u +%Y-%m-%dT%H:%M:%SZ); uptime: $(uptime)" | tee -a "$OUT/results.txt"
  exit 0
fi
if [ "$ONLY" != 1e6 ]; then
  test -f "$OUT/s1e5.npz" || java -jar "$JAR" generate random-mdp --states 100000 --actions 8 --successors 10 \
      --gamma 0.99 --seed 17 --out "$OUT/s1e5.npz"
  for r in $(seq 1 "$ROUNDS"); do
    echo "# S=1e5 gamma=0.99 round $r; uptime: $(uptime)" | tee -a "$OUT/results.txt"
    ttt "$OUT/s1e5.npz" 0.99 "$TOL" "$THREADS" $WARM soft-vi:1 soft-pi:1 soft-vi:10 soft-pi:10 hard-vi hard-pi
  done
  echo "# S=1e5 gamma=0.999; uptime: $(uptime)" | tee -a "$OUT/results.txt"
  ttt "$OUT/s1e5.npz" 0.999 "$TOL" "$THREADS" $WARM soft-vi:1:cap=$CAP999 soft-pi:1 soft-vi:10:cap=$CAP999 soft-pi:10 \
      hard-vi:cap=$CAP999 hard-pi
fi
if [ "$ONLY" != 1e5 ]; then
  test -f "$OUT/s1e6.npz" || java -jar "$JAR" generate random-mdp --states 1000000 --actions 8 --successors 10 \
      --gamma 0.999 --seed 17 --out "$OUT/s1e6.npz"
  echo "# S=1e6 gamma=0.999; uptime: $(uptime)" | tee -a "$OUT/results.txt"
  ttt "$OUT/s1e6.npz" 0.999 "$TOL" "$THREADS" soft-pi:1
  ttt "$OUT/s1e6.npz" 0.999 "$TOL" "$THREADS" soft-vi:1:cap=$CAP1M
fi
if [ "${SKIP_PEER:-0}" != 1 ] && python3 -c 'import numpy, scipy' 2>/dev/null; then
  echo "# peer_bench.py (numpy/scipy, one sweep, gamma 0.95 on its own models of the same sizes); uptime: $(uptime)" \
      | tee -a "$OUT/results.txt"
  sizes=sparse100k,sparse1m
  [ "$ONLY" = 1e5 ] && sizes=sparse100k
  [ "$ONLY" = 1e6 ] && sizes=sparse1m
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$BENCH/peer_bench.py" --sizes "$sizes" --reps 5 --warmup 1 \
      --threads 1 2>&1 | tee -a "$OUT/results.txt"
else
  echo "# peer_bench.py skipped (SKIP_PEER=1, or numpy/scipy not importable)" | tee -a "$OUT/results.txt"
fi
echo "# done: $(date -u +%Y-%m-%dT%H:%M:%SZ); uptime: $(uptime)" | tee -a "$OUT/results.txt"
