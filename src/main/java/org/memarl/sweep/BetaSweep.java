package org.memarl.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.algorithms.RunConfig;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.io.ChainResults;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import org.memarl.algorithms.registry.GameAlgorithm;
import org.memarl.algorithms.registry.MdpAlgorithm;
import org.memarl.algorithms.registry.Registered;
import org.memarl.io.ResultNames;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.Section;
import org.memarl.solve.Solution;
import org.memarl.solve.Table;

/**
 * A sweep over an inverse temperature: the same algorithm (through its registry, {@link MdpAlgorithm} or
 * {@link GameAlgorithm}) run once per value of a {@link BetaGrid}, everything else as configured, collecting
 * {@code V[i][s]} and the policies ({@code policy[s][a]} of an MDP or option model, the marginals {@code agent[s][a]}
 * and {@code opponent[s][b]} of a game). Every run is the algorithm's own, so each row equals {@code solve} at that
 * value; at {@code beta = +-inf} the soft extremum is the max / min over the prior's support and at {@code beta = 0}
 * the prior expectation (thesis (2.43)-(2.49) and its limits).
 */
public final class BetaSweep {
    private BetaSweep() {
    }

    /** Called after each run (for progress), with its index and the number of values. */
    @FunctionalInterface
    public interface Listener {
        void done(int index, int count);

        Listener NONE = (i, n) -> { };
    }

    /**
     * Sweeps an MDP (or option-model) algorithm.
     *
     * @param config the other settings; its beta is set per value (the builder is left at the last value)
     * @param modelSha256 the SHA-256 of the model's bytes, for the result's provenance (may be empty)
     * @throws org.memarl.UsageException when the algorithm has no inverse temperature, or {@code parameter} is not
     *         {@code beta}
     */
    public static SweepResult run(Mdp mdp, MdpAlgorithm alg, RunConfig.Builder config, SweepParameter parameter,
                                  double[] grid, String modelSha256, Listener listener) {
        parameter.check(alg);
        int nA = mdp.numActions();
        List<String> actions = ResultNames.labels(mdp.actionNames(), nA, "a");
        return sweep(mdp, alg, config, parameter, grid, mdp.name(), modelSha256,
                ResultNames.labels(mdp.stateNames(), mdp.numStates(), "s"), ResultNames.of(mdp),
                Map.of("policy", actions), listener);
    }

    /**
     * Sweeps a game algorithm ({@code --vary beta} sets both players' betas, as {@code solve --beta}).
     *
     * @throws org.memarl.UsageException when the algorithm has no inverse temperature, or one only and
     *         {@code parameter} is a player's
     */
    public static SweepResult run(Game game, GameAlgorithm alg, RunConfig.Builder config, SweepParameter parameter,
                                  double[] grid, String modelSha256, Listener listener) {
        parameter.check(alg);
        Map<String, List<String>> choices = new LinkedHashMap<>();
        choices.put("agent", ResultNames.labels(game.agentActionNames(), game.numAgentActions(), "a"));
        choices.put("opponent", ResultNames.labels(game.opponentActionNames(), game.numOpponentActions(), "b"));
        return sweep(game, alg, config, parameter, grid, game.name(), modelSha256,
                ResultNames.labels(game.stateNames(), game.numStates(), "s"), ResultNames.of(game), choices, listener);
    }

