package org.memarl.chains;

import org.memarl.model.Game;
import org.memarl.model.Mdp;

/**
 * A model on which two declared chains are compared ({@link ChainEquivalence}): an MDP or a game (matrix
 * games included), with or without options, together with its {@link ChoiceModel}. It is what a
 * counterexample carries, so that the command line can write it as a model file that
 * {@code solve MODEL --chain FILE} re-runs. Immutable.
 */
public final class EquivalenceModel {
    private final Mdp mdp;
    private final Game game;
    private final ChoiceModel choices;

    private EquivalenceModel(Mdp mdp, Game game) {
        this.mdp = mdp;
        this.game = game;
        this.choices = mdp != null ? ChoiceModel.of(mdp) : ChoiceModel.of(game);
    }

    /** An MDP (with or without options). */
    public static EquivalenceModel of(Mdp mdp) {
        return new EquivalenceModel(java.util.Objects.requireNonNull(mdp, "mdp"), null);
    }

    /** A game or matrix game (with or without options). */
    public static EquivalenceModel of(Game game) {
        return new EquivalenceModel(null, java.util.Objects.requireNonNull(game, "game"));
    }

    /** The MDP, or null for a game. */
    public Mdp mdp() {
        return mdp;
    }

    /** The game, or null for an MDP. */
    public Game game() {
        return game;
    }

    /** The model as contexts, choice variables and prior factors. */
    public ChoiceModel choiceModel() {
        return choices;
    }

    /** Whether the model carries options (chapter 4). */
    public boolean hasOptions() {
        return mdp != null ? mdp.hasOptions() : game.hasOptions();
    }

    /**
     * The size that orders counterexamples: the number of (context, joint choice) pairs, i.e. the contexts
     * times the product of every choice variable's size.
     */
    public int size() {
        long n = choices.contexts();
        for (ChoiceModel.Choice c : choices.choices()) {
            n *= c.size();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** The model's name. */
    public String name() {
        return mdp != null ? mdp.name() : game.name();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(choices.kind()).append(" with ").append(choices.states())
                .append(choices.states() == 1 ? " state" : " states");
        for (ChoiceModel.Choice c : choices.choices()) {
            sb.append(", ").append(c.size()).append(' ').append(c.name());
        }
        return sb.append(", gamma ").append(choices.gamma())
                .append(choices.horizon() > 0 ? ", horizon " + choices.horizon() : "").toString();
    }
}
