package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;
import org.memarl.model.Fmt;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.Pomdp;

/**
 * Reads a model of any kind of {@code model-format.md} and says which it is: the dispatcher over
 * {@link ModelReader} ({@code "mdp"}), {@link GameReader} ({@code "game"}, {@code "matrix-game"}),
 * {@link PomdpReader} ({@code "pomdp"}) and {@link DecPomdpReader} ({@code "dec-pomdp"}).
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
        MDP,
        GAME,
        MATRIX_GAME,
        POMDP,
        DEC_POMDP;

        /** The value of the {@code kind} key. */
        public String label() {
            return Fmt.label(this);
        }

        static Kind of(String label) {
            Kind k = Fmt.byLabel(Kind.class, label);
            if (k == null) {
                throw new InvalidModelException("kind: \"" + label + "\" is not one of " + ModelReader.KIND_LIST);
            }
            return k;
        }
    }

    /** What a listing shows of a model: its kind, name, number of states and action counts. */
    public record Summary(Kind kind, String name, int numStates, String actionsLabel) {
    }

    /** A model that was read: an {@link MdpModel}, a {@link GameModel}, a {@link PomdpModel} or a {@link DecPomdpModel}. */
    public sealed interface Model permits MdpModel, GameModel, PomdpModel, DecPomdpModel {
        /** The kind, name, state count and action counts of the model. */
        default Summary summary() {
            if (this instanceof MdpModel m) {
                Mdp x = m.mdp();
                return new Summary(Kind.MDP, x.name(), x.numStates(), Integer.toString(x.numActions()));
            }
            if (this instanceof GameModel g) {
                Game x = g.game();
                return new Summary(x.isMatrixGame() ? Kind.MATRIX_GAME : Kind.GAME, x.name(), x.numStates(),
                        x.numAgentActions() + "x" + x.numOpponentActions());
            }
            if (this instanceof PomdpModel p) {
                Pomdp x = p.pomdp();
                return new Summary(Kind.POMDP, x.name(), x.numStates(), Integer.toString(x.numActions()));
            }
            DecPomdp x = ((DecPomdpModel) this).decPomdp();
            return new Summary(Kind.DEC_POMDP, x.name(), x.numStates(),
                    x.agent(0).numActions() + "x" + x.agent(1).numActions());
        }

        default Kind kind() {
            return summary().kind();
        }

        default String name() {
            return summary().name();
        }

        default int numStates() {
            return summary().numStates();
        }

        /** Action counts for listings: {@code "m"} for an MDP, {@code "m x k"} written {@code "mxk"} for a game. */
        default String actionsLabel() {
            return summary().actionsLabel();
        }

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
    }

    /** A model of kind {@code "game"} or {@code "matrix-game"} (as it was read: {@link Game#isMatrixGame()}). */
    public record GameModel(Game game) implements Model {
    }

    /** A model of kind {@code "pomdp"} (thesis section 2.2.5). */
    public record PomdpModel(Pomdp pomdp) implements Model {
    }

    /** A model of kind {@code "dec-pomdp"} (thesis section 5.1); actions listed as {@code "m0xm1"}. */
    public record DecPomdpModel(DecPomdp decPomdp) implements Model {
    }

    /** The default largest model file read, in bytes ({@code solve --max-model-bytes} raises it). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    /** Every top-level key of some kind of model; any other key is refused before its value is read. */
    static final Set<String> ALL_KEYS;

    static {
        Set<String> all = new TreeSet<>();
        all.addAll(ModelReader.MDP_KEYS);
        all.addAll(GameReader.GAME_KEYS);
        all.addAll(GameReader.MATRIX_KEYS);
        all.addAll(PomdpReader.KEYS);
        all.addAll(DecPomdpReader.KEYS);
        ALL_KEYS = Collections.unmodifiableSet(all);
    }

    /**
     * Reads a model file of any kind (at most {@link #DEFAULT_MAX_BYTES}): by its extension Cassandra's
     * {@code .pomdp} ({@link CassandraPomdp}) or MADP's {@code .dpomdp} ({@link MadpDecPomdp}), else memarl/1 JSON.
     */
    public static Model read(Path file) {
        if (isTextFormat(file.getFileName().toString())) {
            return readText(CassandraPomdp.readBytes(file, DEFAULT_MAX_BYTES), file.getFileName().toString());
        }
        return read(parse(file, file.getFileName().toString(), DEFAULT_MAX_BYTES, null).root());
    }

    /** Whether a file name says one of the text formats read by extension: {@code .pomdp} or {@code .dpomdp}. */
    public static boolean isTextFormat(String fileName) {
        return fileName.endsWith(".pomdp") || fileName.endsWith(".dpomdp");
    }

    /**
     * Reads a {@code .pomdp} or {@code .dpomdp} model from its bytes; the extension of {@code fileName} gives the
     * format and the rest the model's name.
     */
    public static Model readText(byte[] bytes, String fileName) {
        if (fileName.endsWith(".dpomdp")) {
            return new DecPomdpModel(MadpDecPomdp.read(bytes, CassandraPomdp.stem(fileName, ".dpomdp")));
        }
        if (fileName.endsWith(".pomdp")) {
            return new PomdpModel(CassandraPomdp.read(bytes, CassandraPomdp.stem(fileName, ".pomdp"), fileName));
        }
        throw new InvalidModelException("model: " + Fmt.safe(fileName) + " is not a .pomdp or .dpomdp file");
    }

    /** The bytes of a text model file (at most {@code maxBytes}), with one-line errors. */
    public static byte[] readTextBytes(Path file, long maxBytes) {
        return CassandraPomdp.readBytes(file, maxBytes);
    }

    /** {@link #readTextBytes(Path, long)}, naming what raises the limit (e.g. {@code --max-model-bytes}) in the message. */
    public static byte[] readTextBytes(Path file, long maxBytes, String limitHint) {
        return CassandraPomdp.readBytes(file, maxBytes, limitHint);
    }

    /**
     * Parses a model file of any kind as a stream of at most {@code maxBytes} bytes (a FIFO or a device too),
     * refusing an unknown top-level key before its value is read and non-JSON bytes at the first token.
     *
     * @param limitHint what raises the limit, named in the message (e.g. {@code --max-model-bytes}), or null
     */
    public static Json.Parsed parse(Path file, long maxBytes, String limitHint) {
        return parse(file, file.toString(), maxBytes, limitHint);
    }

    /** {@link #parse(Path, long, String)} with {@code what} naming the file in messages. */
    public static Json.Parsed parse(Path file, String what, long maxBytes, String limitHint) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw new InvalidModelException("model: " + Fmt.safe(what) + " has " + Files.size(file) + " bytes, more than "
                        + maxBytes + ", the limit for a model file" + (limitHint == null ? "" : " (raise it with " + limitHint
                        + ")"));
            }
        } catch (IOException e) {
            throw new InvalidModelException("model: cannot read " + Fmt.safe(what) + ": " + Fmt.safe(e.getMessage()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Json.parseStream(in, what, maxBytes, limitHint, Models::checkKey);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("model: file not found: " + Fmt.safe(what));
        } catch (IOException e) {
            throw new InvalidModelException("model: cannot read " + Fmt.safe(what) + ": " + Fmt.safe(e.getMessage()));
        }
    }

    /** Refuses a top-level key that no kind of model has, listing the keys of the kind when it is known. */
    static void checkKey(String key, com.fasterxml.jackson.databind.node.ObjectNode soFar) {
        if (ALL_KEYS.contains(key)) {
            return;
        }
        JsonNode k = soFar.get("kind");
        Set<String> allowed = ALL_KEYS;
        if (k != null && k.isTextual()) {
            switch (k.asText()) {
                case "mdp" -> allowed = ModelReader.MDP_KEYS;
                case "game" -> allowed = GameReader.GAME_KEYS;
                case "matrix-game" -> allowed = GameReader.MATRIX_KEYS;
                case "pomdp" -> allowed = PomdpReader.KEYS;
                case "dec-pomdp" -> allowed = DecPomdpReader.KEYS;
                default -> {
                }
            }
        }
        throw new InvalidModelException(Fmt.safe(key) + ": unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed))
                + ")");
    }

    /** Parses a model of any kind from JSON bytes; {@code what} names the input in messages about malformed JSON. */
    public static Model read(byte[] bytes, String what) {
        return read(Json.parse(bytes, what));
    }

    /** Builds a model of any kind from a parsed JSON tree. */
    public static Model read(JsonNode root) {
        Kind kind = Kind.of(ModelReader.kind(root));
        switch (kind) {
            case MDP:
                return new MdpModel(ModelReader.readMdp(root));
            case POMDP:
                return new PomdpModel(PomdpReader.readPomdp(root));
            case DEC_POMDP:
                return new DecPomdpModel(DecPomdpReader.readDecPomdp(root));
            default:
                return new GameModel(GameReader.readGame(root));
        }
    }

    /** Writes a model of any kind ({@link ModelWriter} or {@link GameWriter}). */
    public static JsonNode toJson(Model m) {
        if (m instanceof PomdpModel pm) {
            return BeliefModelWriter.toJson(pm.pomdp());
        }
        if (m instanceof DecPomdpModel dm) {
            return BeliefModelWriter.toJson(dm.decPomdp());
        }
        return m instanceof MdpModel mm ? ModelWriter.toJson(mm.mdp()) : GameWriter.toJson(((GameModel) m).game());
    }
}
