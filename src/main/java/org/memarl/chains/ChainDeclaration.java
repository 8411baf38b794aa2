package org.memarl.chains;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.Fmt;
import org.memarl.model.Probabilities;
import org.memarl.solve.ChainProblem;

/**
 * A declared recursion (the Java form of a {@code memarl-chain/1} file): which of a model's choice
 * variables are reduced, outermost first, each with its own inverse temperature (a number, +-inf, 0, or a
 * {@code $name} parameter) and its prior (the model's default for that position, a named prior of the
 * model, {@code "uniform"}, or an inline table {@code P[s][given...][x]} conditioned on listed outer levels),
 * and whose reward the leaf Q is. {@link #problem} binds it to a {@link ChoiceModel}: the result is the
 * {@link ChainProblem} that {@link org.memarl.solve.ChainSolver} solves. A declared chain and a hand-built
 * one are the same object: every thesis recursion is such a declaration ({@link ThesisChains}).
 * Immutable; the messages of every check name the key ({@code levels[1].prior.given[0]}) as the chain file
 * writes it.
 */
public final class ChainDeclaration {
    /** How a level's prior is given. */
    public static final class Prior {
        final String named;
        final List<String> given;
        final double[] table;
        final int[] dims;

        private Prior(String named, List<String> given, double[] table, int[] dims) {
            this.named = named;
            this.given = given;
            this.table = table;
            this.dims = dims;
        }

        /** The model's prior named {@code name} (or {@code "uniform"}). */
        public static Prior named(String name) {
            return new Prior(name, null, null, null);
        }

        /**
         * An inline table {@code P[s][given_1]..[given_n][x]}, flat row-major, with its dimensions
         * ({@code dims.length = given.size() + 2}), checked against the model when bound.
         */
        public static Prior table(List<String> given, double[] flat, int[] dims) {
            if (dims.length != given.size() + 2) {
                throw new InvalidModelException("prior.table: " + dims.length + " dimensions, expected "
                        + (given.size() + 2) + " (state, each given choice, this choice)");
            }
            return new Prior(null, List.copyOf(given), flat.clone(), dims.clone());
        }

        /** The name of a named prior, or null. */
        public String name() {
            return named;
        }

        /** The given choices of an inline table, or null. */
        public List<String> given() {
            return given;
        }

        /** An inline table's weights, flat row-major (a copy), or null. */
        public double[] tableValues() {
            return table == null ? null : table.clone();
        }

        /** An inline table's dimensions (state, each given choice, this choice), or null. */
        public int[] dims() {
            return dims == null ? null : dims.clone();
        }
    }

    /** One level: the choice it reduces, its beta (or parameter name) and its prior (null: the model's default). */
    public static final class Level {
        final String choice;
        final double beta;
        final String param;
        final Prior prior;

        private Level(String choice, double beta, String param, Prior prior) {
            this.choice = choice;
            this.beta = beta;
            this.param = param;
            this.prior = prior;
        }

        /** The name of the model's choice variable this level reduces. */
        public String choice() {
            return choice;
        }

        /** The beta, NaN when given as a parameter. */
        public double beta() {
            return beta;
        }

        /** The parameter name of a {@code "$name"} beta, or null. */
        public String param() {
            return param;
        }

        /** This level's prior, or null for the model's default. */
        public Prior prior() {
            return prior;
        }
    }

    private final String name;
    private final String reward;
    private final List<Level> levels;

    private ChainDeclaration(String name, String reward, List<Level> levels) {
        this.name = name;
        this.reward = reward;
        this.levels = List.copyOf(levels);
    }

    /** Starts a declaration (name {@code "chain"}, the agent's reward, no levels). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder: levels outermost first. */
    public static final class Builder {
        private String name = "chain";
        private String reward = "agent";
        private final List<Level> levels = new ArrayList<>();

        /** The declaration's name (labels results; a chain file's {@code name}). */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** Whose reward the leaf Q is: {@code "agent"} (default; the only one of an MDP) or {@code "opponent"}. */
        public Builder reward(String whose) {
            if (!"agent".equals(whose) && !"opponent".equals(whose)) {
                throw new InvalidModelException("reward: \"" + whose + "\" is not \"agent\" or \"opponent\"");
            }
            this.reward = whose;
            return this;
        }

