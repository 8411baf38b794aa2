package org.memarl.chains;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;

/**
 * Seeded random models for {@link ChainEquivalence}: either like a given model (the same numbers of states,
 * actions and options, the same names, gamma, horizon and kind) or of a random shape that fits a
 * declaration's choice variables. Transitions mix deterministic and stochastic rows, rewards mix signs and
 * scales (games: zero-sum, common or general payoffs). The priors are drawn as <em>one joint prior per
 * state</em>, so that every marginal and conditional the model offers agrees with it: an MDP's
 * {@code P(a|s)}; a game's {@code P(a|s)}, {@code P(b|s)}, {@code P(b|s,a)}, {@code P(a|s,b)} all from one
 * {@code P(a,b|s)} (rows with zero marginal get a uniform conditional, which no chain can weigh); options
 * are random specifications (action priors per option, termination probabilities 0, 1 or random, master
 * priors), themselves one factorised joint {@code P^T(b|s,z') P(z|s,z',b) P(a|s,z)} per context. Priors have
 * zero entries sometimes. Deterministic for a given generator state.
 */
public final class EquivalenceModels {
    private EquivalenceModels() {
    }

    /** A random model with the sizes, names, gamma, horizon and kind of {@code base}, and joint priors. */
    public static EquivalenceModel like(EquivalenceModel base, SplittableRandom rng) {
        if (base.mdp() != null) {
            Mdp m = base.mdp();
            Mdp.Builder b = mdp(rng, m.stateNames(), m.actionNames(), m.gamma(), m.horizon(), m.name());
            double[] prior = flat(mdpPrior(rng, m.numStates(), m.numActions()));
            b.priorFlat(prior);
            if (m.hasOptions()) {
                b.options(options(rng, "options", m.options(), m.numStates(), m.numActions(), prior));
            }
            return EquivalenceModel.of(b.build());
        }
        Game g = base.game();
        Game.Builder b = game(rng, g.stateNames(), g.agentActionNames(), g.opponentActionNames(), g.gamma(), g.horizon(),
                g.isMatrixGame(), g.name());
        double[][] pa = new double[g.numStates()][];
        double[][] pb = new double[g.numStates()][];
        jointPriors(rng, b, g.numStates(), g.numAgentActions(), g.numOpponentActions(), pa, pb);
        if (g.hasOptions()) {
            b.options(options(rng, "options.agent", g.agentOptions(), g.numStates(), g.numAgentActions(), flat(pa)),
                    options(rng, "options.opponent", g.opponentOptions(), g.numStates(), g.numOpponentActions(), flat(pb)));
        }
        return EquivalenceModel.of(b.build());
    }

    /**
     * A random model whose choice variables are {@code choices} (a declaration's): {@code action} an MDP,
     * {@code termination, option, action} an MDP with options, {@code agent, opponent} a game, the six
     * {@code agent.*}, {@code opponent.*} choices a game with options. Sizes are at most {@code size}
     * (options at most 3, option games at most 2 options and 3 states and actions per player).
     *
     * @throws InvalidModelException naming the choices when no model kind has exactly them
     */
    public static EquivalenceModel ofChoices(Set<String> choices, int size, SplittableRandom rng) {
        int bound = Math.max(1, size);
        if (choices.equals(Set.of("action")) || choices.equals(Set.of("termination", "option", "action"))) {
            int n = 1 + rng.nextInt(bound);
            int a = 1 + rng.nextInt(bound);
            Mdp.Builder b = mdp(rng, names("s", n), names("a", a), gamma(rng), 0, "random");
            double[] prior = flat(mdpPrior(rng, n, a));
            b.priorFlat(prior);
            if (choices.contains("option")) {
                int m = 1 + rng.nextInt(Math.min(bound, 3));
                b.options(randomSpec(rng, "options", m, n, a, prior));
            }
            return EquivalenceModel.of(b.build());
        }
        boolean opts = choices.equals(Set.of("agent.termination", "agent.option", "agent", "opponent.termination",
                "opponent.option", "opponent"));
        if (choices.equals(Set.of("agent", "opponent")) || opts) {
            int cap = opts ? Math.min(bound, 3) : bound;
            int n = 1 + rng.nextInt(cap);
            int na = 1 + rng.nextInt(cap);
            int nb = 1 + rng.nextInt(cap);
            Game.Builder b = game(rng, names("s", n), names("a", na), names("b", nb), gamma(rng), 0, false, "random");
            double[][] pa = new double[n][];
            double[][] pb = new double[n][];
            jointPriors(rng, b, n, na, nb, pa, pb);
            if (opts) {
                int mi = 1 + rng.nextInt(Math.min(bound, 2));
                int mo = 1 + rng.nextInt(Math.min(bound, 2));
                b.options(randomSpec(rng, "options.agent", mi, n, na, flat(pa)),
                        randomSpec(rng, "options.opponent", mo, n, nb, flat(pb)));
            }
            return EquivalenceModel.of(b.build());
        }
        throw new InvalidModelException("levels: the choices " + choices + " fit no model kind (an mdp reduces \"action\","
                + " with options also \"termination\", \"option\"; a game \"agent\", \"opponent\", with options also their"
                + " \".termination\" and \".option\"); give --model");
    }

