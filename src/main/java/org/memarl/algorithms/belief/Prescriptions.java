package org.memarl.algorithms.belief;

import java.util.LinkedHashMap;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;

/**
 * The prescriptions of a Dec-POMDP at one time step t (thesis section 5.1): a prescription
 * {@code gamma = (gamma^0, gamma^1)} maps each agent's private observation o to an action
 * {@code gamma^i(o)}. Only actions in the support of the agent's prior {@code P^i_t(a | o)} are used, and
 * the prescription prior is the product of the action priors,
 * {@code P_t(gamma) = prod_i prod_o P^i_t(gamma^i(o) | o)}, a distribution over prescriptions (it is the
 * law of the prescription when every agent draws, for every possible observation, an action from its
 * prior independently). Prescriptions are numbered in mixed radix, agent 0's first observation the
 * most significant digit.
 */
public final class Prescriptions {
    /** Largest number of prescriptions per time step that is enumerated. */
    public static final long MAX = 2_000_000L;

    private final DecPomdp model;
    private final int t;
    /** support[i][o] = the actions with positive prior. */
    private final int[][][] support;
    private final int count;
    private final double[] prior;

    public Prescriptions(DecPomdp model, int t) {
        this.model = model;
        this.t = t;
        support = new int[2][][];
        long c = 1;
        for (int i = 0; i < 2; i++) {
            DecPomdp.Agent ag = model.agent(i);
            support[i] = new int[ag.numObservations()][];
            for (int o = 0; o < ag.numObservations(); o++) {
                int k = 0;
                int[] s = new int[ag.numActions()];
                for (int a = 0; a < ag.numActions(); a++) {
                    if (ag.prior(t, o, a) > 0.0) {
                        s[k++] = a;
                    }
                }
                support[i][o] = java.util.Arrays.copyOf(s, k);
                c *= k;
                if (c > MAX) {
                    throw new InvalidModelException("agents: more than " + MAX + " prescriptions at time step " + t
                            + " (the product over agents and private observations of the number of actions with"
                            + " positive prior); use fewer observations or actions, or zeros in the prior");
                }
            }
        }
        count = (int) c;
        prior = new double[count];
        int[][] act = new int[2][];
        for (int p = 0; p < count; p++) {
            decode(p, act);
            double w = 1.0;
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < act[i].length; o++) {
                    w *= model.agent(i).prior(t, o, act[i][o]);
                }
            }
            prior[p] = w;
        }
    }

    public int count() {
        return count;
    }

    /** {@code P_t(gamma)}. */
    public double prior(int p) {
        return prior[p];
    }

    /** Writes the actions {@code act[i][o]} of prescription p (allocating the rows when null). */
    public void decode(int p, int[][] act) {
        int rest = p;
        for (int i = 1; i >= 0; i--) {
            int k = support[i].length;
            if (act[i] == null || act[i].length != k) {
                act[i] = new int[k];
            }
            for (int o = k - 1; o >= 0; o--) {
                int r = support[i][o].length;
                act[i][o] = support[i][o][rest % r];
                rest /= r;
            }
        }
    }

    /** The prescription with these actions, or -1 when one is outside the prior's support. */
    public int encode(int[][] act) {
        int p = 0;
        for (int i = 0; i < 2; i++) {
            for (int o = 0; o < support[i].length; o++) {
                int d = java.util.Arrays.binarySearch(support[i][o], act[i][o]);
                if (d < 0) {
                    return -1;
                }
                p = p * support[i][o].length + d;
            }
        }
        return p;
    }

    /** {@code {"agent name": {"observation": "action", ...}, ...}}. */
    public Map<String, Object> describe(int p) {
        int[][] act = new int[2][];
        decode(p, act);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            DecPomdp.Agent ag = model.agent(i);
            Map<String, Object> m = new LinkedHashMap<>();
            for (int o = 0; o < act[i].length; o++) {
                m.put(ag.observations().get(o), ag.actions().get(act[i][o]));
            }
            out.put(ag.name(), m);
        }
        return out;
    }

    int time() {
        return t;
    }
}
