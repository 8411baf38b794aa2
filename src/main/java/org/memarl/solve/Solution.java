package org.memarl.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memarl.MemarlException;
import org.memarl.NotConvergedException;

/**
 * The immutable result of one algorithm run: named value tables ({@code V} always one number per
 * state, in reward units; {@code Q}; finite-horizon tables such as {@code Vt}), the executed policy
 * {@code pi(a | s)} for MDPs and named policies for games or time-dependent policies, the iteration
 * count, the last residual, the guaranteed sup-norm distance bound to the fixed point, the
 * converged flag and the parameters that produced it. Arrays are deep-copied in and out.
 */
public final class Solution {
    private final String algorithm;
    private final Map<String, Object> parameters;
    private final boolean converged;
    private final int iterations;
    private final double residual;
    private final double errorBound;
    private final Map<String, Object> values;
    private final double[][] policy;
    private final Map<String, Object> policies;

    private Solution(Builder b) {
        this.algorithm = b.algorithm;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.converged = b.converged;
        this.iterations = b.iterations;
        this.residual = b.residual;
        this.errorBound = b.errorBound;
        Map<String, Object> v = new LinkedHashMap<>();
        b.values.forEach((k, x) -> v.put(k, deepCopy(k, x)));
        this.values = Collections.unmodifiableMap(v);
        this.policy = b.policy == null ? null : (double[][]) deepCopy("policy", b.policy);
        Map<String, Object> p = new LinkedHashMap<>();
        b.policies.forEach((k, x) -> p.put(k, deepCopy("policies." + k, x)));
        this.policies = Collections.unmodifiableMap(p);
    }

    /** Starts a solution of the algorithm named {@code algorithm}. */
    public static Builder builder(String algorithm) {
        return new Builder(algorithm);
    }

    /** Builder. Numbers that are NaN or infinite are refused with the place they occur. */
    public static final class Builder {
        private final String algorithm;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private boolean converged = true;
        private int iterations;
        private double residual;
        private double errorBound;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private double[][] policy;
        private final Map<String, Object> policies = new LinkedHashMap<>();

        private Builder(String algorithm) {
            this.algorithm = algorithm;
        }

        /** Records a parameter of the run (echoed in result files). */
        public Builder parameter(String key, Object value) {
            parameters.put(key, value);
            return this;
        }

        /** Copies the iterations, residual, error bound and convergence of a fixed-point iteration. */
        public Builder fixedPoint(FixedPoint fp) {
            return iterations(fp.iterations()).residual(fp.residual()).errorBound(fp.errorBound()).converged(fp.converged());
        }

        /** Whether the stopping rule was met (default true). */
        public Builder converged(boolean c) {
            this.converged = c;
            return this;
        }

        /** The number of sweeps (or episodes of a learner). */
        public Builder iterations(int n) {
            this.iterations = n;
            return this;
        }

        /** The last sup-norm residual. */
        public Builder residual(double r) {
            this.residual = r;
            return this;
        }

        /** The guaranteed sup-norm error bound of V. */
        public Builder errorBound(double b) {
            this.errorBound = b;
            return this;
        }

        /** A value table: {@code double}, {@code double[]}, {@code double[][]} or {@code double[][][]}. */
        public Builder value(String name, Object table) {
            values.put(name, table);
            return this;
        }

        /** The executed policy {@code pi[s][a]} of an MDP algorithm. */
        public Builder policy(double[][] pi) {
            this.policy = pi;
            return this;
        }

        /** A named policy table (nested {@code double} arrays). */
        public Builder policy(String name, Object table) {
            policies.put(name, table);
            return this;
        }

        /**
         * The solution; refuses NaN or infinite numbers with the place they occur.
         *
         * @throws org.memarl.MemarlException naming the table and index of a non-finite value
         */
        public Solution build() {
            return new Solution(this);
        }
    }

