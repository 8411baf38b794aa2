package org.memarl.algorithms.registry;

import java.util.Set;

import org.memarl.algorithms.RunConfig;

import java.util.function.BiFunction;
import org.memarl.algorithms.classical.PolicyEvaluationRun;
import org.memarl.algorithms.classical.PolicyIteration;
import org.memarl.algorithms.classical.QIteration;
import org.memarl.algorithms.classical.TabularQLearning;
import org.memarl.algorithms.classical.ValueIteration;
import org.memarl.algorithms.options.SoftOptions;
import org.memarl.algorithms.soft.SoftPolicyIteration;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.model.Mdp;
import org.memarl.solve.Solution;

/** The MDP algorithms by their stable command-line names ({@code cli.md}). */
public enum MdpAlgorithm implements Registered<Mdp> {
    POLICY_EVALUATION("policy-evaluation", "(2.17)-(2.18); soft (2.50)-(2.51)", Set.of(Option.BETA, Option.POLICY), PolicyEvaluationRun::solve),
    VALUE_ITERATION("value-iteration", "(2.19)", Set.of(), ValueIteration::solve),
    POLICY_ITERATION("policy-iteration", "(2.16)-(2.17), appendix A.2.1", Set.of(Option.EVALUATION), PolicyIteration::solve),
    Q_ITERATION("q-iteration", "(2.20)", Set.of(), QIteration::solve),
    Q_LEARNING("q-learning", "(2.21), Theorem 3", Set.of(Option.LEARNING), TabularQLearning::qLearning),
    SOFT_VALUE_ITERATION("soft-value-iteration", "(2.43)-(2.49)", Set.of(Option.BETA), SoftValueIteration::solve),
    SOFT_POLICY_ITERATION("soft-policy-iteration", "(2.50)-(2.53), Theorem 6", Set.of(Option.BETA, Option.EVALUATION),
            SoftPolicyIteration::solve),
    SOFT_Q_LEARNING("soft-q-learning", "(2.49), (2.52), section 2.4.2", Set.of(Option.BETA, Option.LEARNING), TabularQLearning::softQLearning),
    SOFT_OPTIONS("soft-options", "(4.4)-(4.8), appendix C.1", Set.of(Option.BETA, Option.PLOT),
            (m, c) -> SoftOptions.solve(m, c, SoftOptions.Variant.SOFT_OPTIONS)),
    SOFT_OPTIONS_CRITIC("soft-options-critic", "(4.9)-(4.10)", Set.of(Option.BETA, Option.PLOT),
            (m, c) -> SoftOptions.solve(m, c, SoftOptions.Variant.CRITIC));

    private final Entry<Mdp> entry;

    MdpAlgorithm(String id, String equations, Set<Option> options, BiFunction<Mdp, RunConfig, Solution> run) {
        this.entry = new Entry<>(id, equations, options, run);
    }

    @Override
    public Entry<Mdp> entry() {
        return entry;
    }

    /** The algorithm with this command-line name, or an error listing the names. */
    public static MdpAlgorithm byId(String id) {
        return Registry.byId(values(), MdpAlgorithm::id, id, "an mdp");
    }

    /**
     * Refuses the options this algorithm does not take.
     *
     * @throws org.memarl.UsageException naming the option and the algorithms that take it
     */
    public void checkOptions(java.util.Collection<String> given) {
        checkOptions(given, values());
    }
}
