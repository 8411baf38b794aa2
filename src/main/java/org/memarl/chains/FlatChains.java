package org.memarl.chains;

import java.util.ArrayList;
import java.util.List;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.ChainProblem;

/**
 * One-level ("flat") soft value iteration over a composite choice, built directly as a {@link ChainProblem}
 * over the same contexts and rows as a nested chain, for the equivalences of {@link ChainEquivalence}:
 *
 * <pre>
 *   V(c) = (1/beta) log sum_{x_1..x_K} P(x_1..x_K | c) exp(beta Q(c, x_1..x_K))        (one joint Boltzmann distribution)
 * </pre>
 *
 * <ul>
 *   <li>{@link #softOptions}: contexts {@code (s, z_prev)}, the composite choice {@code (b, z, a)} of size
 *       {@code 2 m A}, the joint prior {@code P^T(b|s,z_prev) P(z|s,z_prev,b) P(a|s,z)} read from the
 *       {@link OptionSpec} (b = 0 keeps z_prev, b = 1 draws from {@code P^H(.|s)}); the row of (b, z, a) is
 *       the row of (z, a). With one beta at every level this is soft options (appendix C.1), since nested
 *       soft extrema at one beta compose to one over the product prior.</li>
 *   <li>{@link #maSoftOptions}: contexts {@code (s, z'_i, z'_-i)}, the composite choice
 *       {@code (b_i, z_i, a, b_-i, z_-i, b)} of all six variables with both players' option priors
 *       multiplied (appendix C.2 with one beta).</li>
 *   <li>{@link #flatten}: any bound chain with its levels' prior weights multiplied.</li>
 * </ul>
 */
public final class FlatChains {
    private FlatChains() {
    }

    /** Flat soft VI over {@code (b, z, a)} on the contexts {@code (s, z_prev)} of an MDP with options. */
    public static ChainProblem softOptions(Mdp mdp, double beta) {
        if (!mdp.hasOptions()) {
            throw new InvalidModelException("options: missing; flat soft options need an mdp with \"options\"");
        }
        ChoiceModel cm = ChoiceModel.of(mdp);
        OptionSpec o = mdp.options();
        int n = mdp.numStates();
        int m = o.count();
        int na = mdp.numActions();
        int leaf = 2 * m * na;
        double[] prior = new double[n * m * leaf];
        int[] leafToRow = new int[leaf];
        List<String> names = new ArrayList<>(leaf);
        for (int b = 0; b < 2; b++) {
            for (int z = 0; z < m; z++) {
                for (int a = 0; a < na; a++) {
                    int j = (b * m + z) * na + a;
                    leafToRow[j] = z * na + a;
                    names.add((b == 0 ? "continue" : "terminate") + "/" + o.names().get(z) + "/" + mdp.actionNames().get(a));
                }
            }
        }
        for (int s = 0; s < n; s++) {
            for (int zp = 0; zp < m; zp++) {
                int c = s * m + zp;
                for (int j = 0; j < leaf; j++) {
                    int a = j % na;
                    int z = (j / na) % m;
                    int b = j / (na * m);
                    prior[c * leaf + j] = optionWeight(o, s, zp, b, z) * o.actionPrior(z, s, a);
                }
            }
        }
        Chain chain = Chain.builder(n * m).level("(termination, option, action)", leaf, beta, LevelPrior.marginal(prior)).build();
        return ChainProblem.builder(chain, cm.transitions(), cm.rewards("agent"), cm.gamma()).horizon(cm.horizon())
                .blocks(m, m * na, leafToRow).contextNames(cm.contextNames()).choiceNames(List.of(names)).build();
    }

