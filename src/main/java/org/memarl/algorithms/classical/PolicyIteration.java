package org.memarl.algorithms.classical;

import org.memarl.algorithms.Evaluation;
import org.memarl.algorithms.RunConfig;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.InexactPolicyIteration;
import org.memarl.solve.PolicySystem;
import org.memarl.algorithms.ChainRun;
import org.memarl.solve.Solution;

/**
 * Howard's policy iteration (thesis section 2.2.2): exact policy evaluation (2.17) by a linear solve,
 * then greedy improvement (2.16) {@code pi'(s) = argmax_a Q^pi(s, a)} over the prior's support,
 * keeping the current action on ties (so the iteration stops). Each step does not decrease V
 * (appendix A.2.1, checked by the ledger) and the number of deterministic policies is finite, so it
 * terminates at an optimal policy. The reported residual is the Bellman optimality residual
 * {@code ||B* V - V||} of the final values and the error bound {@code 1/(1-gamma)} times it, from
 * {@code ||V - V*|| <= ||V - B* V|| + gamma ||V - V*||} (the factor gamma/(1-gamma) bounds
 * {@code B* V}, not the reported V, and fails when the iteration cap stops at a non-greedy policy).
 * gamma = 1 works when every policy met is proper (reaches an absorbing state). Cost per iteration
 * O(S^3 + nnz(T)).
 *
 * <p>That is {@link Evaluation#EXACT}, the default up to {@value Evaluation#AUTO_EXACT_MAX_STATES} states. Above
 * (or with {@link Evaluation#KRYLOV} / {@link Evaluation#SWEEPS}) the evaluation is inexact and matrix-free
 * ({@link InexactPolicyIteration}): Newton's method on the hard Bellman equation {@code max_a[r + gamma T V] - V = 0},
 * whose step from V_k is the evaluation (2.17) of the greedy policy pi_k of V_k, solved by restarted GMRES on
 * {@code V -> V - gamma P_pi V} (one row of T per state per product) or by the policy's sweeps, to a forcing
 * term that tightens as the residual falls. It reports {@code V = B* V_k} with the Banach bound
 * {@code gamma/(1-gamma) ||B* V_k - V_k||}, the greedy policy attaining it, and the counts {@code outerSteps},
 * {@code innerIterations}, {@code sweepEquivalents} (parameters); gamma = 1 needs the exact evaluation.
 */
public final class PolicyIteration {
    private PolicyIteration() {
    }