    private static <M> SweepResult sweep(M model, Registered<M> alg, RunConfig.Builder config, SweepParameter parameter,
                                         double[] grid, String name, String sha, List<String> states, Section names,
                                         Map<String, List<String>> choices, Listener listener) {
        double[] values = BetaGrid.of(grid);
        int n = values.length;
        double[][] v = new double[n][];
        Map<String, double[][][]> pols = new LinkedHashMap<>();
        boolean[] converged = new boolean[n];
        int[] iterations = new int[n];
        double[] bounds = new double[n];
        Map<String, Object> fixed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            parameter.apply(config, values[i]);
            Solution sol = alg.run(model, config.build());
            v[i] = sol.V();
            converged[i] = sol.converged();
            iterations[i] = sol.iterations();
            bounds[i] = sol.errorBound();
            for (String p : choices.keySet()) {
                Table t = "policy".equals(p) ? sol.policyTable() : sol.hasPolicy(p) ? sol.policy(p) : null;
                if (t != null && t.rank() == 2) {
                    pols.computeIfAbsent(p, k -> new double[n][][])[i] = t.matrix();
                }
            }
            if (i == 0) {
                sol.parameters().forEach((k, x) -> {
                    if (!swept(parameter, k) && (x instanceof Number || x instanceof String || x instanceof Boolean)) {
                        fixed.put(k, x);
                    }
                });
            }
            listener.done(i, n);
        }
        // a policy only some runs report (none do today) is dropped rather than written with holes
        pols.values().removeIf(p -> java.util.Arrays.stream(p).anyMatch(java.util.Objects::isNull));
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String p : pols.keySet()) {
            labels.put(p, choices.get(p));
        }
        return new SweepResult(alg.id(), name, sha == null ? "" : sha, parameter.label(), fixed, values, v, pols, states, labels,
                names, converged, iterations, bounds);
    }

    /**
     * Sweeps a declared chain's parameter: the chain file's levels with {@code "beta": "$vary"} take each value of the
     * grid, the other parameters their {@code params}; each run is {@code solve MODEL --chain FILE --param ...}
     * ({@link ChainSolver}, {@link ChainResults}). The policies collected are the levels' policies indexed by state
     * ({@code [s][choice]}), labelled with the choices' names.
     *
     * @param chainFile the chain file's JSON (echoed by each run's result; used for its names)
     * @throws org.memarl.UsageException when {@code vary} is not a parameter of the chain, or is also in {@code params}
     */
    public static SweepResult chain(ChainDeclaration decl, com.fasterxml.jackson.databind.JsonNode chainFile,
                                    ChoiceModel model, List<String> stateNames, String modelName, String sha, String vary,
                                    Map<String, Double> params, double[] grid, IterationOptions iteration,
                                    Listener listener) {
        String name = vary.startsWith("$") ? vary.substring(1) : vary;
        if (!decl.parameters().contains(name)) {
            throw new org.memarl.UsageException("vary: \"" + org.memarl.model.Fmt.safe(vary) + "\" is not a parameter of the"
                    + " chain " + (decl.parameters().isEmpty() ? "(it has none: write \"beta\": \"$name\" in a level)"
                    : "(it has " + String.join(", ", decl.parameters()) + ")"));
        }
        if (params.containsKey(name)) {
            throw new org.memarl.UsageException("param: " + name + " is the parameter swept (--vary " + name + "); do not"
                    + " also give it with --param");
        }
        double[] values = BetaGrid.of(grid);
        int n = values.length;
        int states = stateNames.size();
        double[][] v = new double[n][];
        Map<String, double[][][]> pols = new LinkedHashMap<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        boolean[] converged = new boolean[n];
        int[] iterations = new int[n];
        double[] bounds = new double[n];
        Section names = null;
        for (int i = 0; i < n; i++) {
            Map<String, Double> p = new LinkedHashMap<>(params);
            p.put(name, values[i]);
            ChainProblem problem = decl.problem(model, p);
            ChainSolution cs = ChainSolver.solve(problem, iteration);
            Solution sol = ChainResults.toSolution(cs, new ChainResults.Run(model, stateNames, chainFile, p, iteration));
            v[i] = sol.V();
            converged[i] = sol.converged();
            iterations[i] = sol.iterations();
            bounds[i] = sol.errorBound();
            for (int k = 0; k < problem.chain().depth(); k++) {
                String level = problem.chain().levels().get(k).name();
                Table t = sol.hasPolicy(level) ? sol.policy(level) : null;
                if (t != null && t.rank() == 2 && t.shape()[0] == states) {
                    pols.computeIfAbsent(level, x -> new double[n][][])[i] = t.matrix();
                    labels.putIfAbsent(level, ResultNames.labels(problem.choiceNames(k), t.shape()[1],
                            level.startsWith("opponent") ? "b" : "a"));
                }
            }
            for (Section sec : sol.sections()) {
                if (ResultNames.SECTION.equals(sec.name())) {
                    names = sec;
                }
            }
            listener.done(i, n);
        }
        pols.values().removeIf(x -> java.util.Arrays.stream(x).anyMatch(java.util.Objects::isNull));
        labels.keySet().retainAll(pols.keySet());
        Map<String, Object> fixed = new LinkedHashMap<>(params);
        fixed.put("gamma", model.gamma());
        fixed.put("tolerance", iteration.tolerance());
        return new SweepResult("chain", modelName, sha == null ? "" : sha, name, fixed, values, v, pols,
                ResultNames.labels(stateNames, states, "s"), labels, names, converged, iterations, bounds);
    }

    /** Whether the result parameter {@code key} is the one being varied (it differs per row). */
    private static boolean swept(SweepParameter p, String key) {
        return switch (p) {
            case BETA -> key.equals("beta") || key.equals("betaAgent") || key.equals("betaOpponent");
            case BETA_AGENT -> key.equals("betaAgent") || key.equals("beta");
            case BETA_OPPONENT -> key.equals("betaOpponent");
        };
    }
}