    static Object deepCopy(String where, Object x) {
        if (x instanceof Double) {
            checkFinite(where, (Double) x);
            return x;
        }
        if (x instanceof double[]) {
            double[] a = ((double[]) x).clone();
            for (int i = 0; i < a.length; i++) {
                checkFinite(where + "[" + i + "]", a[i]);
            }
            return a;
        }
        if (x instanceof Object[]) {
            Object[] a = (Object[]) x;
            Object[] out = (Object[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), a.length);
            for (int i = 0; i < a.length; i++) {
                out[i] = deepCopy(where + "[" + i + "]", a[i]);
            }
            return out;
        }
        if (x instanceof Number || x instanceof String || x instanceof Boolean) {
            return x;
        }
        throw new org.memarl.InvalidModelException(where + ": unsupported table type " + (x == null ? "null" : x.getClass()));
    }

    private static void checkFinite(String where, double v) {
        if (!Double.isFinite(v)) {
            throw new MemarlException(where + ": computed value " + v + " is not finite");
        }
    }

    /** The algorithm's name. */
    public String algorithm() {
        return algorithm;
    }

    /** The parameters of the run, in insertion order. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Whether the stopping rule was met. */
    public boolean converged() {
        return converged;
    }

    /** The number of sweeps (or episodes of a learner). */
    public int iterations() {
        return iterations;
    }

    /** The last sup-norm residual. */
    public double residual() {
        return residual;
    }

    /**
     * Guaranteed upper bound on the sup-norm distance of {@code V} to the exact fixed point (0 if exact),
     * in exact arithmetic. For operators with several fixed points (Nash-Q) it bounds the distance to the
     * exact values of the reported policies; for learners it is the measured distance to the fixed point.
     */
    public double errorBound() {
        return errorBound;
    }

    /** Names of the value tables, in insertion order. */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        values.forEach((k, x) -> v.put(k, deepCopy(k, x)));
        return v;
    }

    /** Names of the value tables, in insertion order (no copy of the tables). */
    public java.util.List<String> valueNames() {
        return java.util.List.copyOf(values.keySet());
    }

    /** Names of the named policies, in insertion order (no copy of the tables). */
    public java.util.List<String> policyNames() {
        return java.util.List.copyOf(policies.keySet());
    }

    /** The named policy {@code name}: a copy, or null. */
    public Object policy(String name) {
        Object x = policies.get(name);
        return x == null ? null : deepCopy(name, x);
    }

    /** The value table {@code name}: a copy. */
    public Object value(String name) {
        Object x = values.get(name);
        return x == null ? null : deepCopy(name, x);
    }

    /** {@code V}, one number per state. */
    public double[] V() {
        return (double[]) value("V");
    }

    /** An MDP's {@code Q[s][a]}, or null; for a game use {@link #gameQ()}. */
    public double[][] Q() {
        Object q = value("Q");
        if (q instanceof double[][][]) {
            throw new org.memarl.MemarlException(algorithm + ": Q is a game's Q[s][a][b]; use gameQ()");
        }
        return (double[][]) q;
    }

    /** A game's agent {@code Q[s][a][b]}, or null; for an MDP use {@link #Q()}. */
    public double[][][] gameQ() {
        Object q = value("Q");
        if (q != null && !(q instanceof double[][][])) {
            throw new org.memarl.MemarlException(algorithm + ": Q is an MDP's Q[s][a]; use Q()");
        }
        return (double[][][]) q;
    }

    /** The executed policy {@code pi[s][a]} (MDPs), or null. */
    public double[][] policy() {
        return policy == null ? null : (double[][]) deepCopy("policy", policy);
    }

    /** The named policies (copies), in insertion order. */
    public Map<String, Object> policies() {
        Map<String, Object> p = new LinkedHashMap<>();
        policies.forEach((k, x) -> p.put(k, deepCopy(k, x)));
        return p;
    }

    /** Returns this, or throws {@link NotConvergedException}. */
    public Solution requireConverged() {
        if (!converged) {
            Object tol = parameters.get("tolerance");
            throw new NotConvergedException(algorithm, iterations, residual, errorBound,
                    tol instanceof Number ? ((Number) tol).doubleValue() : Double.NaN);
        }
        return this;
    }
}
