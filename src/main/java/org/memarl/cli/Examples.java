package org.memarl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.memarl.InvalidModelException;

/**
 * The bundled example models: every JSON file of {@code examples/}, packaged as resources under
 * {@code org/memarl/examples/}. The list is discovered from the jar (or the classes folder), so a file
 * added to {@code examples/} is listed without code changes; the known ones carry a description.
 */
public final class Examples {
    private static final String FOLDER = "org/memarl/examples/";
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("chain", "5-state chain walk: drift right for +1 at the end, a small safe reward on the left; gamma 0.9");
        DESCRIPTIONS.put("two-state-prior", "2 states, 3 actions, non-uniform action prior with a zero entry; gamma 0.8");
        DESCRIPTIONS.put("gridworld-4x4", "Sutton & Barto Example 4.1: 4x4 gridworld, -1 per step, two absorbing corners; gamma 1");
        DESCRIPTIONS.put("russell-norvig-4x3", "Russell & Norvig 4x3 world: 0.8/0.1/0.1 moves, -0.04 per step, +1/-1 exits; gamma 1");
        DESCRIPTIONS.put("sparse-ring", "12-state ring with sparse stochastic moves (sparse transitions format); gamma 0.95");
        DESCRIPTIONS.put("thesis-3-1-cooperative", "Thesis payoff (3.1), common payoff: Nash equilibria (a2,b2) = 4 and (a3,b3) = 10");
        DESCRIPTIONS.put("thesis-3-1-zero-sum", "Thesis payoff (3.1), zero-sum: pure saddle point (a1,b1) with value 2");
        DESCRIPTIONS.put("climbing", "Claus & Boutilier (1998) climbing game, common payoff: optimum (a,a) = 11 beside -30 penalties");
        DESCRIPTIONS.put("penalty", "Claus & Boutilier (1998) penalty game, k = -10, common payoff: optima (a,a), (c,c) = 10");
        DESCRIPTIONS.put("matching-pennies", "Matching pennies, zero-sum: the agent wins on a match; mixed equilibrium (1/2, 1/2), value 0");
        DESCRIPTIONS.put("rock-paper-scissors", "Rock-paper-scissors, zero-sum: uniform mixed equilibrium, value 0");
        DESCRIPTIONS.put("prisoners-dilemma", "Prisoner's dilemma, general-sum: (defect, defect) = (-2, -2) is the only equilibrium");
        DESCRIPTIONS.put("bad-two-step", "Bayesian Action Decoder two-step game: private cards, player 1 sees player 0's action; optimum 10");
        DESCRIPTIONS.put("hint-guess", "Card game: a public card, then one of two hints about the guesser's card (1-3); optimum 10");
        DESCRIPTIONS.put("tiger", "Tiger POMDP (Kaelbling et al. 1998): listen (-1, 85% right) or open a door (+10 / -100); horizon 4");
        DESCRIPTIONS.put("tiger.pomdp", "Tiger in Cassandra's .pomdp format (no horizon in the format: give --horizon H); gamma 0.95");
        DESCRIPTIONS.put("dec-tiger.dpomdp", "Dec-Tiger (Nair et al. 2003) in MADP's .dpomdp format, two agents; give --horizon H;"
                + " gamma 1");
        DESCRIPTIONS.put("pursuit-3-state", "3-state pursuit-evasion, 2x2 actions, zero-sum, stochastic moves (sparse format, names); gamma 0.9");
        DESCRIPTIONS.put("four-rooms", "Four rooms (Sutton, Precup & Singh 1999), 104 cells, 0.8 moves, +1 per step at the goal;"
                + " 4 hallway options; gamma 0.95");
        DESCRIPTIONS.put("coordination-options", "Repeated 2x2 coordination game, common payoff, 2 sticky options per player"
                + " (ma-soft-options); gamma 0.9");
    }

    private static volatile Map<String, String> all;

    private Examples() {
    }

    /** Name to one-line description, in listing order: the described ones first, then the others by name. */
    public static Map<String, String> all() {
        Map<String, String> a = all;
        if (a == null) {
            TreeSet<String> found = new TreeSet<>(bundledNames());
            Map<String, String> m = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : DESCRIPTIONS.entrySet()) {
                if (found.remove(e.getKey())) {
                    m.put(e.getKey(), e.getValue());
                }
            }
            for (String name : found) {
                m.put(name, "");
            }
            a = java.util.Collections.unmodifiableMap(m);
            all = a;
        }
        return a;
    }

    /** The bytes of a bundled example. */
    public static byte[] bytes(String name) {
        if (!all().containsKey(name)) {
            throw new InvalidModelException("example: unknown name \"" + name + "\"; `memarl examples` lists "
                    + String.join(", ", all().keySet()));
        }
        try (InputStream in = Examples.class.getResourceAsStream("/" + FOLDER + name + (isText(name) ? "" : ".json"))) {
            if (in == null) {
                throw new org.memarl.MemarlException("bundled example " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new org.memarl.MemarlException("cannot read bundled example " + name, e);
        }
    }

    /** Whether an example is a text model, named with its extension ({@code tiger.pomdp}, {@code dec-tiger.dpomdp}). */
    static boolean isText(String name) {
        return name.endsWith(".pomdp") || name.endsWith(".dpomdp");
    }

    /** A JSON example by its name without {@code .json}; a text model by its file name. */
    private static void addName(List<String> names, String file) {
        if (file.endsWith(".json")) {
            names.add(file.substring(0, file.length() - ".json".length()));
        } else if (isText(file)) {
            names.add(file);
        }
    }

    /** Names (file names without {@code .json}; text models with their extension) of the example resources. */
    static List<String> bundledNames() {
        List<String> names = new ArrayList<>();
        CodeSource cs = Examples.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return names;
        }
        try {
            Path where = Paths.get(cs.getLocation().toURI());
            if (Files.isDirectory(where)) {
                Path dir = where.resolve(FOLDER);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString()).forEach(f -> addName(names, f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String e = entries.nextElement().getName();
                        if (e.startsWith(FOLDER) && e.indexOf('/', FOLDER.length()) < 0) {
                            addName(names, e.substring(FOLDER.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new org.memarl.MemarlException("cannot list the bundled examples", e);
        }
        return names;
    }
}
