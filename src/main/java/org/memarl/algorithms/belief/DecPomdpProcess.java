package org.memarl.algorithms.belief;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;

/**
 * The public agent of a two-agent Dec-POMDP (thesis section 5.1): its choices at time t are the
 * {@link Prescriptions}, its outcome after a prescription is the public joint action and the next
 * public signal, {@code y = (a_t, z_{t+1})}. With {@code q^i(a | s) = sum_{o : gamma^i(o) = a} O^i(o | s)}
 * the probability that agent i plays a under prescription gamma in state s,
 * <pre>
 *   E[r | B, gamma]  = sum_s B(s) sum_{a0,a1} q^0(a0|s) q^1(a1|s) r(s, a0, a1)
 *   u_{(a,z)}(s')    = sum_s B(s) q^0(a0|s) q^1(a1|s) T(s' | s, a) Z(z | s')
 * </pre>
 * (when the joint action is private, {@link DecPomdp#publicActions()} false, the outcome is z alone and u sums
 * over a), so Bayes' rule on the public actions is exact: what an action reveals about the private observations,
 * and through them about the state, is in {@code q^i}.
 */
public final class DecPomdpProcess implements PublicProcess {
    private final DecPomdp model;
    private final int horizon;
    private final Prescriptions[] byStep;

    /** @throws InvalidModelException when the model has no finite horizon */
    public DecPomdpProcess(DecPomdp model) {
        this.model = model;
        if (model.horizon() < 1) {
            throw new InvalidModelException("horizon: missing; the public-belief recursion is finite-horizon: give"
                    + " \"horizon\" in the model or --horizon H");
        }
        this.horizon = model.horizon();
        PublicBelief.checkHorizon(model.horizon());
        byStep = new Prescriptions[horizon];
        for (int t = 0; t < horizon; t++) {
            int src = 0;
            for (int i = 0; i < 2; i++) {
                src = Math.max(src, model.agent(i).priorSteps() > 1 ? t : 0);
            }
            // time-homogeneous priors give the same prescriptions at every step: share them
            byStep[t] = t > 0 && src == 0 ? byStep[0] : new Prescriptions(model, t);
        }
    }

    public DecPomdp model() {
        return model;
    }

    /** The prescriptions at time t. */
    public Prescriptions prescriptions(int t) {
        return byStep[t];
    }

    @Override
    public int numStates() {
        return model.numStates();
    }

    @Override
    public double[] initialBelief() {
        return model.initial();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public double gamma() {
        return model.gamma();
    }

    @Override
    public int numChoices(int t) {
        return byStep[t].count();
    }

    @Override
    public double choicePrior(int t, int c) {
        return byStep[t].prior(c);
    }

    @Override
    public int numOutcomes() {
        return model.publicActions() ? model.numJointActions() * model.numPublicObservations()
                : model.numPublicObservations();
    }

    @Override
    public double step(int t, double[] belief, int c, double[] next) {
        int n = model.numStates();
        int m0 = model.agent(0).numActions();
        int m1 = model.agent(1).numActions();
        int kz = model.numPublicObservations();
        boolean seen = model.publicActions();
        java.util.Arrays.fill(next, 0, numOutcomes() * n, 0.0);
        int[][] act = new int[2][];
        byStep[t].decode(c, act);
        double[] q0 = new double[m0];
        double[] q1 = new double[m1];
        double reward = 0.0;
        for (int s = 0; s < n; s++) {
            double b = belief[s];
            if (b == 0.0) {
                continue;
            }
            actionProbabilities(model.agent(0), act[0], s, q0);
            actionProbabilities(model.agent(1), act[1], s, q1);
            for (int a0 = 0; a0 < m0; a0++) {
                if (q0[a0] == 0.0) {
                    continue;
                }
                for (int a1 = 0; a1 < m1; a1++) {
                    if (q1[a1] == 0.0) {
                        continue;
                    }
                    double w = b * q0[a0] * q1[a1];
                    int j = a0 * m1 + a1;
                    reward += w * model.reward(s, j);
                    for (int s2 = 0; s2 < n; s2++) {
                        double p = model.transition(s, j, s2);
                        if (p == 0.0) {
                            continue;
                        }
                        for (int z = 0; z < kz; z++) {
                            double pz = model.publicObservation(s2, z);
                            if (pz > 0.0) {
                                next[((seen ? j * kz : 0) + z) * n + s2] += w * p * pz;
                            }
                        }
                    }
                }
            }
        }
        return reward;
    }

    /** {@code q(a | s) = sum_{o : act[o] = a} O(o | s)}. */
    static void actionProbabilities(DecPomdp.Agent ag, int[] act, int s, double[] q) {
        java.util.Arrays.fill(q, 0.0);
        for (int o = 0; o < act.length; o++) {
            q[act[o]] += ag.observation(s, o);
        }
    }

    @Override
    public Map<String, Object> describeChoice(int t, int c) {
        return byStep[t].describe(c);
    }

    @Override
    public Map<String, Object> describeOutcome(int y) {
        int kz = model.numPublicObservations();
        if (!model.publicActions()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("public", model.publicObservations().get(y));
            return out;
        }
        int j = y / kz;
        int m1 = model.agent(1).numActions();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> acts = new LinkedHashMap<>();
        acts.put(model.agent(0).name(), model.agent(0).actions().get(j / m1));
        acts.put(model.agent(1).name(), model.agent(1).actions().get(j % m1));
        out.put("actions", acts);
        if (model.hasPublicObservations()) {
            out.put("public", model.publicObservations().get(y % kz));
        }
        return out;
    }

    @Override
    public List<String> stateNames() {
        return model.states();
    }
}
