package org.memarl.algorithms.options;

import org.memarl.algorithms.ChainRun;
import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.Solution;

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
 * <p>Declarations, over the contexts {@code (s, z_prev)} of {@code ChoiceModel.of(mdp)} (levels outermost
 * first, priors the model's defaults): soft options {@link ThesisChains#softOptions} is
 * {@code termination(beta)} with {@code P^T(b | s, z_prev)}, {@code option(beta)} given termination
 * (b = 0: the point mass on z_prev; b = 1: the master prior {@code P^H(z | s)}), {@code action(beta)} given
 * option with {@code P(a | s, z)}; the leaf (b, z, a) reads the row (s, z, a), which leads to the context
 * (s', z) with probability {@code T(s' | s, a)} (4.8). The critic {@link ThesisChains#softOptionsCritic}
 * is the same chain with beta = 0 at the termination and option levels. Both are gamma-contractions in
 * the sup norm on U (ledger claims "eq. (4.8)" and "eq. (4.9)"), solved by
 * {@link org.memarl.solve.ChainSolver} (the fused sweep of {@link ChainBellman}) to the stated tolerance;
 * with a model horizon H the same declaration's exact backward recursion {@code U_H = 0}. The value of the
 * start state is {@code V(s) = sum_z P(z_0 = z | s) U(s, z)} with {@code P(z_0 | s)} the master prior (the
 * initial option of (4.1) is drawn from it and is not optimised). Cost per sweep O(m nnz(T) + m S A).
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

    /** The declaration of the variant: {@link ThesisChains#softOptions} or {@link ThesisChains#softOptionsCritic}. */
    public static ChainDeclaration declaration(double beta, Variant variant) {
        return variant == Variant.SOFT_OPTIONS ? ThesisChains.softOptions(beta) : ThesisChains.softOptionsCritic(beta);
    }

    /** The declared problem over the contexts {@code s * m + z_prev} of the option MDP (with its horizon). */
    public static ChainProblem problem(Mdp mdp, double beta, Variant variant) {
        return declaration(beta, variant).problem(ChoiceModel.of(mdp));
    }

    /** The Bellman operator on U, a vector of length S*m indexed {@code s * m + z_prev}. Not thread-safe. */
    public static ChainBellman operator(Mdp mdp, double beta, Variant variant) {
        return new ChainBellman(problem(mdp, beta, variant));
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

        private Tables(double[][][] q, double[][] vz, double[] vh, double[][] u, double[][][] low, double[][] master,
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

        /**
         * The tables of a solved option declaration (levels termination, option, action over the contexts
         * {@code s m + z_prev}): {@code U(s, z') = V(c)}, {@code V^H(s)} and {@code V(s, z)} the values of the
         * terminating branch, {@code Q(s, a, z)} its leaf, {@code pi^T(1 | s, z')}, {@code pi^H(z | s)} and
         * {@code pi(a | s, z)} the Boltzmann policies of the terminating branch (they do not depend on z'),
         * and the start value {@code V(s) = sum_z P^H(z|s) U(s, z)}.
         */
        public static Tables of(Mdp mdp, ChainSolution sol) {
            OptionSpec o = mdp.options();
            int n = mdp.numStates();
            int na = mdp.numActions();
            int m = o.count();
            double[] v = sol.values();
            double[][] leaf = sol.q();
            double[][] f0 = sol.levelValues(0);
            double[][] f1 = sol.levelValues(1);
            double[][] p0 = sol.policy(0);
            double[][] p1 = sol.policy(1);
            double[][] p2 = sol.policy(2);
            double[][][] q = new double[n][m][na];
            double[][] vz = new double[n][m];
            double[] vh = new double[n];
            double[][] u = new double[n][m];
            double[][][] low = new double[n][m][na];
            double[][] master = new double[n][m];
            double[][] term = new double[n][m];
            double[] start = new double[n];
            for (int s = 0; s < n; s++) {
                int c0 = s * m;
                vh[s] = f0[c0][1];
                System.arraycopy(p1[c0], m, master[s], 0, m);
                for (int z = 0; z < m; z++) {
                    int terminating = (m + z) * na;
                    System.arraycopy(leaf[c0], terminating, q[s][z], 0, na);
                    System.arraycopy(p2[c0], terminating, low[s][z], 0, na);
                    vz[s][z] = f1[c0][m + z];
                    u[s][z] = v[c0 + z];
                    term[s][z] = p0[c0 + z][1];
                    start[s] += o.master(s, z) * u[s][z];
                }
            }
            return new Tables(q, vz, vh, u, low, master, term, start);
        }
    }

    /** Runs {@code soft-options} or {@code soft-options-critic} with {@code config.beta()}. */
    public static Solution solve(Mdp mdp, RunConfig config, Variant variant) {
        double beta = config.beta();
        Solution.Builder b = Solution.builder(variant.cliName())
                .parameter("gamma", mdp.gamma())
                .parameter("beta", beta)
                .parameter("options", mdp.options().count());
        Tables tab = Tables.of(mdp, ChainRun.solve(problem(mdp, beta, variant), config, b, true));
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
