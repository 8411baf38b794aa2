package org.memarl.algorithms.classical;

import java.util.SplittableRandom;
import org.memarl.algorithms.Sampling;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.Solution;

/**
 * Tabular Q-learning (thesis (2.21)) and soft Q-learning (the sample-based form of (2.49), section 2.4.2):
 *
 * <pre>
 *   Q(s_t, a_t) &lt;- (1 - alpha_t) Q(s_t, a_t) + alpha_t [ r(s_t, a_t) + gamma M_{a'}^beta[ Q(s_{t+1}, .) | P(. | s_{t+1}) ] ]
 *   alpha_t(s, a) = 1 / n_t(s, a)^omega,   omega in (0.5, 1]
 * </pre>
 *
 * with M the max over the prior's support for Q-learning (beta = +inf). The step sizes satisfy the
 * Robbins-Monro conditions {@code sum alpha = inf, sum alpha^2 < inf} of Theorem 3 at every visited
 * pair, so the iterates converge to the fixed point of (2.20) (resp. (2.52)) when every pair is
 * visited infinitely often; the behaviour policy draws from the prior with probability
 * {@code exploration} and from the current Boltzmann (greedy) policy otherwise. Episodes start from
 * the model's initial distribution. Deterministic for a given seed ({@link SplittableRandom}).
 * The result reports, besides Q, V and the policy, the exact sup-norm distance of the learned Q to
 * the fixed point ({@code values.distanceToFixedPoint}, over the pairs the prior allows: the others are
 * never taken) computed by Q-iteration, so a user sees how far the budget got.
 */
public final class TabularQLearning {
    private TabularQLearning() {
    }

    /** One learning step from state {@code s}: picks an action, updates the table, returns the next state. */
    @FunctionalInterface
    public interface Step {
        /** Takes one step from {@code s} and returns the next state. */
        int next(SplittableRandom rng, int s);
    }

    /**
     * The learners' preconditions: they learn the infinite-horizon fixed point, so no horizon and
     * {@code gamma < 1}; messages name the learner.
     */
    public static void checkLearnable(String name, int horizon, double gamma) {
        if (horizon > 0) {
            throw new InvalidModelException("horizon: " + name + " learns the infinite-horizon fixed point; remove horizon");
        }
        if (!(gamma < 1.0)) {
            throw new InvalidModelException("gamma: " + gamma + "; " + name + " needs gamma < 1");
        }
    }

    /**
     * The episodic loop of the tabular learners: {@code config.episodes()} episodes of
     * {@code config.episodeLength()} steps, each from a state drawn from {@code initial} with the generator
     * seeded by {@code config.seed()}; progress is reported after every episode.
     *
     * @return the number of steps taken
     */
    public static long episodes(RunConfig config, double[] initial, Step step) {
        SplittableRandom rng = new SplittableRandom(config.seed());
        long steps = 0;
        for (int ep = 0; ep < config.episodes(); ep++) {
            int s = Sampling.sample(rng, initial, 0, initial.length);
            for (int k = 0; k < config.episodeLength(); k++) {
                s = step.next(rng, s);
                steps++;
            }
            config.progress().sweepDone(ep + 1, Double.NaN, Double.NaN);
        }
        return steps;
    }

    /** Adds the sampling parameters of a learner (seed, episodes, episode length, exploration, step exponent). */
    public static Solution.Builder learnerParameters(Solution.Builder b, RunConfig config) {
        return b.parameter("seed", config.seed())
                .parameter("episodes", config.episodes())
                .parameter("episodeLength", config.episodeLength())
                .parameter("exploration", config.exploration())
                .parameter("stepExponent", config.stepExponent());
    }

    /**
     * Refuses rewards whose values overflow double precision. Every Q the learner can reach (and the fixed
     * point) lies within {@code max|r| / (1 - gamma)}: a target is {@code r + gamma M[Q]} and the soft
     * extremum M lies between the smallest and the largest entry of its support. When that bound overflows,
     * the learner's table would turn into infinities and then NaN, so it is refused up front, naming the
     * largest reward.
     *
     * @param rewards flat rewards {@code r[s * actions + a]}
     * @throws InvalidModelException naming {@code rewards[s][a]} if {@code max|r| / (1 - gamma)} overflows
     */
    public static void checkValueRange(String name, double[] rewards, int actions, double gamma) {
        int worst = -1;
        double big = 0.0;
        for (int i = 0; i < rewards.length; i++) {
            if (Math.abs(rewards[i]) > big) {
                big = Math.abs(rewards[i]);
                worst = i;
            }
        }
        double bound = big / (1.0 - gamma);
        if (worst >= 0 && !(bound <= Double.MAX_VALUE)) {
            throw new InvalidModelException("rewards[" + worst / actions + "][" + worst % actions + "]: "
                    + rewards[worst] + " makes " + name + "'s values overflow double precision (|r| / (1 - gamma) = "
                    + bound + " at gamma " + gamma + "); scale the rewards down");
        }
    }

