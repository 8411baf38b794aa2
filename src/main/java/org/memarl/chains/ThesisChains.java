package org.memarl.chains;

/**
 * Every soft recursion of the thesis as a {@link ChainDeclaration} (levels outermost first; in reward units,
 * {@code M_x^beta[f | P] = (1/beta) log sum_x P(x) exp(beta f(x))}; the leaf is always
 * {@code Q = r + gamma E V(next context)}):
 *
 * <table>
 *   <caption>declarations</caption>
 *   <tr><th>recursion</th><th>thesis</th><th>levels</th></tr>
 *   <tr><td>soft value iteration</td><td>(2.43)-(2.49)</td><td>action(beta)</td></tr>
 *   <tr><td>ROMMEO</td><td>(3.14)-(3.15)</td><td>opponent(beta), agent(beta) given opponent</td></tr>
 *   <tr><td>PR2</td><td>section 3.2</td><td>agent(beta), opponent(beta) given agent</td></tr>
 *   <tr><td>Balancing Q, agent's perspective</td><td>(3.28), (3.32)</td><td>agent(beta_i), opponent(beta_-i) given agent</td></tr>
 *   <tr><td>Balancing Q, opponent's perspective</td><td>(3.29)-(3.30)</td><td>opponent(beta_-i), agent(beta_i) given opponent</td></tr>
 *   <tr><td>soft options</td><td>(4.5)-(4.8), C.1</td><td>termination(beta), option(beta) given termination, action(beta) given option</td></tr>
 *   <tr><td>soft-options critic</td><td>(4.9)-(4.10)</td><td>termination(0), option(0), action(beta)</td></tr>
 *   <tr><td>ma-soft-options</td><td>(4.16)-(4.21), C.2</td><td>agent.termination, agent.option, agent, opponent.termination, opponent.option, opponent (one beta)</td></tr>
 * </table>
 *
 * Probabilistic Balancing Q (3.49)-(3.54) is Balancing Q's agent-perspective chain written with
 * {@code Q^{-i} = beta_-i Q} (see {@code ProbabilisticBalancingQ}).
 */
public final class ThesisChains {
    private ThesisChains() {
    }

    /** Soft value iteration (2.48)-(2.49): {@code V(s) = M_a^beta[Q(s, .) | P(. | s)]}. */
    public static ChainDeclaration softValueIteration(double beta) {
        return ChainDeclaration.builder().name("soft-value-iteration").level("action", beta).build();
    }

    /** ROMMEO (3.14)-(3.15): {@code V(s) = M_b^beta[ M_a^beta[Q(s, ., b) | P(a | s, b)] | P(b | s) ]}. */
    public static ChainDeclaration rommeo(double beta) {
        return ChainDeclaration.builder().name("rommeo").level("opponent", beta).level("agent", beta).build();
    }

    /** PR2: {@code V(s) = M_a^beta[ M_b^beta[Q(s, a, .) | P(b | s, a)] | P(a | s) ]}. */
    public static ChainDeclaration pr2(double beta) {
        return ChainDeclaration.builder().name("pr2").level("agent", beta).level("opponent", beta).build();
    }

    /**
     * Balancing Q with the agent's beta_i and the opponent model's beta_-i: agent's perspective (3.28), (3.32)
     * with the agent outermost, or the opponent's (3.30) with the opponent outermost.
     */
    public static ChainDeclaration balancingQ(boolean agentPerspective, double betaAgent, double betaOpponent) {
        ChainDeclaration.Builder b = ChainDeclaration.builder().name("balancing-q");
        return agentPerspective ? b.level("agent", betaAgent).level("opponent", betaOpponent).build()
                : b.level("opponent", betaOpponent).level("agent", betaAgent).build();
    }

    /**
     * Soft options (appendix C.1): over contexts {@code (s, z_prev)},
     * {@code U = M_b^beta[ M_z^beta[ M_a^beta[Q(s, ., z) | P(a|s,z)] | b ? P^H(.|s) : delta_{z_prev} ] | P^T(b|s,z_prev) ]}.
     */
    public static ChainDeclaration softOptions(double beta) {
        return ChainDeclaration.builder().name("soft-options")
                .level("termination", beta).level("option", beta).level("action", beta).build();
    }

    /** The soft-options critic (4.9)-(4.10): soft options with beta = 0 at the termination and master levels. */
    public static ChainDeclaration softOptionsCritic(double beta) {
        return ChainDeclaration.builder().name("soft-options-critic")
                .level("termination", 0.0).level("option", 0.0).level("action", beta).build();
    }

    /** Multi-agent delayed soft-option communication (appendix C.2), one beta, the order of (4.11). */
    public static ChainDeclaration maSoftOptions(double beta) {
        return ChainDeclaration.builder().name("ma-soft-options")
                .level("agent.termination", beta).level("agent.option", beta).level("agent", beta)
                .level("opponent.termination", beta).level("opponent.option", beta).level("opponent", beta).build();
    }
}
