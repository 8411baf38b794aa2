package org.memarl.benchmarks.solve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.memarl.algorithms.Evaluation;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.io.NpzModel;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;

/**
 * End-to-end time to a guaranteed tolerance (issue 17): loads one {@code .npz} MDP once, then times
 * whole solves in this process (operator construction, iterations, Q table, policy and {@code Solution};
 * not the model's loading, which every method shares), one line per run:
 *
 * <pre>
 *   java -cp target/memarl.jar:CLASSES org.memarl.benchmarks.solve.TimeToTolerance MODEL.npz GAMMA TOL THREADS RUN...
 *   RUN = soft-vi:BETA | soft-pi:BETA[:EVALUATION] | hard-vi | hard-pi[:EVALUATION] | soft-vi:BETA:cap=N | hard-vi:cap=N
 * </pre>
 *
 * A {@code cap=N} run stops value iteration after N sweeps and extrapolates its time to the tolerance from
 * the measured time per sweep and the sweeps the contraction still needs from the last residual r_N,
 * {@code ceil(log(tol (1 - gamma) / (gamma r_N)) / log gamma)} (the residual of value iteration on these
 * models falls by gamma per sweep once the transient is gone); the line says {@code extrapolated}. After each
 * run: the machine's load (1-minute average), the process's peak resident memory (VmHWM), and for every
 * policy-iteration run the largest difference of its V from the last value iteration's V of the same backup,
 * against the sum of the two error bounds (the agreement the tolerance guarantees).
 *
 * <p>With {@code -Dmemarl.trace=FILE} every run not marked {@code :warm} also records its trace through
 * {@link org.memarl.solve.ProgressListener}: (seconds since the run started, certified error bound
 * {@code gamma/(1-gamma) ||B V - V||}) after every value-iteration sweep and after every policy-iteration outer
 * step, into preallocated arrays (no allocation in the solve); the traces are written at the end as a tidy CSV
 * {@code method,backup,gamma,t_seconds,bound} ({@link Trace}), which {@link ResidualPlot} draws.
 */
public final class TimeToTolerance {
    private TimeToTolerance() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: TimeToTolerance MODEL.npz GAMMA TOL THREADS RUN...");
            System.exit(2);
        }
        Mdp mdp = NpzModel.read(Path.of(args[0]));
        double gamma = Double.parseDouble(args[1]);
        double tol = Double.parseDouble(args[2]);
        int threads = Integer.parseInt(args[3]);
        mdp = mdp.withGamma(gamma);
        long nnz = mdp.transitions().nonzeros();
        System.out.printf(Locale.ROOT, "# model %s S=%d A=%d nnz=%d gamma=%s tol=%s threads=%d modelMB=%.0f%n", args[0],
                mdp.numStates(), mdp.numActions(), nnz, args[1], args[2], threads, modelBytes(mdp) / 1e6);
        List<double[]> viValues = new ArrayList<>();
        List<String> viKeys = new ArrayList<>();
        List<Double> viBounds = new ArrayList<>();
        String traceFile = System.getProperty("memarl.trace");
        Trace trace = new Trace(Trace.CAPACITY);
        StringBuilder csv = new StringBuilder(Trace.HEADER).append('\n');
        for (int i = 4; i < args.length; i++) {
            String[] p = args[i].split(":");
            boolean soft = p[0].startsWith("soft");
            boolean vi = p[0].endsWith("vi");
            double beta = soft ? Double.parseDouble(p[1]) : Double.POSITIVE_INFINITY;
            int cap = 0;
            boolean warm = false;
            Evaluation how = Evaluation.AUTO;
            for (int j = soft ? 2 : 1; j < p.length; j++) {
                if (p[j].equals("warm")) {
                    warm = true;
                } else if (p[j].startsWith("cap=")) {
                    cap = Integer.parseInt(p[j].substring(4));
                } else {
                    how = Evaluation.parse(p[j]);
                }
            }
            MdpAlgorithm alg = soft ? (vi ? MdpAlgorithm.SOFT_VALUE_ITERATION : MdpAlgorithm.SOFT_POLICY_ITERATION)
                    : (vi ? MdpAlgorithm.VALUE_ITERATION : MdpAlgorithm.POLICY_ITERATION);
            RunConfig.Builder cfg = RunConfig.builder().tolerance(tol).threads(threads).evaluation(how);
            if (soft) {
                cfg.beta(beta);
            }
            if (cap > 0) {
                cfg.maxIterations(cap);
            }
            boolean tracing = traceFile != null && !warm;
            double load = load();
            long t0 = System.nanoTime();
            trace.start(t0);
            if (tracing) {
                cfg.progress(trace);
            }
            Solution sol = alg.run(mdp, cfg.build());
            double secs = (System.nanoTime() - t0) / 1e9;
            String key = soft ? "soft" + beta : "hard";
            if (tracing) {
                trace.appendCsv(csv, vi ? "value-iteration" : "policy-iteration",
                        soft ? "soft-beta-" + p[1] : "hard", args[1]);
            }
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT, "%-22s time=%.2fs converged=%s iterations=%d bound=%.3g",
                    args[i], secs, sol.converged(), sol.iterations(), sol.errorBound()));
            if (vi && cap > 0 && !sol.converged()) {
                double needed = tol * (1.0 - gamma) / gamma;
                double more = Math.ceil(Math.log(needed / sol.residual()) / Math.log(gamma));
                double sweeps = sol.iterations() + Math.max(0.0, more);
                line.append(String.format(Locale.ROOT, " extrapolated: sweeps=%.0f time=%.1fs (%.4fs/sweep)", sweeps,
                        secs / sol.iterations() * sweeps, secs / sol.iterations()));
            }
            Object outer = sol.parameters().get("outerSteps");
            if (outer != null) {
                line.append(" outer=").append(outer).append(" inner=").append(sol.parameters().get("innerIterations"))
                        .append(String.format(Locale.ROOT, " sweepEq=%.1f", ((Number) sol.parameters().get("sweepEquivalents"))
                                .doubleValue()));
            }
            if (vi && sol.converged()) {
                viKeys.add(key);
                viValues.add(sol.V());
                viBounds.add(sol.errorBound());
            } else if (!vi) {
                int at = viKeys.lastIndexOf(key);
                if (at >= 0) {
                    double[] a = viValues.get(at);
                    double[] b = sol.V();
                    double d = 0.0;
                    for (int s = 0; s < a.length; s++) {
                        d = Math.max(d, Math.abs(a[s] - b[s]));
                    }
                    line.append(String.format(Locale.ROOT, " |V-V_vi|=%.2g (bounds sum %.2g)", d,
                            viBounds.get(at) + sol.errorBound()));
                }
            }
            line.append(String.format(Locale.ROOT, " load=%.2f rssMB=%.0f", load, peakRssMb()));
            System.out.println(line);
        }
        if (traceFile != null) {
            Path out = Path.of(traceFile);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, csv.toString());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Bytes of the model's arrays: T's values and column indices, row starts, rewards. */
    static double modelBytes(Mdp mdp) {
        long rows = (long) mdp.numStates() * mdp.numActions();
        return 12.0 * mdp.transitions().nonzeros() + 4.0 * (rows + 1) + 8.0 * rows;
    }

    static double load() throws java.io.IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    static double peakRssMb() throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
