package org.memarl.algorithms.belief;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;

/**
 * The public agent of a two-agent Dec-POMDP whose prescriptions map each agent's private observation
 * <em>history</em> to an action: the common-information approach (Nayyar, Mahajan and Teneketzis, 2013) of
 * which the thesis's public agent (section 5.1) is the instance with memory of the current observation only.
 * The public belief is the joint distribution {@code B_t(s, h^0, h^1)} of the hidden state and both agents'
 * private histories {@code h^i = (o^i_0 .. o^i_t)} given the public history; a prescription
 * {@code gamma = (gamma^0, gamma^1)} maps every history of positive probability under B to an action, so the
 * prescriptions of a belief are those over its <em>reachable</em> histories (histories of probability 0 get
 * none: they cannot change the value). With {@code a^i = gamma^i(h^i)}, {@code j = (a^0, a^1)}:
 * <pre>
 *   E[r | B, gamma]            = sum_{s,h} B(s, h^0, h^1) r(s, j)
 *   u_{(j,z)}(s', h^0 o^0, h^1 o^1) = sum_{s} B(s, h^0, h^1) [gamma(h) = j] T(s' | s, j) Z(z | s') O^0(o^0 | s') O^1(o^1 | s')
 * </pre>
 * and the prescription prior is the product of the action priors over the histories,
 * {@code P_t(gamma | B) = prod_i prod_{h^i} P^i_t(gamma^i(h^i) | last observation of h^i)}.
 *
 * When the joint action is not public ({@link DecPomdp#publicActions()} false, the standard Dec-POMDP) the
 * outcome is the public signal z alone and u sums over the joint actions the prescription gives.
 *
 * <p><b>Memory.</b> {@link DecPomdp.PrivateMemory#HISTORY}: histories since t = 0.
 * {@link DecPomdp.PrivateMemory#SINCE_RESET}: after a public outcome under which the next hidden state is
 * independent of the histories ({@code |P(s', h^0, h^1) - P(s') P(h^0, h^1)| <= }{@link #RESET_TOLERANCE} for
 * every entry) the histories are forgotten and start again from the next observation; at beta = +-inf this
 * loses nothing (the value of the future depends on the histories only through the state), at finite beta it is
 * a smaller policy class with a different prior.
 *
 * <p><b>Lossless clustering at beta = +-inf</b> (Oliehoek, Whiteson and Spaan, 2009): two histories
 * {@code h, h'} of agent i with the same set of allowed actions and the same conditional distribution
 * {@code P(s, h^{-i} | h) = P(s, h^{-i} | h')} (equal canonical {@link PublicBelief.Key}s, that is within
 * {@code 2^-44} per entry) are one cluster: whatever the other agent does, i's best (or worst) continuation
 * is the same after both, so prescriptions that treat them alike lose nothing. Agent 0 is clustered first,
 * then agent 1 against agent 0's clusters. At finite beta the prior counts every history, so nothing is
 * clustered. A cluster is named by its smallest member; clusters are ordered by it.
 *
 * <p><b>Encoding.</b> A belief is the array {@code [c0, c1, code/last of agent 0's c0 clusters, code/last of
 * agent 1's c1 clusters, B(s, k0, k1) at (s * c0 + k0) * c1 + k1]}, where {@code code} numbers a history in
 * bijective base {@code k_i + 1} (observation o as digit o + 1) and {@code last} is its last observation;
 * {@link PublicBelief} merges equal arrays ({@link PublicBelief.Key}), so two public beliefs share a node when
 * they give the same histories the same joint law with the state.
 *
 * <p>Cost per (belief, prescription): {@code O(|support B| n k_0 k_1)}; prescriptions per belief
 * {@code prod_i prod_{clusters} |allowed actions|}, at most {@link Prescriptions#MAX}.
 */
public final class HistoryProcess implements PublicProcess {
    /** Absolute tolerance of the independence test of a public reset. */
    public static final double RESET_TOLERANCE = 1e-12;

