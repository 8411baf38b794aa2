package org.memarl.chains;

import java.util.SplittableRandom;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;

/**
 * Seeded random models of a given <em>shape</em> (kind, number of states, actions per player, options per
 * player), for the generic chain claims: the sizes are kept; rewards (mixed signs and scales), transition rows
 * (stochastic or deterministic) and gamma (0, 0.5, random in [0, 0.95), 0.99; never 1) are drawn; the priors
 * are drawn as <em>one joint prior per state</em>, so that every marginal and conditional a chain may use
 * agree: an MDP's {@code P(a | s)}; a game's {@code P(a, b | s)} from which {@code priorAgent},
 * {@code priorOpponent}, {@code opponentGivenAgent} and {@code agentGivenOpponent} are derived (a conditional
 * given a value of zero prior mass is the other marginal); option models get random option specs
 * (termination probabilities 0, 1 or random, master and per-option action priors, some with zeros). Matrix
 * games stay one-state, gamma-0 games. Probabilities are quotients of small integers and numbers have 4
 * significant digits, so counterexample files print compactly. Deterministic for a given (shape, seed).
 */
public final class RandomChainModels {
    private RandomChainModels() {
    }

    /**
     * The shape of a model: {@code kind} ("mdp", "game" or "matrix-game"), states, the agent's (an MDP's)
     * actions, the opponent's actions (0 for an MDP), and the options per player (0: none).
     */
    public record Shape(String kind, int states, int agentActions, int opponentActions, int agentOptions,
                        int opponentOptions) {
        /** Validates the sizes. */
        public Shape {
            if (!kind.equals("mdp") && !kind.equals("game") && !kind.equals("matrix-game")) {
                throw new InvalidModelException("kind: \"" + kind + "\" is not mdp, game or matrix-game");
            }
            if (states < 1 || agentActions < 1 || (!kind.equals("mdp") && opponentActions < 1)) {
                throw new InvalidModelException("shape: every size must be at least 1");
            }
            if (kind.equals("matrix-game") && states != 1) {
                throw new InvalidModelException("shape: a matrix game has one state");
            }
        }

        /** The shape of an MDP (with its options, if any). */
        public static Shape of(Mdp mdp) {
            return new Shape("mdp", mdp.numStates(), mdp.numActions(), 0, mdp.hasOptions() ? mdp.options().count() : 0, 0);
        }

        /** The shape of a game (with its options, if any). */
        public static Shape of(Game g) {
            return new Shape(g.isMatrixGame() ? "matrix-game" : "game", g.numStates(), g.numAgentActions(),
                    g.numOpponentActions(), g.hasOptions() ? g.agentOptions().count() : 0,
                    g.hasOptions() ? g.opponentOptions().count() : 0);
        }

        /**
         * A small default shape for a declaration's choices: a game (2 states, 2 x 3 actions; with options 2 x 2
         * actions and 2 options each) when it names {@code agent}/{@code opponent}, else an MDP (2 states, 3
         * actions; with 2 options when it names {@code termination}/{@code option}). Sizes that an inline prior
         * table fixes (its states, and the sizes of its choice and its {@code given} choices) are taken from it.
         */
        public static Shape defaultFor(ChainDeclaration decl) {
            boolean game = false;
            boolean options = false;
            java.util.Map<String, Integer> sizes = new java.util.HashMap<>();
            int states = -1;
            for (ChainDeclaration.Level l : decl.levels()) {
                String c = l.choice();
                game |= c.startsWith("agent") || c.startsWith("opponent");
                options |= c.endsWith("termination") || c.endsWith("option");
                ChainDeclaration.Prior p = l.prior();
                if (p != null && p.dims() != null) {
                    int[] d = p.dims();
                    states = d[0];
                    for (int i = 0; i < p.given().size(); i++) {
                        sizes.put(p.given().get(i), d[i + 1]);
                    }
                    sizes.put(c, d[d.length - 1]);
                }
            }
            int n = states > 0 ? states : 2;
            if (game) {
                int na = sizes.getOrDefault("agent", options ? 2 : 2);
                int nb = sizes.getOrDefault("opponent", options ? 2 : 3);
                return options ? new Shape("game", n, na, nb, sizes.getOrDefault("agent.option", 2),
                        sizes.getOrDefault("opponent.option", 2)) : new Shape("game", n, na, nb, 0, 0);
            }
            return new Shape("mdp", n, sizes.getOrDefault("action", 3), 0, options ? sizes.getOrDefault("option", 2) : 0, 0);
        }

        /** Whether models of this shape are games. */
        public boolean isGame() {
            return !kind.equals("mdp");
        }

        /** States times actions times options of every player: orders counterexamples by size. */
        public int size() {
            return states * agentActions * Math.max(1, opponentActions) * Math.max(1, agentOptions)
                    * Math.max(1, opponentOptions);
        }
    }

