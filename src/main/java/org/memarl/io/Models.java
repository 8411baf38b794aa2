package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.memarl.InvalidModelException;
import org.memarl.model.Game;
import org.memarl.model.Mdp;

/**
 * Reads a model of any kind of {@code model-format.md} and says which it is: the dispatcher over
 * {@link ModelReader} ({@code "mdp"}) and {@link GameReader} ({@code "game"}, {@code "matrix-game"}).
 *
 * <pre>{@code
 * Models.Model m = Models.read(bytes, "model.json");
 * if (m instanceof Models.GameModel gm) { Game g = gm.game(); ... } else { Mdp mdp = m.asMdp(); ... }
 * }</pre>
 */
public final class Models {
    private Models() {
    }

    /** The {@code kind} of a model file. */
    public enum Kind {
        MDP("mdp"),
        GAME("game"),
        MATRIX_GAME("matrix-game");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The value of the {@code kind} key. */
        public String label() {
            return label;
        }

        static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new InvalidModelException("kind: \"" + label + "\" is not one of \"mdp\", \"game\", \"matrix-game\"");
        }
    }

    /** A model that was read: an {@link MdpModel} or a {@link GameModel}. */
    public sealed interface Model permits MdpModel, GameModel {
        Kind kind();

        String name();

        int numStates();

        /** Action counts for listings: {@code "m"} for an MDP, {@code "m x k"} written {@code "mxk"} for a game. */
        String actionsLabel();

        /** The MDP, or a one-line error naming the kind when this is a game. */
        default Mdp asMdp() {
            if (this instanceof MdpModel m) {
                return m.mdp();
            }
            throw new InvalidModelException("kind: \"" + kind().label() + "\" where an \"mdp\" is expected");
        }

        /** The game, or a one-line error naming the kind when this is an MDP. */
        default Game asGame() {
            if (this instanceof GameModel g) {
                return g.game();
            }
            throw new InvalidModelException("kind: \"" + kind().label() + "\" where a \"game\" or \"matrix-game\" is expected");
        }
    }

    /** A model of kind {@code "mdp"}. */
    public record MdpModel(Mdp mdp) implements Model {
        @Override
        public Kind kind() {
            return Kind.MDP;
        }

        @Override
        public String name() {
            return mdp.name();
        }

        @Override
        public int numStates() {
            return mdp.numStates();
        }

        @Override
        public String actionsLabel() {
            return Integer.toString(mdp.numActions());
        }
    }

    /** A model of kind {@code "game"} or {@code "matrix-game"} (as it was read: {@link Game#isMatrixGame()}). */
    public record GameModel(Game game) implements Model {
        @Override
        public Kind kind() {
            return game.isMatrixGame() ? Kind.MATRIX_GAME : Kind.GAME;
        }

        @Override
        public String name() {
            return game.name();
        }

        @Override
        public int numStates() {
            return game.numStates();
        }

        @Override
        public String actionsLabel() {
            return game.numAgentActions() + "x" + game.numOpponentActions();
        }
    }

    /** Reads a model file of any kind. */
    public static Model read(Path file) {
        return read(ModelReader.readBytes(file), file.getFileName().toString());
    }

    /** Parses a model of any kind from JSON bytes; {@code what} names the input in messages about malformed JSON. */
    public static Model read(byte[] bytes, String what) {
        return read(Json.parse(bytes, what));
    }

    /** Builds a model of any kind from a parsed JSON tree. */
    public static Model read(JsonNode root) {
        Kind kind = Kind.of(ModelReader.kind(root));
        return kind == Kind.MDP ? new MdpModel(ModelReader.readMdp(root)) : new GameModel(GameReader.readGame(root));
    }

    /** Writes a model of any kind ({@link ModelWriter} or {@link GameWriter}). */
    public static JsonNode toJson(Model m) {
        return m instanceof MdpModel mm ? ModelWriter.toJson(mm.mdp()) : GameWriter.toJson(((GameModel) m).game());
    }
}
