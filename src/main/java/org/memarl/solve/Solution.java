package org.memarl.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.NotConvergedException;

/**
 * The immutable result of one algorithm run: named value {@link Table}s ({@code V} always one number per
 * state, in reward units; {@code Q}; finite-horizon tables such as {@code Vt}; single numbers such as a
 * learner's {@code distanceToFixedPoint}), the executed policy {@code pi(a | s)} for MDPs and named policy
 * tables for games, options or time-dependent policies (also in named groups, a chain's {@code byStep}),
 * typed extra {@link Section}s (the public-belief tree, a chain's echoed file and names), the iteration count, the last residual, the guaranteed sup-norm distance bound to the fixed point,
 * the converged flag and the parameters that produced it (numbers, strings and booleans, in insertion
 * order). Tables are immutable; the typed accessors ({@link #V()}, {@link #Q()}, {@link Table#matrix()},
 * ...) return copies. Every model kind (MDP, game, option model, declared chain, POMDP and Dec-POMDP through
 * the public belief) hands its result out as a {@code Solution}, and one writer ({@code io.ResultWriter}) writes it.
 */
public final class Solution {
    private final String algorithm;
    private final Parameters parameters;
    private final boolean converged;
    private final int iterations;
    private final double residual;
    private final double errorBound;
    private final Map<String, Table> values;
    private final Table policy;
    private final Map<String, Table> policies;
    private final Map<String, Map<String, Table>> policyGroups;
    private final List<Section> sections;

    private Solution(Builder b) {
        this.algorithm = b.algorithm;
        this.parameters = Parameters.of(b.parameters);
        this.converged = b.converged;
        this.iterations = b.iterations;
        this.residual = b.residual;
        this.errorBound = b.errorBound;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
        this.policy = b.policy;
        this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(b.policies));
        Map<String, Map<String, Table>> groups = new LinkedHashMap<>();
        b.policyGroups.forEach((g, m) -> groups.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.policyGroups = Collections.unmodifiableMap(groups);
        this.sections = List.copyOf(b.sections.values());
    }

    /** Starts a solution of the algorithm named {@code algorithm}. */
    public static Builder builder(String algorithm) {
        return new Builder(algorithm);
    }

    /**
     * Builder. Tables are converted to {@link Table}s (copied) as they are added: numbers that are NaN or
     * infinite, and ragged arrays, are refused with the table and index where they occur.
     */
    public static final class Builder {
        private final String algorithm;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private boolean converged = true;
        private int iterations;
        private double residual;
        private double errorBound;
        private final Map<String, Table> values = new LinkedHashMap<>();
        private Table policy;
        private final Map<String, Table> policies = new LinkedHashMap<>();
        private final Map<String, Map<String, Table>> policyGroups = new LinkedHashMap<>();
        private final Map<String, Section> sections = new LinkedHashMap<>();

        private Builder(String algorithm) {
            this.algorithm = algorithm;
        }

        /**
         * A parameter: a number ({@code Double}, {@code Integer}, {@code Long}; infinite betas allowed), a
         * string, a boolean or a group ({@link Parameters}, as {@link Parameters#group} returns).
         *
         * @throws InvalidModelException for another type or null
         */
        public Builder parameter(String key, Object value) {
            Parameters.check(key, value);
            parameters.put(key, value);
            return this;
        }

