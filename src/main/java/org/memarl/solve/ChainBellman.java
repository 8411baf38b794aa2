package org.memarl.solve;

import org.memarl.kernel.Chain;
import org.memarl.model.TransitionMatrix;

/**
 * The Bellman operator of a chain on state values:
 *
 * <pre>
 *   Q(s, x_1..x_K) = r(s, x_1..x_K) + gamma * sum_{s'} T(s' | s, x_1..x_K) V(s')
 *   (B V)(s)       = Chain.reduce(s, Q(s, .))
 * </pre>
 *
 * where the joint choice {@code x_1..x_K} of state s is row {@code s * L + j} of the transition
 * matrix and of the reward vector (L = the chain's leaf size, j the row-major joint index). With the
 * one-level chain over actions this is soft value iteration (2.48-2.49), hard value iteration (2.19)
 * at beta = +inf; with two levels it is the games' family of chapter 3. A gamma-contraction in the
 * sup norm for every beta of every level (thesis appendix A.3.3, which the ledger checks).
 *
 * <p>Holds one chain workspace and one leaf buffer: not thread-safe; cost per sweep O(nnz(T) + S L).
 */
public final class ChainBellman implements ValueOperator {
    private final TransitionMatrix transitions;
    private final double[] rewards;
    private final double gamma;
    private final Chain chain;
    private final Chain.Workspace ws;
    private final double[] leaf;
    private final int states;
    private final int leafSize;
    /** leafToRow[j] = offset, within a state's block of rows, of the row of leaf j (identity when null). */
    private final int[] leafToRow;

    /**
     * @param rewards one reward per transition row (copied)
     */
    public ChainBellman(TransitionMatrix transitions, double[] rewards, double gamma, Chain chain) {
        this(transitions, rewards, gamma, chain, null);
    }

    /**
     * A chain whose leaf order differs from the row order of the model: leaf j of state s reads row
     * {@code s * L + leafToRow[j]}. Games store rows as {@code (s A + a) B + b}; a chain with the
     * opponent outermost (ROMMEO, Balancing Q from the opponent's perspective) has leaves
     * {@code b A + a}, so {@code leafToRow[b A + a] = a B + b}.
     *
     * @param leafToRow a permutation of {@code 0 .. L-1} (copied), or null for the identity
     */
    public ChainBellman(TransitionMatrix transitions, double[] rewards, double gamma, Chain chain, int[] leafToRow) {
        this.states = chain.contexts();
        this.leafSize = chain.leafSize();
        if (transitions.rows() != states * leafSize || transitions.columns() != states) {
            throw new IllegalArgumentException("transitions: shape " + transitions.rows() + " x " + transitions.columns()
                    + " does not fit a chain of " + states + " contexts and leaf size " + leafSize);
        }
        if (rewards.length != transitions.rows()) {
            throw new IllegalArgumentException("rewards: length " + rewards.length + ", expected " + transitions.rows());
        }
        this.transitions = transitions;
        this.rewards = rewards.clone();
        this.gamma = gamma;
        this.chain = chain;
        this.ws = chain.newWorkspace();
        this.leaf = new double[leafSize];
        if (leafToRow != null) {
            if (leafToRow.length != leafSize) {
                throw new IllegalArgumentException("leafToRow: length " + leafToRow.length + ", expected " + leafSize);
            }
            boolean[] seen = new boolean[leafSize];
            for (int j : leafToRow) {
                if (j < 0 || j >= leafSize || seen[j]) {
                    throw new IllegalArgumentException("leafToRow: not a permutation of 0.." + (leafSize - 1));
                }
                seen[j] = true;
            }
            this.leafToRow = leafToRow.clone();
        } else {
            this.leafToRow = null;
        }
    }

    public Chain chain() {
        return chain;
    }

    @Override
    public int size() {
        return states;
    }

    @Override
    public double modulus() {
        return gamma;
    }

    /** {@code out[j] = Q(s, j) = r(s, j) + gamma E[v(s') | s, j]} for the leaf block of s (leaf order). */
    public void q(int s, double[] v, double[] out, int outOff) {
        int base = s * leafSize;
        for (int j = 0; j < leafSize; j++) {
            int row = base + (leafToRow == null ? j : leafToRow[j]);
            out[outOff + j] = rewards[row] + gamma * transitions.expect(row, v);
        }
    }

    /** {@code out[k] = Q(s, k)} in the model's row order (k = row offset within the state's block). */
    public void qRows(int s, double[] v, double[] out, int outOff) {
        int base = s * leafSize;
        for (int k = 0; k < leafSize; k++) {
            out[outOff + k] = rewards[base + k] + gamma * transitions.expect(base + k, v);
        }
    }

    /** V(s) from Q(s, .) held in {@code q[qOff ..]}; leaves the chain's intermediate values in the workspace. */
    public double reduce(int s, double[] q, int qOff) {
        return chain.reduce(s, q, qOff, ws);
    }

    /** The workspace of the last {@link #reduce} or sweep, for reading policies. */
    public Chain.Workspace workspace() {
        return ws;
    }

    @Override
    public void apply(double[] in, double[] out) {
        for (int s = 0; s < states; s++) {
            q(s, in, leaf, 0);
            out[s] = chain.reduce(s, leaf, 0, ws);
        }
    }

    @Override
    public double applyInPlace(double[] v) {
        double res = 0.0;
        for (int s = 0; s < states; s++) {
            q(s, v, leaf, 0);
            double nv = chain.reduce(s, leaf, 0, ws);
            double d = Math.abs(nv - v[s]);
            if (!(d <= res)) {
                res = d;
            }
            v[s] = nv;
        }
        return res;
    }

    /** Q for all states: {@code [s][j]} in leaf order. */
    public double[][] qTable(double[] v) {
        double[][] out = new double[states][leafSize];
        for (int s = 0; s < states; s++) {
            q(s, v, out[s], 0);
        }
        return out;
    }

    /** The policy of the outermost level given V: {@code pi(x_1 | s)} for all states (one-level chains: pi(a|s)). */
    public double[][] outerPolicy(double[] v) {
        int n = chain.levels().get(0).size();
        double[][] out = new double[states][n];
        for (int s = 0; s < states; s++) {
            q(s, v, leaf, 0);
            chain.reduce(s, leaf, 0, ws);
            chain.policy(0, 0, ws, out[s], 0);
        }
        return out;
    }
}