    private final DecPomdp model;
    private final DecPomdp.PrivateMemory memory;
    private final boolean cluster;
    /** +1 at beta = +inf, -1 at beta = -inf (the last step keeps only the best, or worst, prescription), 0 otherwise. */
    private final int extreme;
    private final int horizon;
    private final int n;
    private final int[] k = new int[2];
    private final int[] m = new int[2];
    private final int kz;
    private final int jn;
    /** Public outcomes per joint action: the joint action is part of the outcome when it is public. */
    private final boolean actionsSeen;
    private final double[] initial;
    /**
     * The name of every cluster of a belief built here, by its canonical key: its histories' observations joined
     * by commas, several histories joined by " | ", an earlier cluster of several in parentheses.
     */
    private final Map<PublicBelief.Key, String[][]> names = new HashMap<>();
    private View view;

    /**
     * @param model the Dec-POMDP, with its horizon and {@link DecPomdp#privateMemory()} (history or since-reset)
     * @param beta the inverse temperature: at +-inf equivalent histories are clustered
     */
    public HistoryProcess(DecPomdp model, double beta) {
        if (model.horizon() < 1) {
            throw new InvalidModelException("horizon: missing; the public-belief recursion is finite-horizon: give"
                    + " \"horizon\" in the model or --horizon H");
        }
        PublicBelief.checkHorizon(model.horizon());
        this.model = model;
        this.memory = model.privateMemory();
        this.cluster = Double.isInfinite(beta);
        this.extreme = beta == Double.POSITIVE_INFINITY ? 1 : beta == Double.NEGATIVE_INFINITY ? -1 : 0;
        this.horizon = model.horizon();
        this.n = model.numStates();
        for (int i = 0; i < 2; i++) {
            k[i] = model.agent(i).numObservations();
            m[i] = model.agent(i).numActions();
            if (horizon * Math.log(k[i] + 1.0) > 52 * Math.log(2)) {
                throw new InvalidModelException("horizon: " + horizon + " is too long for private histories of "
                        + k[i] + " observations (agent " + model.agent(i).name() + "); use a smaller horizon or"
                        + " privateMemory current");
            }
        }
        this.kz = model.numPublicObservations();
        this.jn = model.numJointActions();
        this.actionsSeen = model.publicActions();
        // t = 0: s ~ initial, o^i ~ O^i(. | s), histories of length 1
        double[] fine = new double[n * k[0] * k[1]];
        double[] p0 = model.initial();
        for (int s = 0; s < n; s++) {
            for (int o0 = 0; o0 < k[0]; o0++) {
                for (int o1 = 0; o1 < k[1]; o1++) {
                    fine[(s * k[0] + o0) * k[1] + o1] = p0[s] * model.agent(0).observation(s, o0)
                            * model.agent(1).observation(s, o1);
                }
            }
        }
        initial = finishByObservation(0, fine);
    }

    public DecPomdp model() {
        return model;
    }

    /** A belief read from its encoding, with the allowed actions of each cluster at step t. */
    private final class View {
        final double[] belief;
        final int t;
        final int[] c = new int[2];
        final long[][] codes = new long[2][];
        final int[][] last = new int[2][];
        final int[][][] support = new int[2][][];
        /** The nonzero entries (s, k0, k1) and their probabilities. */
        final int[] nzS;
        final int[] nzK0;
        final int[] nzK1;
        final double[] nzP;
        final long count;
        /** At the last step at beta = +-inf: the one prescription kept (the others are dominated), else null. */
        int[][] best;