        /** A level with the model's default prior. */
        public Builder level(String choice, double beta) {
            return level(choice, beta, null);
        }

        /** A level with a given prior (null: the model's default). */
        public Builder level(String choice, double beta, Prior prior) {
            if (Double.isNaN(beta)) {
                throw new InvalidModelException("levels[" + levels.size() + "].beta: NaN is not an inverse temperature");
            }
            levels.add(new Level(choice, beta, null, prior));
            return this;
        }

        /** A level whose beta is the parameter {@code param} (a chain file's {@code "$param"}). */
        public Builder level(String choice, String param, Prior prior) {
            levels.add(new Level(choice, Double.NaN, param, prior));
            return this;
        }

        /**
         * The declaration; what depends on the model is checked by {@link ChainDeclaration#problem}.
         *
         * @throws InvalidModelException if no level was added
         */
        public ChainDeclaration build() {
            if (levels.isEmpty()) {
                throw new InvalidModelException("levels: empty; a chain needs at least one level");
            }
            return new ChainDeclaration(name, reward, levels);
        }
    }

    /** The declaration's name. */
    public String name() {
        return name;
    }

    /** Whose reward the leaf Q is: {@code "agent"} or {@code "opponent"}. */
    public String reward() {
        return reward;
    }

    /** The levels, outermost first (unmodifiable). */
    public List<Level> levels() {
        return levels;
    }

    /** The parameter names the declaration uses, in order of first use. */
    public List<String> parameters() {
        List<String> out = new ArrayList<>();
        for (Level l : levels) {
            if (l.param != null && !out.contains(l.param)) {
                out.add(l.param);
            }
        }
        return out;
    }

    /** The betas of the levels with the parameters bound. */
    public double[] betas(Map<String, Double> params) {
        double[] out = new double[levels.size()];
        for (int k = 0; k < levels.size(); k++) {
            Level l = levels.get(k);
            if (l.param == null) {
                out[k] = l.beta;
            } else {
                Double v = params.get(l.param);
                if (v == null) {
                    throw new InvalidModelException("levels[" + k + "].beta: parameter \"$" + l.param
                            + "\" is not set (give --param " + l.param + "=X)");
                }
                if (v.isNaN()) {
                    throw new InvalidModelException("levels[" + k + "].beta: parameter \"$" + l.param + "\" is NaN");
                }
                out[k] = v;
            }
        }
        return out;
    }

    /** The same declaration with every level's beta replaced (parameters bound), e.g. for sweeps and claims. */
    public ChainDeclaration withBetas(double[] betas) {
        if (betas.length != levels.size()) {
            throw new InvalidModelException("betas: " + betas.length + " given, expected " + levels.size());
        }
        List<Level> ls = new ArrayList<>();
        for (int k = 0; k < betas.length; k++) {
            Level l = levels.get(k);
            ls.add(new Level(l.choice, betas[k], null, l.prior));
        }
        return new ChainDeclaration(name, reward, ls);
    }

    /** Binds the declaration to a model with no parameters. */
    public ChainProblem problem(ChoiceModel model) {
        return problem(model, Map.of());
    }

