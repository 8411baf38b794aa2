package org.memarl.algorithms.options;

import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;
import org.memarl.solve.ValueOperator;

/**
 * Single-agent soft options (thesis section 4.1, appendix C.1) and the soft-options-critic recursion
 * the thesis corrects ((4.9)-(4.10)), exactly, in reward units ({@code M^beta[f | P] = (1/beta) log
 * sum_x P(x) exp(beta f(x))}; the thesis's quantities are beta times these).
 *
 * <p>The augmented state is {@code (s, z_prev)}: the state and the option that ran in the previous
 * step. At each step the termination b ~ pi^T(b | s, z_prev) is drawn; on b = 1 the master draws
 * z ~ pi^H(z | s), on b = 0 the option continues (z = z_prev, (4.3)); then a ~ pi(a | s, z). The closed
 * form of the ELBO (4.4), derived innermost first as in appendix C.1:
 *
 * <pre>
 *   Q(s, a, z)   = r(s, a) + gamma sum_{s'} T(s' | s, a) U(s', z)                    (4.8), (C.7)
 *   V(s, z)      = M_a^beta[ Q(s, ., z) | P(a | s, z) ]                              (4.5), (C.1)
 *   V^H(s)       = M_z^beta[ V(s, .) | P^H(z | s) ]                                   (4.6), (C.3) corrected
 *   U(s, z_prev) = M_b^beta[ b ? V^H(s) : V(s, z_prev) | P^T(b | s, z_prev) ]          (4.7), (C.6)
 *   pi(a | s, z)     = P(a | s, z) exp(beta (Q(s, a, z) - V(s, z)))
 *   pi^H(z | s)      = P^H(z | s) exp(beta (V(s, z) - V^H(s)))
 *   pi^T(1 | s, z')  = P^T(1 | s, z') exp(beta (V^H(s) - U(s, z')))
 * </pre>
 *
 * The printed normaliser of (4.6), {@code V^H = (1/m) log sum_z exp Q(s, z)}, is not the log-partition
 * of {@code (1/m) exp Q}: the ledger's claim {@code "eq. (4.6)"} shows the printed pi^H does not sum
 * to 1; the correct one is {@code log sum_z (1/m) exp Q(s, z)} (above, with a general master prior).
 *
 * <p>The soft-options-critic variant ((4.9)-(4.10)) replaces the termination and master reductions by
 * expectations under their priors:
 * {@code U_c(s, z_prev) = (1 - P^T(1|s,z_prev)) V(s, z_prev) + P^T(1|s,z_prev) sum_z P^H(z|s) V(s, z)},
 * i.e. the optimum over low-level policies when pi^H = P^H and pi^T = P^T are held at their priors
 * (the regularisation of pi^H and pi^T is lost). For beta &gt; 0 its values are below the soft-options
 * values; for beta &lt; 0 above; equal at beta = 0.
 *
 * <p>Both are gamma-contractions in the sup norm on U (ledger claims "eq. (4.8)" and "eq. (4.9)"),
 * solved by {@link FixedPointDriver} to the stated tolerance; with a model horizon H the backward
 * recursion {@code U_H = 0} is exact. The value of the start state is
 * {@code V(s) = sum_z P(z_0 = z | s) U(s, z)} with {@code P(z_0 | s)} the master prior (the initial
 * option of (4.1) is drawn from it and is not optimised). Cost per sweep O(m nnz(T) + m S A): the sweep
 * has the shape of the fused kernel of {@link org.memarl.solve.ChainBellman} — per state, one pass over
 * each row's nonzeros accumulating all m expectations, then the nested reductions over the state's block
 * with {@link SoftExtremum#fastValue} (one max shift, one {@code exp} per entry, one {@code log} per
 * reduction) — and allocates nothing.
 */
public final class SoftOptions {
    private SoftOptions() {
    }

    /** Which recursion. */
    public enum Variant {
        /** Appendix C.1: the master and termination reductions are soft extrema. */
        SOFT_OPTIONS("soft-options"),
        /** (4.9)-(4.10): the master and termination reductions are prior expectations. */
        CRITIC("soft-options-critic");

        private final String cliName;

        Variant(String cliName) {
            this.cliName = cliName;
        }

        /** The algorithm name on the command line. */
        public String cliName() {
            return cliName;
        }
    }