        View(int t, double[] b) {
            this.belief = b;
            this.t = t;
            c[0] = (int) b[0];
            c[1] = (int) b[1];
            int at = 2;
            for (int i = 0; i < 2; i++) {
                codes[i] = new long[c[i]];
                last[i] = new int[c[i]];
                for (int x = 0; x < c[i]; x++) {
                    codes[i][x] = (long) b[at++];
                    last[i][x] = (int) b[at++];
                }
            }
            long cnt = 1;
            for (int i = 0; i < 2; i++) {
                DecPomdp.Agent ag = model.agent(i);
                support[i] = new int[c[i]][];
                for (int x = 0; x < c[i]; x++) {
                    int[] sup = new int[m[i]];
                    int q = 0;
                    for (int a = 0; a < m[i]; a++) {
                        if (ag.prior(t, last[i][x], a) > 0.0) {
                            sup[q++] = a;
                        }
                    }
                    support[i][x] = Arrays.copyOf(sup, q);
                    cnt *= q;
                    if (cnt > Prescriptions.MAX && !(extreme != 0 && t == horizon - 1 && i == 1)) {
                        throw new InvalidModelException("horizon: " + horizon + " gives more than " + Prescriptions.MAX
                                + " prescriptions at a public belief of step " + t + " (privateMemory "
                                + memory.label() + ": " + c[0] + " and " + c[1] + " reachable private histories);"
                                + " use a smaller horizon or privateMemory current");
                    }
                }
            }
            int off = offset(c[0], c[1]);
            int nz = 0;
            for (int r = off; r < b.length; r++) {
                if (b[r] > 0.0) {
                    nz++;
                }
            }
            nzS = new int[nz];
            nzK0 = new int[nz];
            nzK1 = new int[nz];
            nzP = new double[nz];
            int q = 0;
            for (int r = off; r < b.length; r++) {
                if (b[r] > 0.0) {
                    int idx = r - off;
                    nzK1[q] = idx % c[1];
                    nzK0[q] = (idx / c[1]) % c[0];
                    nzS[q] = idx / (c[0] * c[1]);
                    nzP[q++] = b[r];
                }
            }
            if (extreme != 0 && t == horizon - 1) {
                best = lastStep(this);
                count = 1;
            } else {
                count = cnt;
            }
        }

        /** Writes the actions of prescription p: {@code act[i][cluster]}; agent 0's first cluster most significant. */
        void decode(int p, int[][] act) {
            if (best != null) {
                act[0] = best[0].clone();
                act[1] = best[1].clone();
                return;
            }
            decodeAll(p, act);
        }

        /** As {@link #decode} over every prescription (ignoring the pruning of the last step). */
        void decodeAll(long p, int[][] act) {
            long rest = p;
            for (int i = 1; i >= 0; i--) {
                if (act[i] == null || act[i].length != c[i]) {
                    act[i] = new int[c[i]];
                }
                for (int x = c[i] - 1; x >= 0; x--) {
                    int r = support[i][x].length;
                    act[i][x] = support[i][x][(int) (rest % r)];
                    rest /= r;
                }
            }
        }
    }

    /**
     * The last step at beta = +inf (-inf): {@code Q(B, gamma) = sum B(s, k0, k1) r(s, gamma^0(k0), gamma^1(k1))}
     * has no future, so every prescription but a maximiser (minimiser) is dominated and pruned. Found exactly by
     * enumerating agent 0's part and, for each, taking agent 1's best (worst) action per cluster, which is
     * separable: {@code max_{gamma^1} Q = sum_{k1} max_{a1} sum_{s,k0} B(s,k0,k1) r(s, gamma^0(k0), a1)}. Ties keep
     * the first in enumeration order.
     */
    private int[][] lastStep(View v) {
        long count0 = 1;
        for (int x = 0; x < v.c[0]; x++) {
            count0 *= v.support[0][x].length;
        }
        int[][] act = new int[2][];
        act[0] = new int[v.c[0]];
        int[] a1 = new int[v.c[1]];
        double bestValue = 0;
        int[][] best = null;
        for (long p = 0; p < count0; p++) {
            long rest = p;
            for (int x = v.c[0] - 1; x >= 0; x--) {
                int r = v.support[0][x].length;
                act[0][x] = v.support[0][x][(int) (rest % r)];
                rest /= r;
            }
            double total = 0;
            for (int k1 = 0; k1 < v.c[1]; k1++) {
                double top = 0;
                int arg = -1;
                for (int a : v.support[1][k1]) {
                    double q = 0;
                    for (int e = 0; e < v.nzP.length; e++) {
                        if (v.nzK1[e] == k1) {
                            q += v.nzP[e] * model.reward(v.nzS[e], model.joint(act[0][v.nzK0[e]], a));
                        }
                    }
                    if (arg < 0 || extreme * q > extreme * top) {
                        top = q;
                        arg = a;
                    }
                }
                a1[k1] = arg;
                total += top;
            }
            if (best == null || extreme * total > extreme * bestValue) {
                bestValue = total;
                best = new int[][] {act[0].clone(), a1.clone()};
            }
        }
        return best;
    }

    private static int offset(int c0, int c1) {
        return 2 + 2 * c0 + 2 * c1;
    }

    private View view(int t, double[] belief) {
        if (view == null || view.belief != belief || view.t != t) {
            view = new View(t, belief);
        }
        return view;
    }