    /** A located error for a learned value that is not finite (the safety net of {@link #checkValueRange}). */
    static InvalidModelException overflow(String name, int s, int a, double value, long step) {
        return new InvalidModelException("Q[" + s + "][" + a + "]: " + value + " after " + step + " steps of " + name
                + ": the values overflow double precision (rewards too large for this gamma and beta?)");
    }

    public static Solution solve(String name, Mdp mdp, double beta, RunConfig config) {
        checkLearnable(name, mdp.horizon(), mdp.gamma());
        checkValueRange(name, mdp.rewardsFlat(), mdp.numActions(), mdp.gamma());
        int n = mdp.numStates();
        int m = mdp.numActions();
        double g = mdp.gamma();
        double[] r = mdp.rewardsFlat();
        double[] prior = mdp.priorFlat();
        double[] init = mdp.initial();
        TransitionMatrix t = mdp.transitions();
        double[] q = new double[n * m];
        int[] visits = new int[n * m];
        double[] pol = new double[m];
        long[] taken = new long[1];
        long steps = episodes(config, init, (rng, s) -> {
            int a;
            if (rng.nextDouble() < config.exploration()) {
                a = Sampling.sample(rng, prior, s * m, m);
            } else {
                SoftExtremum.policy(beta, q, s * m, prior, s * m, m, pol, 0);
                a = Sampling.sample(rng, pol, 0, m);
            }
            int row = s * m + a;
            int s2 = Sampling.sampleRow(rng, t, row);
            double target = r[row] + g * SoftExtremum.value(beta, q, s2 * m, prior, s2 * m, m);
            int c = ++visits[row];
            double alpha = 1.0 / Math.pow(c, config.stepExponent());
            q[row] += alpha * (target - q[row]);
            taken[0]++;
            if (!Double.isFinite(q[row])) {
                throw overflow(name, s, a, q[row], taken[0]);
            }
            return s2;
        });
        double[][] q2 = new double[n][m];
        double[] v = new double[n];
        double[][] pi = new double[n][m];
        for (int s = 0; s < n; s++) {
            System.arraycopy(q, s * m, q2[s], 0, m);
            v[s] = SoftExtremum.policy(beta, q, s * m, prior, s * m, m, pi[s], 0);
        }
        // exact reference (Q-iteration of the same operator) for the reported distance
        FixedPoint exact = FixedPointDriver.solve(QIteration.operator(mdp, beta), new double[n * m],
                config.iteration().withMaxIterations(Math.max(config.iteration().maxIterations(), 1)));
        double[] qs = exact.values();
        double dist = 0.0;
        for (int i = 0; i < n * m; i++) {
            if (prior[i] > 0.0) {
                dist = Math.max(dist, Math.abs(qs[i] - q[i]));
            }
        }
        int unvisited = 0;
        for (int c : visits) {
            if (c == 0) {
                unvisited++;
            }
        }
        return learnerParameters(Solution.builder(name).parameter("gamma", g).parameter("beta", beta), config)
                .parameter("tolerance", config.iteration().tolerance())
                // a learner has converged when its measured distance to the exact fixed point meets the tolerance
                .converged(dist <= config.iteration().tolerance())
                .iterations((int) Math.min(Integer.MAX_VALUE, steps)).residual(dist).errorBound(dist)
                .value("V", v)
                .value("Q", q2)
                .value("distanceToFixedPoint", dist)
                .value("unvisitedPairs", (double) unvisited)
                .policy(pi)
                .build();
    }

    /** Q-learning, (2.21). */
    public static Solution qLearning(Mdp mdp, RunConfig config) {
        return solve("q-learning", mdp, Double.POSITIVE_INFINITY, config);
    }

    /** Soft Q-learning with the config's beta. */
    public static Solution softQLearning(Mdp mdp, RunConfig config) {
        return solve("soft-q-learning", mdp, config.beta(), config);
    }
}