    /** Greedy deterministic improvement of (2.16) over the prior's support; ties keep {@code current}. */
    public static int[] greedy(Mdp mdp, double[][] q, int[] current) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        int[] out = new int[n];
        for (int s = 0; s < n; s++) {
            int best = current[s];
            double bestQ = q[s][best];
            for (int a = 0; a < m; a++) {
                if (mdp.prior(s, a) > 0.0 && q[s][a] > bestQ) {
                    best = a;
                    bestQ = q[s][a];
                }
            }
            // only switch when strictly better by more than rounding
            double scale = Math.max(1.0, Math.abs(bestQ));
            out[s] = bestQ - q[s][current[s]] > 1e-12 * scale ? best : current[s];
        }
        return out;
    }

    public static double[][] deterministic(int[] actions, int m) {
        double[][] pi = new double[actions.length][m];
        for (int s = 0; s < actions.length; s++) {
            pi[s][actions[s]] = 1.0;
        }
        return pi;
    }

    /** In every state the first action the prior allows. */
    static int[] firstSupported(Mdp mdp) {
        int[] act = new int[mdp.numStates()];
        for (int s = 0; s < act.length; s++) {
            int a0 = 0;
            while (mdp.prior(s, a0) <= 0.0) {
                a0++;
            }
            act[s] = a0;
        }
        return act;
    }

    /**
     * For gamma = 1: a deterministic policy that reaches an absorbing state (every action a self-loop
     * with probability 1 and reward 0) with probability 1, found by breadth-first search backwards from
     * the absorbing states: each state takes a supported action with positive probability of moving to
     * a state strictly closer to them. States that cannot reach one keep their first supported action
     * (the evaluation then reports the problem). Policy iteration from a proper policy stays proper when
     * improper policies have unbounded cost.
     */
    static int[] properStart(Mdp mdp) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        int[] act = firstSupported(mdp);
        int[] dist = new int[n];
        java.util.Arrays.fill(dist, -1);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            boolean absorbing = true;
            for (int a = 0; a < m && absorbing; a++) {
                absorbing = mdp.reward(s, a) == 0.0 && mdp.transitions().get(mdp.row(s, a), s) == 1.0;
            }
            if (absorbing) {
                dist[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int target = queue.poll();
            for (int s = 0; s < n; s++) {
                if (dist[s] >= 0) {
                    continue;
                }
                for (int a = 0; a < m; a++) {
                    if (mdp.prior(s, a) > 0.0 && mdp.transitions().get(mdp.row(s, a), target) > 0.0) {
                        dist[s] = dist[target] + 1;
                        act[s] = a;
                        queue.add(s);
                        break;
                    }
                }
            }
        }
        return act;
    }

    public static Solution solve(Mdp mdp, RunConfig config) {
        int n = mdp.numStates();
        int m = mdp.numActions();
        if (mdp.horizon() > 0) {
            throw new org.memarl.InvalidModelException("horizon: policy-iteration computes the infinite-horizon fixed point;"
                    + " use value-iteration for a finite horizon");
        }
        Evaluation how = config.evaluation().resolve(n);
        if (how != Evaluation.EXACT) {
            return inexact("policy-iteration", mdp, Double.POSITIVE_INFINITY, PolicySystem.Kind.GREEDY, how, config);
        }
        int[] act = mdp.gamma() == 1.0 ? properStart(mdp) : firstSupported(mdp);
        int k = 0;
        double[] v;
        boolean converged = false;
        while (true) {
            v = PolicyEvaluation.exact(mdp, deterministic(act, m), Double.POSITIVE_INFINITY);
            k++;
            double[][] q = PolicyEvaluation.qFromV(mdp, v);
            int[] next = greedy(mdp, q, act);
            config.progress().sweepDone(k, Double.NaN, Double.NaN);
            if (java.util.Arrays.equals(next, act)) {
                converged = true;
                break;
            }
            act = next;
            if (k >= config.iteration().maxIterations()) {
                break;
            }
        }
        ChainBellman op = new ChainBellman(ChainRun.mdpProblem(mdp, Double.POSITIVE_INFINITY));
        double[] bv = new double[n];
        op.apply(v, bv);
        double res = PolicyEvaluation.supNorm(bv, v);
        double g = mdp.gamma();
        double bound = g < 1.0 ? res / (1.0 - g) : res;
        return Solution.builder("policy-iteration")
                .parameter("gamma", g)
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("evaluation", how.label())
                .converged(converged).iterations(k).residual(res).errorBound(bound)
                .value("V", v)
                .value("Q", PolicyEvaluation.qFromV(mdp, v))
                .policy(deterministic(act, m))
                .build();
    }

    /**
     * Inexact policy iteration ({@link InexactPolicyIteration}) as a result: {@code V}, {@code Q} of V, the policy
     * attaining {@code V = B V_k}, and the parameters {@code evaluation}, {@code outerSteps},
     * {@code innerIterations}, {@code sweepEquivalents}, {@code stopReason}; {@code iterations} is the outer steps
     * plus any finishing value-iteration sweeps.
     *
     * @param beta the temperature of the Boltzmann policy and of the backup (+inf for {@link PolicySystem.Kind#GREEDY})
     */
    public static Solution inexact(String name, Mdp mdp, double beta, PolicySystem.Kind kind, Evaluation how,
            RunConfig config) {
        if (mdp.horizon() > 0) {
            throw new org.memarl.InvalidModelException("horizon: " + name + " computes the infinite-horizon fixed point;"
                    + " use value-iteration for a finite horizon");
        }
        double g = mdp.gamma();
        if (!(g < 1.0)) {
            throw new org.memarl.InvalidModelException("gamma: 1 has no contraction bound for the " + how.label()
                    + " evaluation of " + name + "; use --evaluation exact (proper policies) or gamma < 1");
        }
        int threads = config.iteration().threads();
        PolicySystem system = new PolicySystem(mdp, beta, kind, threads);
        ChainBellman op = new ChainBellman(ChainRun.mdpProblem(mdp, beta));
        InexactPolicyIteration.Result r = InexactPolicyIteration.solve(system,
                how == Evaluation.SWEEPS ? InexactPolicyIteration.Inner.SWEEPS : InexactPolicyIteration.Inner.KRYLOV,
                InexactPolicyIteration.DEFAULT_RESTART, op, config.iteration(), config.progress());
        Solution.Builder b = Solution.builder(name).parameter("gamma", g);
        if (kind == PolicySystem.Kind.BOLTZMANN) {
            b.parameter("beta", beta);
        }
        double[] v = r.values();
        return b.parameter("tolerance", config.iteration().tolerance())
                .parameter("maxIterations", config.iteration().maxIterations())
                .parameter("evaluation", how.label())
                .parameter("outerSteps", r.outerSteps())
                .parameter("innerIterations", r.innerIterations())
                .parameter("sweepEquivalents", r.sweepEquivalents())
                .parameter("stopReason", r.stopReason())
                .converged(r.converged()).iterations(r.outerSteps() + r.finishingSweeps())
                .residual(r.residual()).errorBound(r.errorBound())
                .value("V", v)
                .value("Q", op.qTable(v))
                .policy(r.finishingSweeps() > 0 || kind == PolicySystem.Kind.BOLTZMANN ? op.outerPolicy(v) : r.policy())
                .build();
    }
}