        /**
         * A group of parameters, written as a nested object (a chain's {@code betas} per level): the entries
         * in their iteration order, each a number, an integer, a string, a boolean or a group.
         *
         * @throws InvalidModelException naming the entry of another type or null
         */
        public Builder parameterGroup(String key, Map<String, ?> group) {
            return parameter(key, Parameters.group(key, group));
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

        /** A value table: a {@code Double}, a nested {@code double} array of any rank, or a {@link Table}. */
        public Builder value(String name, Object table) {
            values.put(name, Table.of(name, table));
            return this;
        }

        /** The executed policy {@code pi[s][a]} of an MDP. */
        public Builder policy(double[][] pi) {
            this.policy = Table.of("policy", pi);
            return this;
        }

        /** A named policy: a nested {@code double} array of any rank, or a {@link Table}. */
        public Builder policy(String name, Object table) {
            policies.put(name, Table.of("policies." + name, table));
            return this;
        }

        /**
         * A named policy in the group {@code group}, written under {@code policies.<group>.<name>} (a chain's
         * per-step policies {@code policies.byStep.<choice>}): a nested {@code double} array of any rank, or a
         * {@link Table}. A group may not share its name with a policy.
         */
        public Builder policy(String group, String name, Object table) {
            policyGroups.computeIfAbsent(group, g -> new LinkedHashMap<>())
                    .put(name, Table.of("policies." + group + "." + name, table));
            return this;
        }

        /** A typed extra section of the result document (replaces one of the same name). */
        public Builder section(Section section) {
            sections.put(section.name(), section);
            return this;
        }

        /**
         * The solution; refuses NaN or infinite numbers with the place they occur.
         *
         * @throws org.memarl.MemarlException naming the table and index of a non-finite value
         * @throws InvalidModelException if a policy group has the name of a policy
         */
        public Solution build() {
            for (String g : policyGroups.keySet()) {
                if (policies.containsKey(g)) {
                    throw new InvalidModelException("policies." + g + ": both a policy and a group of policies");
                }
            }
            return new Solution(this);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    /** The parameters in insertion order: numbers, integers, strings and booleans. */
    public Parameters parameters() {
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

    /** The value tables by name, in insertion order (unmodifiable; tables are immutable). */
    public Map<String, Table> values() {
        return values;
    }

    /** Names of the value tables, in insertion order. */
    public List<String> valueNames() {
        return List.copyOf(values.keySet());
    }

    /** Names of the named policies, in insertion order. */
    public List<String> policyNames() {
        return List.copyOf(policies.keySet());
    }

    /** Whether there is a value table {@code name}. */
    public boolean hasValue(String name) {
        return values.containsKey(name);
    }

    /** Whether there is a named policy {@code name}. */
    public boolean hasPolicy(String name) {
        return policies.containsKey(name);
    }

    /**
     * The named policy {@code name}.
     *
     * @throws MemarlException naming the policy and those there are, if there is none of that name
     */
    public Table policy(String name) {
        Table t = policies.get(name);
        if (t == null) {
            throw new MemarlException(algorithm + ": no policy \"" + name + "\" (policies: " + String.join(", ", policies.keySet()) + ")");
        }
        return t;
    }

    /**
     * The value table {@code name}.
     *
     * @throws MemarlException naming the table and those there are, if there is none of that name
     */
    public Table value(String name) {
        Table t = values.get(name);
        if (t == null) {
            throw new MemarlException(algorithm + ": no value table \"" + name + "\" (values: " + String.join(", ", values.keySet()) + ")");
        }
        return t;
    }

    /** {@code V}, one number per state (a copy). */
    public double[] V() {
        return value("V").vector();
    }

    /** An MDP's {@code Q[s][a]} (a copy), or null; for a game use {@link #gameQ()}. */
    public double[][] Q() {
        Table q = values.get("Q");
        if (q != null && q.rank() == 3) {
            throw new MemarlException(algorithm + ": Q is a game's Q[s][a][b]; use gameQ()");
        }
        return q == null ? null : q.matrix();
    }

    /** A game's agent {@code Q[s][a][b]} (a copy), or null; for an MDP use {@link #Q()}. */
    public double[][][] gameQ() {
        Table q = values.get("Q");
        if (q != null && q.rank() != 3) {
            throw new MemarlException(algorithm + ": Q is an MDP's Q[s][a]; use Q()");
        }
        return q == null ? null : q.cube();
    }

    /** The executed policy {@code pi[s][a]} (MDPs; a copy), or null. */
    public double[][] policy() {
        return policy == null ? null : policy.matrix();
    }

    /** The executed policy as a table, or null. */
    public Table policyTable() {
        return policy;
    }

    /** The named policies, in insertion order (unmodifiable; tables are immutable). */
    public Map<String, Table> policies() {
        return policies;
    }

    /**
     * The groups of named policies ({@code policies.<group>.<name>}, e.g. a chain's {@code byStep}), in
     * insertion order (unmodifiable; tables are immutable).
     */
    public Map<String, Map<String, Table>> policyGroups() {
        return policyGroups;
    }

    /**
     * The policy {@code name} of the group {@code group}.
     *
     * @throws MemarlException naming the group and the policies there are, if there is none of that name
     */
    public Table policy(String group, String name) {
        Map<String, Table> g = policyGroups.getOrDefault(group, Map.of());
        Table t = g.get(name);
        if (t == null) {
            throw new MemarlException(algorithm + ": no policy \"" + group + "." + name + "\" (groups: "
                    + String.join(", ", policyGroups.keySet()) + (g.isEmpty() ? "" : "; in " + group + ": "
                    + String.join(", ", g.keySet())) + ")");
        }
        return t;
    }

    /** The typed extra sections, in insertion order. */
    public List<Section> sections() {
        return sections;
    }

    /**
     * A copy of this solution with {@code section} added after the existing sections (replacing one of the same
     * name), e.g. the model's {@code names}; this one when {@code section} is null.
     */
    public Solution withSection(Section section) {
        if (section == null) {
            return this;
        }
        Builder b = new Builder(algorithm);
        parameters.forEach(b.parameters::put);
        b.converged = converged;
        b.iterations = iterations;
        b.residual = residual;
        b.errorBound = errorBound;
        b.values.putAll(values);
        b.policy = policy;
        b.policies.putAll(policies);
        policyGroups.forEach((g, m) -> b.policyGroups.put(g, new LinkedHashMap<>(m)));
        for (Section s : sections) {
            b.sections.put(s.name(), s);
        }
        b.sections.put(section.name(), section);
        return new Solution(b);
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