    /** The Bellman operator on U, a vector of length S*m indexed {@code s * m + z_prev}. Not thread-safe. */
    public static final class Operator implements ValueOperator {
        private final int states;
        private final int actions;
        private final int options;
        private final double gamma;
        private final double beta;
        private final Variant variant;
        private final TransitionMatrix t;
        private final double[] rewards;
        private final double[] actionPrior;
        private final double[] termination;
        private final double[] master;
        // workspaces
        private final double[] q;
        private final double[] vz;
        private final double[] next;
        private final Termination terminationReduction = new Termination();
        private final double[] uNew;

        public Operator(Mdp mdp, double beta, Variant variant) {
            if (Double.isNaN(beta)) {
                throw new IllegalArgumentException("beta: NaN");
            }
            OptionSpec o = mdp.options();
            this.states = mdp.numStates();
            this.actions = mdp.numActions();
            this.options = o.count();
            this.gamma = mdp.gamma();
            this.beta = beta;
            this.variant = variant;
            this.t = mdp.transitions();
            this.rewards = mdp.rewardsFlat();
            this.actionPrior = o.actionPriorFlat();
            this.termination = o.terminationFlat();
            this.master = o.masterFlat();
            this.q = new double[options * actions];
            this.vz = new double[options];
            this.next = new double[options];
            this.uNew = new double[options];
        }

        @Override
        public int size() {
            return states * options;
        }

        @Override
        public double modulus() {
            return gamma;
        }

        public double beta() {
            return beta;
        }

        public Variant variant() {
            return variant;
        }

        /**
         * {@code q[z * A + a] = Q(s, a, z) = r(s, a) + gamma sum_{s'} T(s'|s,a) u[s' m + z]} for all a, z.
         * Allocation-free.
         */
        void qBlock(int s, double[] u, double[] out) {
            int m = options;
            for (int a = 0; a < actions; a++) {
                int row = s * actions + a;
                java.util.Arrays.fill(next, 0.0);
                for (int k = t.rowStart(row), end = t.rowEnd(row); k < end; k++) {
                    double p = t.entryProbability(k);
                    if (p != 0.0) {
                        int base = t.entryColumn(k) * m;
                        for (int z = 0; z < m; z++) {
                            next[z] += p * u[base + z];
                        }
                    }
                }
                double r = rewards[row];
                for (int z = 0; z < m; z++) {
                    out[z * actions + a] = gamma == 0.0 ? r : r + gamma * next[z];
                }
            }
        }

        /** V(s, z) for every z from the Q block, into {@code vz}. */
        void optionValues(int s, double[] qb, double[] vzOut) {
            for (int z = 0; z < options; z++) {
                vzOut[z] = SoftExtremum.fastValue(beta, qb, z * actions, actionPrior, (z * states + s) * actions, actions);
            }
        }

        /** V^H(s) (soft) or the master-prior expectation of V(s, .) (critic). */
        double masterValue(int s, double[] vzIn) {
            double b = variant == Variant.SOFT_OPTIONS ? beta : 0.0;
            return SoftExtremum.fastValue(b, vzIn, 0, master, s * options, options);
        }

        /** U(s, z_prev) from V(s, z_prev) and V^H(s). */
        double terminationValue(int s, int zPrev, double vContinue, double vh) {
            return terminationReduction.value(variant == Variant.SOFT_OPTIONS ? beta : 0.0, vContinue, vh,
                    termination[s * options + zPrev]);
        }

        private void backup(int s, double[] in, double[] out, int off) {
            qBlock(s, in, q);
            optionValues(s, q, vz);
            double vh = masterValue(s, vz);
            for (int z = 0; z < options; z++) {
                out[off + z] = terminationValue(s, z, vz[z], vh);
            }
        }

        @Override
        public void apply(double[] in, double[] out) {
            for (int s = 0; s < states; s++) {
                backup(s, in, out, s * options);
            }
        }

        @Override
        public double applyInPlace(double[] v) {
            double d = 0.0;
            for (int s = 0; s < states; s++) {
                backup(s, v, uNew, 0);
                for (int z = 0; z < options; z++) {
                    double diff = Math.abs(uNew[z] - v[s * options + z]);
                    if (!(diff <= d)) {
                        d = diff;
                    }
                    v[s * options + z] = uNew[z];
                }
            }
            return d;
        }