    /** A random MDP of the shape (which must be an MDP's). */
    public static Mdp mdp(Shape shape, long seed) {
        if (shape.isGame()) {
            throw new InvalidModelException("shape: " + shape.kind() + " is not an mdp");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = shape.states();
        int m = shape.agentActions();
        double gamma = gamma(rng);
        double[][][] t = new double[n][m][];
        double[][] r = new double[n][m];
        double scale = rewardScale(rng);
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                t[s][a] = rng.nextInt(4) == 0 ? deterministic(rng, n) : distribution(rng, n, false);
                r[s][a] = reward(rng, scale);
            }
        }
        double[][] prior = null;
        if (rng.nextInt(4) > 0) {
            boolean zeros = rng.nextBoolean();
            prior = new double[n][];
            for (int s = 0; s < n; s++) {
                prior[s] = distribution(rng, m, zeros);
            }
        }
        Mdp.Builder b = Mdp.builder().name("random").states(n).actions(m).gamma(gamma).transitions(t).rewards(r).prior(prior);
        if (shape.agentOptions() > 0) {
            Mdp base = b.build();
            b.options(options(rng, "options", shape.agentOptions(), n, m, base.priorFlat()));
        }
        return b.build();
    }

    /** A random game of the shape (which must be a game's). */
    public static Game game(Shape shape, long seed) {
        if (!shape.isGame()) {
            throw new InvalidModelException("shape: mdp is not a game");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = shape.states();
        int na = shape.agentActions();
        int nb = shape.opponentActions();
        boolean matrix = shape.kind().equals("matrix-game");
        double gamma = matrix ? 0.0 : gamma(rng);
        double scale = rewardScale(rng);
        double[][][][] t = new double[n][na][nb][];
        double[][][] r = new double[n][na][nb];
        double[][][] ro = new double[n][na][nb];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < na; a++) {
                for (int b = 0; b < nb; b++) {
                    t[s][a][b] = rng.nextInt(4) == 0 ? deterministic(rng, n) : distribution(rng, n, false);
                    r[s][a][b] = reward(rng, scale);
                    ro[s][a][b] = reward(rng, scale);
                }
            }
        }
        Game.Sum sum = Game.Sum.values()[rng.nextInt(Game.Sum.values().length)];
        Game.Builder b = Game.builder().name("random").matrixGame(matrix).states(n).agentActions(na).opponentActions(nb)
                .gamma(gamma).transitions(t).sum(sum).rewards(r);
        if (sum == Game.Sum.GENERAL) {
            b.rewardsOpponent(ro);
        }
        if (rng.nextInt(4) > 0) {
            boolean zeros = rng.nextBoolean();
            double[][] pa = new double[n][na];
            double[][] pb = new double[n][nb];
            double[][][] pba = new double[n][na][];
            double[][][] pab = new double[n][nb][];
            for (int s = 0; s < n; s++) {
                double[] joint = distribution(rng, na * nb, zeros);
                for (int a = 0; a < na; a++) {
                    for (int o = 0; o < nb; o++) {
                        pa[s][a] += joint[a * nb + o];
                        pb[s][o] += joint[a * nb + o];
                    }
                }
                for (int a = 0; a < na; a++) {
                    pba[s][a] = conditionalRow(joint, nb, 1, a * nb, pb[s]);
                }
                for (int o = 0; o < nb; o++) {
                    pab[s][o] = conditionalRow(joint, na, nb, o, pa[s]);
                }
                fix(pa[s]);
                fix(pb[s]);
            }
            b.priorAgent(pa).priorOpponent(pb).opponentGivenAgent(pba).agentGivenOpponent(pab);
        }
        if (shape.agentOptions() > 0 || shape.opponentOptions() > 0) {
            Game base = b.build();
            b.options(options(rng, "options.agent", Math.max(1, shape.agentOptions()), n, na, base.priorAgentFlat()),
                    options(rng, "options.opponent", Math.max(1, shape.opponentOptions()), n, nb, base.priorOpponentFlat()));
        }
        return b.build();
    }

    /**
     * The row {@code joint[start + i * stride] / sum} (i &lt; len): a conditional of the joint; the marginal
     * {@code otherwise} where the conditioning value has no mass.
     */
    private static double[] conditionalRow(double[] joint, int len, int stride, int start, double[] otherwise) {
        double[] row = new double[len];
        double z = 0.0;
        for (int i = 0; i < len; i++) {
            z += joint[start + i * stride];
        }
        for (int i = 0; i < len; i++) {
            row[i] = z > 0.0 ? joint[start + i * stride] / z : otherwise[i];
        }
        fix(row);
        return row;
    }

    /**
     * Random option priors for {@code m} options over {@code n} states and {@code na} actions: per-option action
     * priors (some with zeros) or the base prior, terminations 0, 1 or random (one for all, or per state and
     * option), a master prior uniform or random.
     */
    public static OptionSpec options(SplittableRandom rng, String key, int m, int n, int na, double[] basePrior) {
        double[][][] ap = null;
        if (rng.nextInt(3) > 0) {
            boolean zeros = rng.nextBoolean();
            ap = new double[m][n][];
            for (int z = 0; z < m; z++) {
                for (int s = 0; s < n; s++) {
                    ap[z][s] = distribution(rng, na, zeros);
                }
            }
        }
        double[][] term = null;
        double all = 0.5;
        switch (rng.nextInt(4)) {
            case 0:
                all = rng.nextBoolean() ? 0.0 : 1.0;
                break;
            case 1:
                all = round(rng.nextDouble());
                break;
            default:
                term = new double[n][m];
                for (int s = 0; s < n; s++) {
                    for (int z = 0; z < m; z++) {
                        int k = rng.nextInt(5);
                        term[s][z] = k == 0 ? 0.0 : k == 1 ? 1.0 : round(rng.nextDouble());
                    }
                }
        }
        double[][] master = null;
        if (rng.nextBoolean()) {
            master = new double[n][];
            boolean zeros = rng.nextBoolean();
            for (int s = 0; s < n; s++) {
                master[s] = distribution(rng, m, zeros);
            }
        }
        return OptionSpec.of(key, m, n, na, ap, basePrior, term, all, master);
    }

    /** gamma in {0, 0.5, 0.99, random in [0, 0.95) to 4 digits} (never 1: the claims are about the discounted fixed point). */
    public static double gamma(SplittableRandom rng) {
        switch (rng.nextInt(6)) {
            case 0:
                return 0.0;
            case 1:
                return 0.99;
            case 2:
                return 0.5;
            default:
                return round(0.95 * rng.nextDouble());
        }
    }

    /** A reward scale: 1, 10, 0.1, or 10^u (u in [-1, 2)) to 4 digits. */
    public static double rewardScale(SplittableRandom rng) {
        switch (rng.nextInt(4)) {
            case 0:
                return 1.0;
            case 1:
                return 10.0;
            case 2:
                return 0.1;
            default:
                return round(Math.pow(10.0, -1.0 + 3.0 * rng.nextDouble()));
        }
    }

    /** A reward: 0 one time in six, else uniform in [-scale, scale) to 4 digits. */
    static double reward(SplittableRandom rng, double scale) {
        return rng.nextInt(6) == 0 ? 0.0 : round(scale * (2.0 * rng.nextDouble() - 1.0));
    }

    /** A point mass on a random one of n outcomes. */
    public static double[] deterministic(SplittableRandom rng, int n) {
        double[] p = new double[n];
        p[rng.nextInt(n)] = 1.0;
        return p;
    }

    /**
     * A random distribution over n outcomes: integer weights 1..16 over their total, so counterexamples print
     * compactly; with {@code zeros} some entries are 0 (at least one stays positive). The rounding remainder goes
     * to the last positive entry.
     */
    public static double[] distribution(SplittableRandom rng, int n, boolean zeros) {
        double[] p = integerWeights(rng, n, zeros);
        double acc = 0.0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            acc += p[i];
            if (p[i] > 0.0) {
                last = i;
            }
        }
        p[last] += 1.0 - acc;
        return p;
    }

    /**
     * Integer weights 1..16 (with {@code zeros} some 0, at least one positive) divided by their total, before the
     * rounding remainder is placed: the draw shared by this class's and {@link EquivalenceModels}'s distributions.
     */
    static double[] integerWeights(SplittableRandom rng, int n, boolean zeros) {
        int[] w = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = zeros && rng.nextInt(3) == 0 ? 0 : 1 + rng.nextInt(16);
            total += w[i];
        }
        if (total == 0) {
            w[rng.nextInt(n)] = 1;
            total = 1;
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = w[i] / (double) total;
        }
        return p;
    }

    /** Puts the rounding remainder of a distribution on its largest entry. Modifies {@code p}. */
    public static void fix(double[] p) {
        double z = 0.0;
        int big = 0;
        for (int i = 0; i < p.length; i++) {
            z += p[i];
            if (p[i] > p[big]) {
                big = i;
            }
        }
        p[big] += 1.0 - z;
    }

    /** Rounds to 4 significant digits so counterexample files stay readable. */
    public static double round(double x) {
        if (x == 0.0) {
            return 0.0;
        }
        double e = Math.pow(10.0, 3 - Math.floor(Math.log10(Math.abs(x))));
        return Math.round(x * e) / e;
    }
}