    /** gamma in {0, 0.5, random in (0, 0.9), 0.95}. */
    static double gamma(SplittableRandom rng) {
        switch (rng.nextInt(5)) {
            case 0:
                return 0.0;
            case 1:
                return 0.5;
            case 2:
                return 0.95;
            default:
                return RandomChainModels.round(0.9 * rng.nextDouble());
        }
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static Mdp.Builder mdp(SplittableRandom rng, List<String> states, List<String> actions, double gamma, int horizon,
                                   String name) {
        int n = states.size();
        int m = actions.size();
        double[][][] t = new double[n][m][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                t[s][a] = row(rng, n);
            }
        }
        double scale = RandomChainModels.rewardScale(rng);
        double[][] r = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                r[s][a] = RandomChainModels.reward(rng, scale);
            }
        }
        return Mdp.builder().name(name).states(states).actions(actions).gamma(gamma).horizon(horizon).transitions(t).rewards(r);
    }

    private static Game.Builder game(SplittableRandom rng, List<String> states, List<String> agent, List<String> opponent,
                                     double gamma, int horizon, boolean matrix, String name) {
        int n = states.size();
        int na = agent.size();
        int nb = opponent.size();
        double[][][][] t = new double[n][na][nb][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    t[s][a][b] = row(rng, n);
                }
            }
        }
        double scale = RandomChainModels.rewardScale(rng);
        Game.Sum sum = Game.Sum.values()[rng.nextInt(3)];
        Game.Builder b = Game.builder().name(name).matrixGame(matrix).states(states).agentActions(agent)
                .opponentActions(opponent).gamma(gamma).horizon(horizon).transitions(t).sum(sum)
                .rewards(gameRewards(rng, n, na, nb, scale));
        if (sum == Game.Sum.GENERAL) {
            b.rewardsOpponent(gameRewards(rng, n, na, nb, scale));
        }
        return b;
    }

    private static double[][][] gameRewards(SplittableRandom rng, int n, int na, int nb, double scale) {
        double[][][] r = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    r[s][a][b] = RandomChainModels.reward(rng, scale);
                }
            }
        }
        return r;
    }

    /**
     * Draws one joint prior {@code P(a, b | s)} per state and sets the game's four priors to its marginals and
     * conditionals; {@code pa}, {@code pb} receive the marginals.
     */
    private static void jointPriors(SplittableRandom rng, Game.Builder b, int n, int na, int nb, double[][] pa, double[][] pb) {
        boolean zeros = rng.nextInt(3) == 0;
        double[][][] pba = new double[n][na][];
        double[][][] pab = new double[n][nb][];
        for (int s = 0; s < n; s++) {
            double[] joint = distribution(rng, na * nb, zeros);
            pa[s] = new double[na];
            pb[s] = new double[nb];
            for (int a = 0; a < na; a++) {
                for (int o = 0; o < nb; o++) {
                    pa[s][a] += joint[a * nb + o];
                    pb[s][o] += joint[a * nb + o];
                }
            }
            for (int a = 0; a < na; a++) {
                pba[s][a] = new double[nb];
                for (int o = 0; o < nb; o++) {
                    pba[s][a][o] = pa[s][a] > 0.0 ? joint[a * nb + o] / pa[s][a] : 1.0 / nb;
                }
                RandomChainModels.fix(pba[s][a]);
            }
            for (int o = 0; o < nb; o++) {
                pab[s][o] = new double[na];
                for (int a = 0; a < na; a++) {
                    pab[s][o][a] = pb[s][o] > 0.0 ? joint[a * nb + o] / pb[s][o] : 1.0 / na;
                }
                RandomChainModels.fix(pab[s][o]);
            }
            RandomChainModels.fix(pa[s]);
            RandomChainModels.fix(pb[s]);
        }
        b.priorAgent(pa).priorOpponent(pb).opponentGivenAgent(pba).agentGivenOpponent(pab);
    }

    private static double[][] mdpPrior(SplittableRandom rng, int n, int m) {
        boolean zeros = rng.nextInt(3) == 0;
        double[][] p = new double[n][];
        for (int s = 0; s < n; s++) {
            p[s] = distribution(rng, m, zeros);
        }
        return p;
    }

    /** Random option priors with the count and names of {@code like}. */
    private static OptionSpec options(SplittableRandom rng, String key, OptionSpec like, int n, int na, double[] basePrior) {
        OptionSpec o = randomSpec(rng, key, like.count(), n, na, basePrior);
        return like.named() ? o.withNames(key, like.names()) : o;
    }

    private static OptionSpec randomSpec(SplittableRandom rng, String key, int m, int n, int na, double[] basePrior) {
        boolean zeros = rng.nextBoolean();
        double[][][] ap = new double[m][n][];
        for (int z = 0; z < m; z++) {
            for (int s = 0; s < n; s++) {
                ap[z][s] = distribution(rng, na, zeros);
            }
        }
        double[][] term = new double[n][m];
        for (int s = 0; s < n; s++) {
            for (int z = 0; z < m; z++) {
                int k = rng.nextInt(5);
                term[s][z] = k == 0 ? 0.0 : k == 1 ? 1.0 : RandomChainModels.round(rng.nextDouble());
            }
        }
        double[][] master = new double[n][];
        boolean masterZeros = rng.nextInt(3) == 0;
        for (int s = 0; s < n; s++) {
            master[s] = distribution(rng, m, masterZeros);
        }
        return OptionSpec.of(key, m, n, na, ap, basePrior, term, 0.5, master);
    }

    private static double[] row(SplittableRandom rng, int n) {
        if (rng.nextInt(4) == 0) {
            double[] p = new double[n];
            p[rng.nextInt(n)] = 1.0;
            return p;
        }
        return distribution(rng, n, false);
    }



    /** A random distribution over n outcomes with integer weights 1..16 (some 0 with {@code zeros}). */
    static double[] distribution(SplittableRandom rng, int n, boolean zeros) {
        double[] p = RandomChainModels.integerWeights(rng, n, zeros);
        RandomChainModels.fix(p);
        return p;
    }

    private static double[] flat(double[][] x) {
        int m = x[0].length;
        double[] out = new double[x.length * m];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * m, m);
        }
        return out;
    }
}