        /** Every table of the recursion at the message {@code u} (U of the next step). */
        public Tables tables(double[] u) {
            int n = states;
            int m = options;
            int na = actions;
            double[][][] qt = new double[n][m][na];
            double[][] vzt = new double[n][m];
            double[] vh = new double[n];
            double[][] ut = new double[n][m];
            double[][][] low = new double[n][m][na];
            double[][] masterPolicy = new double[n][m];
            double[][] term = new double[n][m];
            double[] start = new double[n];
            double[] qb = new double[m * na];
            double[] vzb = new double[m];
            for (int s = 0; s < n; s++) {
                qBlock(s, u, qb);
                for (int z = 0; z < m; z++) {
                    System.arraycopy(qb, z * na, qt[s][z], 0, na);
                    vzb[z] = SoftExtremum.policy(beta, qb, z * na, actionPrior, (z * n + s) * na, na, low[s][z], 0);
                    vzt[s][z] = vzb[z];
                }
                if (variant == Variant.SOFT_OPTIONS) {
                    vh[s] = SoftExtremum.policy(beta, vzb, 0, master, s * m, m, masterPolicy[s], 0);
                } else {
                    vh[s] = masterValue(s, vzb);
                    System.arraycopy(master, s * m, masterPolicy[s], 0, m);
                }
                for (int z = 0; z < m; z++) {
                    ut[s][z] = terminationValue(s, z, vzb[z], vh[s]);
                    double p = termination[s * m + z];
                    if (variant == Variant.CRITIC) {
                        term[s][z] = p;
                    } else {
                        term[s][z] = terminationReduction.probability(beta, vzb[z], vh[s], p);
                    }
                    start[s] += master[s * m + z] * ut[s][z];
                }
            }
            return new Tables(qt, vzt, vh, ut, low, masterPolicy, term, start);
        }
    }

    /** The tables of one step: Q[s][z][a], V(s,z), V^H(s), U(s,z_prev), the three policies, and V(s). */
    public static final class Tables {
        public final double[][][] q;
        public final double[][] vz;
        public final double[] vh;
        public final double[][] u;
        public final double[][][] low;
        public final double[][] master;
        public final double[][] termination;
        public final double[] start;

        Tables(double[][][] q, double[][] vz, double[] vh, double[][] u, double[][][] low, double[][] master,
               double[][] termination, double[] start) {
            this.q = q;
            this.vz = vz;
            this.vh = vh;
            this.u = u;
            this.low = low;
            this.master = master;
            this.termination = termination;
            this.start = start;
        }
    }

    /** Runs {@code soft-options} or {@code soft-options-critic} with {@code config.beta()}. */
    public static Solution solve(Mdp mdp, RunConfig config, Variant variant) {
        double beta = config.beta();
        Operator op = new Operator(mdp, beta, variant);
        Solution.Builder b = Solution.builder(variant.cliName())
                .parameter("gamma", mdp.gamma())
                .parameter("beta", beta)
                .parameter("options", mdp.options().count());
        Tables tab = op.tables(Messages.firstStepMessage(op, mdp.horizon(), config, b));
        return b.value("V", tab.start)
                .value("U", tab.u)
                .value("VH", tab.vh)
                .value("Vz", tab.vz)
                .value("Q", tab.q)
                .policy(startPolicy(mdp, tab))
                .policy("low", tab.low)
                .policy("master", tab.master)
                .policy("termination", tab.termination)
                .build();
    }

    /**
     * The action distribution of the first step from s when z_0 ~ P^H(. | s):
     * {@code sum_{z0} P^H(z0|s) [ (1 - pi^T(1|s,z0)) pi(a|s,z0) + pi^T(1|s,z0) sum_z pi^H(z|s) pi(a|s,z) ]}.
     */
    static double[][] startPolicy(Mdp mdp, Tables tab) {
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int na = mdp.numActions();
        int m = o.count();
        double[][] pi = new double[n][na];
        for (int s = 0; s < n; s++) {
            double[] fresh = new double[na];
            for (int z = 0; z < m; z++) {
                for (int a = 0; a < na; a++) {
                    fresh[a] += tab.master[s][z] * tab.low[s][z][a];
                }
            }
            for (int z0 = 0; z0 < m; z0++) {
                double w = o.master(s, z0);
                double pt = tab.termination[s][z0];
                for (int a = 0; a < na; a++) {
                    pi[s][a] += w * ((1.0 - pt) * tab.low[s][z0][a] + pt * fresh[a]);
                }
            }
        }
        return pi;
    }
}