    /**
     * Flat joint soft VI over {@code (b_i, z_i, a, b_-i, z_-i, b)} on the contexts {@code (s, z'_i, z'_-i)} of a
     * game with options, reducing {@code whose} reward ({@code "agent"} or {@code "opponent"}).
     */
    public static ChainProblem maSoftOptions(Game g, double beta, String whose) {
        if (!g.hasOptions()) {
            throw new InvalidModelException("options: missing; flat ma-soft-options need a game with \"options\"");
        }
        ChoiceModel cm = ChoiceModel.of(g);
        OptionSpec oi = g.agentOptions();
        OptionSpec oo = g.opponentOptions();
        int n = g.numStates();
        int mi = oi.count();
        int mo = oo.count();
        int na = g.numAgentActions();
        int nb = g.numOpponentActions();
        int leaf = 2 * mi * na * 2 * mo * nb;
        int[] leafToRow = new int[leaf];
        List<String> names = new ArrayList<>(leaf);
        for (int j = 0; j < leaf; j++) {
            int[] x = decode(j, mi, na, mo, nb);
            leafToRow[j] = ((x[1] * mo + x[4]) * na + x[2]) * nb + x[5];
            names.add((x[0] == 0 ? "continue" : "terminate") + "/" + oi.names().get(x[1]) + "/" + g.agentActionNames().get(x[2])
                    + "/" + (x[3] == 0 ? "continue" : "terminate") + "/" + oo.names().get(x[4]) + "/"
                    + g.opponentActionNames().get(x[5]));
        }
        int contexts = n * mi * mo;
        double[] prior = new double[contexts * leaf];
        for (int c = 0; c < contexts; c++) {
            int s = c / (mi * mo);
            int zpi = (c / mo) % mi;
            int zpo = c % mo;
            for (int j = 0; j < leaf; j++) {
                int[] x = decode(j, mi, na, mo, nb);
                prior[c * leaf + j] = optionWeight(oi, s, zpi, x[0], x[1]) * oi.actionPrior(x[1], s, x[2])
                        * optionWeight(oo, s, zpo, x[3], x[4]) * oo.actionPrior(x[4], s, x[5]);
            }
        }
        Chain chain = Chain.builder(contexts).level("(agent.termination, agent.option, agent, opponent.termination,"
                + " opponent.option, opponent)", leaf, beta, LevelPrior.marginal(prior)).build();
        return ChainProblem.builder(chain, cm.transitions(), cm.rewards(whose), cm.gamma()).horizon(cm.horizon())
                .blocks(mi * mo, mi * mo * na * nb, leafToRow).contextNames(cm.contextNames()).choiceNames(List.of(names))
                .build();
    }

    /** {@code (b_i, z_i, a, b_-i, z_-i, b)} of composite index j (row-major, b fastest). */
    private static int[] decode(int j, int mi, int na, int mo, int nb) {
        int[] x = new int[6];
        int r = j;
        x[5] = r % nb;
        r /= nb;
        x[4] = r % mo;
        r /= mo;
        x[3] = r % 2;
        r /= 2;
        x[2] = r % na;
        r /= na;
        x[1] = r % mi;
        r /= mi;
        x[0] = r;
        return x;
    }

    /** {@code P^T(b | s, z') P(z | s, z', b)}: b = 0 keeps z', b = 1 draws z from the master prior. */
    private static double optionWeight(OptionSpec o, int s, int zPrev, int b, int z) {
        double p = o.termination(s, zPrev);
        return b == 0 ? (z == zPrev ? 1.0 - p : 0.0) : p * o.master(s, z);
    }

    /**
     * The flat form of a bound chain: one level over its leaves (outermost slowest) with beta {@code beta} and
     * the prior {@code prod_k P_k(x_k | c, x_<k)} (each level's weights normalised), over the same contexts and
     * rows. With every level at {@code beta} it has the chain's fixed point.
     */
    public static ChainProblem flatten(ChainProblem p, double beta) {
        Chain chain = p.chain();
        int n = chain.contexts();
        int leaf = chain.leafSize();
        int depth = chain.depth();
        double[] prior = new double[n * leaf];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < leaf; j++) {
                double w = 1.0;
                int prefix = 0;
                int rest = j;
                int[] x = new int[depth];
                for (int k = depth - 1; k >= 0; k--) {
                    int size = chain.levels().get(k).size();
                    x[k] = rest % size;
                    rest /= size;
                }
                for (int k = 0; k < depth && w > 0.0; k++) {
                    w *= chain.priorWeight(k, c, prefix, x[k]);
                    prefix = prefix * chain.levels().get(k).size() + x[k];
                }
                prior[c * leaf + j] = w;
            }
        }
        List<String> names = new ArrayList<>(leaf);
        for (int j = 0; j < leaf; j++) {
            StringBuilder sb = new StringBuilder();
            int rest = j;
            List<String> parts = new ArrayList<>();
            for (int k = depth - 1; k >= 0; k--) {
                int size = chain.levels().get(k).size();
                parts.add(0, p.choiceNames(k).get(rest % size));
                rest /= size;
            }
            names.add(sb.append(String.join("/", parts)).toString());
        }
        StringBuilder levelName = new StringBuilder("(");
        for (int k = 0; k < depth; k++) {
            levelName.append(k == 0 ? "" : ", ").append(chain.levels().get(k).name());
        }
        Chain flat = Chain.builder(n).level(levelName.append(')').toString(), leaf, beta, LevelPrior.marginal(prior)).build();
        int[] map = p.leafToRow();
        return ChainProblem.builder(flat, p.transitions(), p.rewards(), p.gamma()).horizon(p.horizon())
                .blocks(p.contextsPerBlock(), p.rowsPerBlock(), map).contextNames(p.contextNames())
                .choiceNames(List.of(names)).build();
    }
}