    /**
     * Binds the declaration to a model: checks the choices (each of the model's used exactly once), the
     * priors (a named prior's parents and an inline table's {@code given} must be outer levels; tables of
     * the right shape whose rows are distributions) and the parameters, and builds the problem with the
     * model's horizon and gamma.
     *
     * @throws InvalidModelException with one line naming the key
     */
    public ChainProblem problem(ChoiceModel model, Map<String, Double> params) {
        double[] betas = betas(params);
        int depth = levels.size();
        List<ChoiceModel.Choice> choices = model.choices();
        int[] choiceOf = new int[depth];
        Map<Integer, Integer> levelOf = new HashMap<>();
        for (int k = 0; k < depth; k++) {
            String c = levels.get(k).choice;
            int i = model.choiceIndex(c);
            if (i < 0) {
                throw new InvalidModelException("levels[" + k + "].choice: \"" + c + "\" is not a choice of this "
                        + model.kind() + "; expected one of " + choiceList(model));
            }
            if (levelOf.containsKey(i)) {
                throw new InvalidModelException("levels[" + k + "].choice: \"" + c + "\" is already levels["
                        + levelOf.get(i) + "]; each choice is reduced once");
            }
            levelOf.put(i, k);
            choiceOf[k] = i;
        }
        for (int i = 0; i < choices.size(); i++) {
            if (!levelOf.containsKey(i)) {
                throw new InvalidModelException("levels: choice \"" + choices.get(i).name() + "\" of the " + model.kind()
                        + " is not reduced by any level; expected each of " + choiceList(model));
            }
        }
        if ("opponent".equals(reward) && model.kind().equals("mdp")) {
            throw new InvalidModelException("reward: \"opponent\" needs a game; an mdp has one reward");
        }
        Chain.Builder cb = Chain.builder(model.contexts());
        List<List<String>> names = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            ChoiceModel.Choice ch = choices.get(choiceOf[k]);
            cb.level(ch.name(), ch.size(), betas[k], prior(model, k, choiceOf));
            names.add(ch.names());
        }
        Chain chain = cb.build();
        int leaf = chain.leafSize();
        int[] leafToRow = new int[leaf];
        int[] assign = new int[choices.size()];
        for (int j = 0; j < leaf; j++) {
            int rest = j;
            for (int k = depth - 1; k >= 0; k--) {
                int n = choices.get(choiceOf[k]).size();
                assign[choiceOf[k]] = rest % n;
                rest /= n;
            }
            leafToRow[j] = model.rowOffset(assign);
        }
        return ChainProblem.builder(chain, model.transitions(), model.rewards(reward), model.gamma())
                .horizon(model.horizon())
                .blocks(model.contextsPerBlock(), model.rowsPerBlock(), leafToRow)
                .contextNames(model.contextNames())
                .choiceNames(names)
                .build();
    }

    private static String choiceList(ChoiceModel model) {
        List<String> out = new ArrayList<>();
        for (ChoiceModel.Choice c : model.choices()) {
            out.add(c.name());
        }
        return out.toString();
    }

    /** Level k's prior over contexts, conditioned on its outer levels {@code choiceOf[0..k-1]}. */
    private LevelPrior prior(ChoiceModel model, int k, int[] choiceOf) {
        Level l = levels.get(k);
        String key = "levels[" + k + "].prior";
        int choice = choiceOf[k];
        if (l.prior == null) {
            ChoiceModel.Factor best = null;
            for (ChoiceModel.Factor f : model.factors()) {
                if (f.choice == choice && outer(f.parents, choiceOf, k) && (best == null || f.parents.length > best.parents.length)) {
                    best = f;
                }
            }
            if (best == null) {
                throw new InvalidModelException(key + ": the model has no prior for \"" + l.choice + "\"");
            }
            return expand(model, best.table, best.parents, false, choiceOf, k);
        }
        if (l.prior.named != null) {
            if ("uniform".equals(l.prior.named)) {
                return LevelPrior.uniform();
            }
            ChoiceModel.Factor f = model.factor(l.prior.named);
            if (f == null) {
                throw new InvalidModelException(key + ": \"" + l.prior.named + "\" is not a prior of this " + model.kind()
                        + "; expected \"uniform\" or one of " + model.priorNames());
            }
            if (f.choice != choice) {
                throw new InvalidModelException(key + ": \"" + l.prior.named + "\" is a prior of \""
                        + model.choices().get(f.choice).name() + "\", not of \"" + l.choice + "\"");
            }
            for (int p : f.parents) {
                if (!outer(new int[] {p}, choiceOf, k)) {
                    throw new InvalidModelException(key + ": \"" + l.prior.named + "\" conditions on \""
                            + model.choices().get(p).name() + "\", which is not an outer level");
                }
            }
            return expand(model, f.table, f.parents, false, choiceOf, k);
        }
        List<String> given = l.prior.given;
        int[] parents = new int[given.size()];
        for (int i = 0; i < given.size(); i++) {
            int p = model.choiceIndex(given.get(i));
            int at = -1;
            for (int j = 0; j < k; j++) {
                if (choiceOf[j] == p) {
                    at = j;
                }
            }
            if (p < 0 || at < 0) {
                throw new InvalidModelException(key + ".given[" + i + "]: \"" + given.get(i) + "\" is not an outer level");
            }
            for (int j = 0; j < i; j++) {
                if (parents[j] == p) {
                    throw new InvalidModelException(key + ".given[" + i + "]: \"" + given.get(i) + "\" is listed twice");
                }
            }
            parents[i] = p;
        }
        int[] expect = new int[given.size() + 2];
        expect[0] = model.states();
        for (int i = 0; i < parents.length; i++) {
            expect[i + 1] = model.choices().get(parents[i]).size();
        }
        expect[expect.length - 1] = model.choices().get(choice).size();
        if (!Arrays.equals(expect, l.prior.dims)) {
            throw new InvalidModelException(key + ".table: shape " + Arrays.toString(l.prior.dims) + ", expected "
                    + Arrays.toString(expect) + " (state" + (given.isEmpty() ? "" : ", " + String.join(", ", given))
                    + ", " + l.choice + ")");
        }
        int n = expect[expect.length - 1];
        double[] t = l.prior.table;
        for (int row = 0; row * n < t.length; row++) {
            Probabilities.check(key + ".table" + index(row, expect), t, row * n, n);
        }
        return expand(model, t, parents, true, choiceOf, k);
    }

    private static String index(int row, int[] dims) {
        StringBuilder sb = new StringBuilder();
        int[] idx = new int[dims.length - 1];
        int r = row;
        for (int i = dims.length - 2; i >= 0; i--) {
            idx[i] = r % dims[i];
            r /= dims[i];
        }
        for (int x : idx) {
            sb.append('[').append(x).append(']');
        }
        return sb.toString();
    }

    private static boolean outer(int[] parents, int[] choiceOf, int k) {
        for (int p : parents) {
            boolean found = false;
            for (int j = 0; j < k; j++) {
                found |= choiceOf[j] == p;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * A factor's table {@code [c or s][parents][x]} as the level's prior over contexts and the full prefix of
     * outer levels: marginal when it has no parents, else conditional (each prefix reads its parents' values).
     */
    private LevelPrior expand(ChoiceModel model, double[] table, int[] parents, boolean perState, int[] choiceOf, int k) {
        if (table == null) {
            return LevelPrior.uniform();
        }
        List<ChoiceModel.Choice> choices = model.choices();
        int n = choices.get(choiceOf[k]).size();
        int contexts = model.contexts();
        int perBlock = model.contextsPerBlock();
        int parentCount = 1;
        for (int p : parents) {
            parentCount *= choices.get(p).size();
        }
        if (parents.length == 0) {
            if (!perState) {
                return LevelPrior.marginal(table);
            }
            double[] out = new double[contexts * n];
            for (int c = 0; c < contexts; c++) {
                System.arraycopy(table, (c / perBlock) * n, out, c * n, n);
            }
            return LevelPrior.marginal(out);
        }
        int prefixes = 1;
        for (int j = 0; j < k; j++) {
            prefixes *= choices.get(choiceOf[j]).size();
        }
        double[] out = new double[contexts * prefixes * n];
        int[] values = new int[k];
        for (int pre = 0; pre < prefixes; pre++) {
            int rest = pre;
            for (int j = k - 1; j >= 0; j--) {
                int size = choices.get(choiceOf[j]).size();
                values[j] = rest % size;
                rest /= size;
            }
            int pIndex = 0;
            for (int p : parents) {
                int v = 0;
                for (int j = 0; j < k; j++) {
                    if (choiceOf[j] == p) {
                        v = values[j];
                    }
                }
                pIndex = pIndex * choices.get(p).size() + v;
            }
            for (int c = 0; c < contexts; c++) {
                int row = perState ? c / perBlock : c;
                System.arraycopy(table, (row * parentCount + pIndex) * n, out, (c * prefixes + pre) * n, n);
            }
        }
        return LevelPrior.conditional(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(": ");
        for (int k = 0; k < levels.size(); k++) {
            Level l = levels.get(k);
            sb.append(k == 0 ? "" : ", ").append(l.choice).append(" beta=")
                    .append(l.param != null ? "$" + l.param : Fmt.num(l.beta));
        }
        return sb.toString();
    }
}
