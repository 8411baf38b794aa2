package org.memarl.algorithms.belief;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.model.Pomdp;

/**
 * A POMDP seen as the public agent's process with one agent and no private observations: the choice is
 * the action a (prior {@code P(a)}), the outcome the observation o, and
 * <pre>
 *   E[r | b, a] = sum_s b(s) r(s, a),     u_o(s') = sum_s b(s) T(s' | s, a) U(o | s', a),
 * </pre>
 * so the public-belief recursion is the soft value iteration of the belief MDP over a finite horizon.
 */
public final class PomdpProcess implements PublicProcess {
    private final Pomdp model;

    public PomdpProcess(Pomdp model) {
        if (model.horizon() < 1) {
            throw new InvalidModelException("horizon: missing; the public-belief recursion is finite-horizon: give"
                    + " \"horizon\" in the model or --horizon H");
        }
        this.model = model;
        PublicBelief.checkHorizon(model.horizon());
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
        return model.horizon();
    }

    @Override
    public double gamma() {
        return model.gamma();
    }

    @Override
    public int numChoices(int t) {
        return model.numActions();
    }

    @Override
    public double choicePrior(int t, int c) {
        return model.prior(c);
    }

    @Override
    public int numOutcomes() {
        return model.numObservations();
    }

    @Override
    public double step(int t, double[] belief, int a, double[] next) {
        int n = model.numStates();
        int k = model.numObservations();
        java.util.Arrays.fill(next, 0, k * n, 0.0);
        double reward = 0.0;
        for (int s = 0; s < n; s++) {
            double b = belief[s];
            if (b == 0.0) {
                continue;
            }
            reward += b * model.reward(s, a);
            for (int s2 = 0; s2 < n; s2++) {
                double p = model.transition(s, a, s2);
                if (p == 0.0) {
                    continue;
                }
                for (int o = 0; o < k; o++) {
                    double u = model.observation(s2, a, o);
                    if (u > 0.0) {
                        next[o * n + s2] += b * p * u;
                    }
                }
            }
        }
        return reward;
    }

    @Override
    public Map<String, Object> describeChoice(int t, int c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", model.actions().get(c));
        return m;
    }

    @Override
    public Map<String, Object> describeOutcome(int y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observation", model.observations().get(y));
        return m;
    }

    @Override
    public List<String> stateNames() {
        return model.states();
    }
}
