package org.memarl.experiment;

import java.util.Locale;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;

/**
 * The MAPI agents of the matrix-game experiment (thesis section 3.1, appendix B.3.1), each a way of
 * turning the learned table {@code Q(own, other)} into a policy; see {@link MatrixGameLearner}.
 */
public enum AgentKind {
    /** Opponent first: the opponent model is the outer reduction, the agent responds to it (3.14)-(3.18). */
    ROMMEO("ROMMEO"),
    /** Agent first with a cooperative opponent model: Balancing Q with beta_opp = beta_agent. */
    PR2("PR2"),
    /** Agent first with its own opponent temperature beta_opp of either sign (3.28). */
    BALANCING_Q("Balancing Q");

    private final String label;

    AgentKind(String label) {
        this.label = label;
    }

    /** The stable identifier, as in {@code summary.json} and the solver names ({@code rommeo}, {@code pr2}, {@code balancing-q}). */
    public String id() {
        return Fmt.label(this);
    }

    /** The name as the thesis writes it. */
    public String label() {
        return label;
    }

    /** Whether the opponent model is the outer reduction ({@code rho(b) pi(a|b)}) rather than the inner one. */
    public boolean opponentFirst() {
        return this == ROMMEO;
    }

    /** The kind with this identifier. */
    public static AgentKind byId(String id) {
        AgentKind k = Fmt.byLabel(AgentKind.class, id.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new InvalidModelException("agent: \"" + id + "\" is not rommeo, pr2 or balancing-q");
        }
        return k;
    }
}
