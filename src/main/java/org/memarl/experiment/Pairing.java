package org.memarl.experiment;

/**
 * One pairing of the matrix-game experiment: the setting, the row player ("agent", player i) and the
 * column player ("opponent", player j), each an independent learner of its own reward.
 *
 * @param setting cooperative (both get R) or competitive (the column player gets -R)
 * @param agent the row player i
 * @param opponent the column player j
 */
public record Pairing(Setting setting, PlayerSpec agent, PlayerSpec opponent) {
    /** A file-name-safe identifier such as {@code cooperative-rommeo-vs-rommeo}. */
    public String id() {
        return setting.id() + "-" + agent.kind().id() + "-vs-" + opponent.kind().id();
    }

    /** A human-readable label such as {@code ROMMEO vs ROMMEO}. */
    public String label() {
        return agent.kind().label() + " vs " + opponent.kind().label();
    }
}