    @Override
    public int numStates() {
        return n;
    }

    @Override
    public double[] initialBelief() {
        return initial;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public double gamma() {
        return model.gamma();
    }

    /** Not defined: the prescriptions depend on the belief ({@link #numChoices(int, double[])}). */
    @Override
    public int numChoices(int t) {
        throw new UnsupportedOperationException("the prescriptions of a history policy depend on the public belief");
    }

    /** Not defined: the prescriptions depend on the belief. */
    @Override
    public double choicePrior(int t, int c) {
        throw new UnsupportedOperationException("the prescriptions of a history policy depend on the public belief");
    }

    @Override
    public int numChoices(int t, double[] belief) {
        return (int) view(t, belief).count;
    }

    @Override
    public double choicePrior(int t, double[] belief, int c) {
        View v = view(t, belief);
        int[][] act = new int[2][];
        v.decode(c, act);
        double w = 1.0;
        for (int i = 0; i < 2; i++) {
            for (int x = 0; x < v.c[i]; x++) {
                w *= model.agent(i).prior(t, v.last[i][x], act[i][x]);
            }
        }
        return w;
    }

    @Override
    public int numOutcomes() {
        return actionsSeen ? jn * kz : kz;
    }

    /** Not defined: the beliefs are encoded ({@link #expand}). */
    @Override
    public double step(int t, double[] belief, int c, double[] next) {
        throw new UnsupportedOperationException("the history process steps through expand");
    }

    @Override
    public double expand(int t, double[] belief, int c, double[] scratch, Outcomes out) {
        View v = view(t, belief);
        int[][] act = new int[2][];
        v.decode(c, act);
        int w0 = v.c[0] * k[0];
        int w1 = v.c[1] * k[1];
        int size = n * w0 * w1;
        Map<Integer, double[]> byY = new HashMap<>();
        double reward = 0.0;
        for (int q = 0; q < v.nzP.length; q++) {
            int s = v.nzS[q];
            int k0 = v.nzK0[q];
            int k1 = v.nzK1[q];
            double p = v.nzP[q];
            int j = model.joint(act[0][k0], act[1][k1]);
            reward += p * model.reward(s, j);
            for (int s2 = 0; s2 < n; s2++) {
                double pt = model.transition(s, j, s2);
                if (pt == 0.0) {
                    continue;
                }
                for (int z = 0; z < kz; z++) {
                    double pz = model.publicObservation(s2, z);
                    if (pz == 0.0) {
                        continue;
                    }
                    double[] buf = byY.computeIfAbsent(actionsSeen ? j * kz + z : z, y -> new double[size]);
                    for (int o0 = 0; o0 < k[0]; o0++) {
                        double p0 = model.agent(0).observation(s2, o0);
                        if (p0 == 0.0) {
                            continue;
                        }
                        int row = (s2 * w0 + k0 * k[0] + o0) * w1 + k1 * k[1];
                        for (int o1 = 0; o1 < k[1]; o1++) {
                            double p1 = model.agent(1).observation(s2, o1);
                            if (p1 > 0.0) {
                                buf[row + o1] += p * pt * pz * p0 * p1;
                            }
                        }
                    }
                }
            }
        }
        Integer[] ys = byY.keySet().toArray(new Integer[0]);
        Arrays.sort(ys);
        for (int y : ys) {
            double[] buf = byY.get(y);
            double py = 0.0;
            for (double u : buf) {
                py += u;
            }
            if (!(py > 0.0)) {
                continue;
            }
            if (t + 1 >= horizon) {
                out.accept(y, py, new double[0]); // no decision follows: the belief is not needed
                continue;
            }
            for (int r = 0; r < size; r++) {
                buf[r] /= py;
            }
            out.accept(y, py, next(t + 1, v, buf));
        }
        return reward;
    }

    /** The belief of step t from the fine law {@code buf} over (s', (k0, o0), (k1, o1)): reset, then {@link #finish}. */
    private double[] next(int t, View v, double[] buf) {
        int w0 = v.c[0] * k[0];
        int w1 = v.c[1] * k[1];
        if (memory == DecPomdp.PrivateMemory.SINCE_RESET && independent(v, buf)) {
            double[] fine = new double[n * k[0] * k[1]];
            for (int s2 = 0; s2 < n; s2++) {
                for (int h0 = 0; h0 < w0; h0++) {
                    for (int h1 = 0; h1 < w1; h1++) {
                        fine[(s2 * k[0] + h0 % k[0]) * k[1] + h1 % k[1]] += buf[(s2 * w0 + h0) * w1 + h1];
                    }
                }
            }
            return finishByObservation(t, fine);
        }
        String[][] parent = names.get(PublicBelief.Key.of(v.belief));
        String[][] labels = {new String[w0], new String[w1]};
        long[][] codes = {new long[w0], new long[w1]};
        int[][] last = {new int[w0], new int[w1]};
        for (int i = 0; i < 2; i++) {
            for (int x = 0; x < v.c[i]; x++) {
                for (int o = 0; o < k[i]; o++) {
                    codes[i][x * k[i] + o] = v.codes[i][x] * (k[i] + 1) + o + 1;
                    last[i][x * k[i] + o] = o;
                    String before = parent == null ? label(i, v.codes[i][x]) : parent[i][x];
                    labels[i][x * k[i] + o] = (severalHistories(before) ? "(" + before + ")" : before) + ","
                            + model.agent(i).observations().get(o);
                }
            }
        }
        return finish(t, buf, codes, last, labels);
    }

    /** Whether a cluster name joins several histories at its top level (a " | " outside parentheses). */
    static boolean severalHistories(String name) {
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && name.startsWith(" | ", i)) {
                return true;
            }
        }
        return false;
    }

    /** The names of the histories of length 1: each agent's observation names. */
    private String[][] observationNames() {
        String[][] out = new String[2][];
        for (int i = 0; i < 2; i++) {
            out[i] = model.agent(i).observations().toArray(new String[0]);
        }
        return out;
    }

    /** Whether the next state is independent of the old clusters: {@code P(s', k0, k1) = P(s') P(k0, k1)}. */
    private boolean independent(View v, double[] buf) {
        int c0 = v.c[0];
        int c1 = v.c[1];
        int w0 = c0 * k[0];
        int w1 = c1 * k[1];
        double[] joint = new double[n * c0 * c1];
        for (int s2 = 0; s2 < n; s2++) {
            for (int h0 = 0; h0 < w0; h0++) {
                for (int h1 = 0; h1 < w1; h1++) {
                    joint[(s2 * c0 + h0 / k[0]) * c1 + h1 / k[1]] += buf[(s2 * w0 + h0) * w1 + h1];
                }
            }
        }
        double[] ps = new double[n];
        double[] ph = new double[c0 * c1];
        for (int s2 = 0; s2 < n; s2++) {
            for (int h = 0; h < c0 * c1; h++) {
                ps[s2] += joint[s2 * c0 * c1 + h];
                ph[h] += joint[s2 * c0 * c1 + h];
            }
        }
        for (int s2 = 0; s2 < n; s2++) {
            for (int h = 0; h < c0 * c1; h++) {
                if (Math.abs(joint[s2 * c0 * c1 + h] - ps[s2] * ph[h]) > RESET_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #finish} of a law over the agents' current observations {@code fine[(s * k0 + o0) * k1 + o1]}. */
    private double[] finishByObservation(int t, double[] fine) {
        long[][] codes = {new long[k[0]], new long[k[1]]};
        int[][] last = {new int[k[0]], new int[k[1]]};
        for (int i = 0; i < 2; i++) {
            for (int o = 0; o < k[i]; o++) {
                codes[i][o] = o + 1;
                last[i][o] = o;
            }
        }
        return finish(t, fine, codes, last, observationNames());
    }

    /**
     * Encodes the law {@code fine[(s * w0 + h0) * w1 + h1]} over the histories {@code codes[i][h]} (last observation
     * {@code last[i][h]}) at step t: drops histories of probability 0, clusters equivalent ones at beta = +-inf, and
     * orders the clusters by their smallest member.
     */
    private double[] finish(int t, double[] fine, long[][] codes, int[][] last, String[][] labels) {
        int w0 = codes[0].length;
        int w1 = codes[1].length;
        double[] p0 = new double[w0];
        double[] p1 = new double[w1];
        for (int s = 0; s < n; s++) {
            for (int h0 = 0; h0 < w0; h0++) {
                for (int h1 = 0; h1 < w1; h1++) {
                    double p = fine[(s * w0 + h0) * w1 + h1];
                    p0[h0] += p;
                    p1[h1] += p;
                }
            }
        }
        // agent 0's clusters against agent 1's histories, then agent 1's against agent 0's clusters
        int[] of0 = clusters(t, 0, p0, codes[0], last[0], h0 -> {
            double[] cond = new double[n * w1];
            for (int s = 0; s < n; s++) {
                for (int h1 = 0; h1 < w1; h1++) {
                    cond[s * w1 + h1] = fine[(s * w0 + h0) * w1 + h1] / p0[h0];
                }
            }
            return cond;
        });
        int c0 = max(of0) + 1;
        int[] of1 = clusters(t, 1, p1, codes[1], last[1], h1 -> {
            double[] cond = new double[n * c0];
            for (int s = 0; s < n; s++) {
                for (int h0 = 0; h0 < w0; h0++) {
                    if (of0[h0] >= 0) {
                        cond[s * c0 + of0[h0]] += fine[(s * w0 + h0) * w1 + h1] / p1[h1];
                    }
                }
            }
            return cond;
        });
        int c1 = max(of1) + 1;
        int off = offset(c0, c1);
        double[] b = new double[off + n * c0 * c1];
        b[0] = c0;
        b[1] = c1;
        String[][] mem = {new String[c0], new String[c1]};
        int[][] ofs = {of0, of1};
        for (int i = 0; i < 2; i++) {
            int ci = i == 0 ? c0 : c1;
            int base = i == 0 ? 2 : 2 + 2 * c0;
            Integer[] order = new Integer[codes[i].length];
            for (int h = 0; h < order.length; h++) {
                order[h] = h;
            }
            final long[] ci2 = codes[i];
            Arrays.sort(order, (x, y) -> Long.compare(ci2[x], ci2[y]));
            for (int h : order) { // by code: the first member of a cluster is its smallest
                int x = ofs[i][h];
                if (x >= 0) {
                    if (mem[i][x] == null) {
                        b[base + 2 * x] = codes[i][h];
                        b[base + 2 * x + 1] = last[i][h];
                        mem[i][x] = labels[i][h];
                    } else {
                        mem[i][x] = mem[i][x] + " | " + labels[i][h];
                    }
                }
            }
        }
        for (int s = 0; s < n; s++) {
            for (int h0 = 0; h0 < w0; h0++) {
                if (of0[h0] < 0) {
                    continue;
                }
                for (int h1 = 0; h1 < w1; h1++) {
                    if (of1[h1] >= 0) {
                        b[off + (s * c0 + of0[h0]) * c1 + of1[h1]] += fine[(s * w0 + h0) * w1 + h1];
                    }
                }
            }
        }
        names.putIfAbsent(PublicBelief.Key.of(b), mem);
        prescriptions(t, b, mem);
        return b;
    }

    /**
     * Refuses, as soon as it is reached, a belief with more than {@link Prescriptions#MAX} prescriptions (the
     * product over both agents' clusters of their numbers of allowed actions).
     */
    private void prescriptions(int t, double[] b, String[][] mem) {
        long cnt = 1;
        int at = 2;
        // at the last step at beta = +-inf only agent 0's part is enumerated (lastStep)
        int agents = extreme != 0 && t == horizon - 1 ? 1 : 2;
        for (int i = 0; i < agents; i++) {
            for (int x = 0; x < mem[i].length; x++) {
                int last = (int) b[at + 2 * x + 1];
                int q = 0;
                for (int a = 0; a < m[i]; a++) {
                    if (model.agent(i).prior(t, last, a) > 0.0) {
                        q++;
                    }
                }
                cnt *= q;
                if (cnt > Prescriptions.MAX) {
                    throw new InvalidModelException("horizon: " + horizon + " gives more than " + Prescriptions.MAX
                            + " prescriptions at a public belief of step " + t + " (privateMemory " + memory.label()
                            + ": " + mem[0].length + " and " + mem[1].length + " reachable private histories);"
                            + " use a smaller horizon or privateMemory current");
                }
            }
            at += 2 * mem[i].length;
        }
    }

    private static int max(int[] a) {
        int r = -1;
        for (int x : a) {
            r = Math.max(r, x);
        }
        return r;
    }

    /**
     * The cluster of each history of agent i ({@code -1} for probability 0), numbered by smallest member code:
     * without clustering one per reachable history; at beta = +-inf histories with the same allowed actions and
     * the same conditional law {@code cond(h)} share one.
     */
    private int[] clusters(int t, int i, double[] p, long[] codes, int[] last, java.util.function.IntFunction<double[]> cond) {
        int w = codes.length;
        int[] of = new int[w];
        Arrays.fill(of, -1);
        Integer[] order = new Integer[w];
        for (int h = 0; h < w; h++) {
            order[h] = h;
        }
        Arrays.sort(order, (x, y) -> Long.compare(codes[x], codes[y]));
        Map<List<Object>, Integer> seen = new HashMap<>();
        int next = 0;
        for (int h : order) {
            if (!(p[h] > 0.0)) {
                continue;
            }
            if (!cluster) {
                of[h] = next++;
                continue;
            }
            StringBuilder sup = new StringBuilder();
            for (int a = 0; a < m[i]; a++) {
                sup.append(t < horizon && model.agent(i).prior(t, last[h], a) > 0.0 ? '1' : '0');
            }
            List<Object> key = List.of(sup.toString(), PublicBelief.Key.of(cond.apply(h)));
            Integer x = seen.get(key);
            if (x == null) {
                x = next++;
                seen.put(key, x);
            }
            of[h] = x;
        }
        return of;
    }

    /** The observation names of a history code, separated by commas. */
    private String label(int i, long code) {
        List<String> obs = new ArrayList<>();
        long c = code;
        while (c > 0) {
            obs.add(0, model.agent(i).observations().get((int) ((c - 1) % (k[i] + 1))));
            c = (c - 1) / (k[i] + 1);
        }
        return String.join(",", obs);
    }

    /** The names of cluster x of agent i of this belief: its histories joined by " | ". */
    private String clusterLabel(double[] belief, View v, int i, int x) {
        String[][] mem = names.get(PublicBelief.Key.of(belief));
        return mem == null ? label(i, v.codes[i][x]) : mem[i][x];
    }

    /** {@code {"agent": {"history": "action", ...}, ...}} over the reachable histories (clusters) of the belief. */
    @Override
    public Map<String, Object> describeChoice(int t, double[] belief, int c) {
        View v = view(t, belief);
        int[][] act = new int[2][];
        v.decode(c, act);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            DecPomdp.Agent ag = model.agent(i);
            Map<String, Object> mm = new LinkedHashMap<>();
            for (int x = 0; x < v.c[i]; x++) {
                mm.put(clusterLabel(belief, v, i, x), ag.actions().get(act[i][x]));
            }
            out.put(ag.name(), mm);
        }
        return out;
    }

    /** Not defined without the belief. */
    @Override
    public Map<String, Object> describeChoice(int t, int c) {
        throw new UnsupportedOperationException("the prescriptions of a history policy depend on the public belief");
    }

    /** {@code {state: P(s)}} over the states of positive probability, and {@code privateHistories}: per agent {history: P(h)}. */
    @Override
    public Map<String, Object> describeBelief(double[] belief) {
        if (belief.length == 0) {
            return Map.of();
        }
        View v = new View(Math.min(horizon - 1, 0), belief);
        Map<String, Object> out = new LinkedHashMap<>();
        double[] ps = new double[n];
        double[][] ph = {new double[v.c[0]], new double[v.c[1]]};
        for (int q = 0; q < v.nzP.length; q++) {
            ps[v.nzS[q]] += v.nzP[q];
            ph[0][v.nzK0[q]] += v.nzP[q];
            ph[1][v.nzK1[q]] += v.nzP[q];
        }
        for (int s = 0; s < n; s++) {
            if (ps[s] > 0.0) {
                out.put(model.states().get(s), ps[s]);
            }
        }
        Map<String, Object> hs = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> mm = new LinkedHashMap<>();
            for (int x = 0; x < v.c[i]; x++) {
                mm.put(clusterLabel(belief, v, i, x), ph[i][x]);
            }
            hs.put(model.agent(i).name(), mm);
        }
        out.put("privateHistories", hs);
        return out;
    }

    @Override
    public Map<String, Object> describeOutcome(int y) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!actionsSeen) {
            out.put("public", model.publicObservations().get(y));
            return out;
        }
        int j = y / kz;
        int m1 = m[1];
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
