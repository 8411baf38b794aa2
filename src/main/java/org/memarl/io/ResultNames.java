package org.memarl.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.model.OptionSpec;
import org.memarl.solve.Section;

/**
 * The {@code names} section of a result ({@code memarl-result/1}, {@code memarl-sweep/1}): the model's own names
 * of its states, actions (per player for a game) and options, each key present only when the model names them
 * (a model that counts its states, {@code "states": 3}, gives no {@code names.states}). Readers label what has no
 * name 1-based, as the thesis counts: {@link #labels(List, int, String)} ({@code s1, s2, ...}, {@code a1, ...},
 * the opponent's {@code b1, ...}, options {@code z1, ...}).
 *
 * <p>Shape: MDP {@code {"states": [...], "actions": [...], "options": [...]}}; game {@code {"states": [...],
 * "actions": {"agent": [...], "opponent": [...]}, "options": {"agent": [...], "opponent": [...]}}}, as the
 * model file writes them.
 */
public final class ResultNames {
    /** The result section's name. */
    public static final String SECTION = "names";

    private ResultNames() {
    }

    /** The names an MDP (or option model) gives, or null when it names nothing. */
    public static Section of(Mdp mdp) {
        Map<String, Section.Node> f = new LinkedHashMap<>();
        putIfNamed(f, "states", mdp.stateNames());
        putIfNamed(f, "actions", mdp.actionNames());
        if (mdp.hasOptions() && mdp.options().named()) {
            f.put("options", texts(mdp.options().names()));
        }
        return f.isEmpty() ? null : new Section(SECTION, new Section.Obj(f));
    }

    /** The names a game gives, or null when it names nothing. */
    public static Section of(Game game) {
        Map<String, Section.Node> f = new LinkedHashMap<>();
        putIfNamed(f, "states", game.stateNames());
        Map<String, Section.Node> actions = new LinkedHashMap<>();
        putIfNamed(actions, "agent", game.agentActionNames());
        putIfNamed(actions, "opponent", game.opponentActionNames());
        if (!actions.isEmpty()) {
            f.put("actions", new Section.Obj(actions));
        }
        if (game.hasOptions()) {
            Map<String, Section.Node> options = new LinkedHashMap<>();
            OptionSpec a = game.agentOptions();
            OptionSpec b = game.opponentOptions();
            if (a.named()) {
                options.put("agent", texts(a.names()));
            }
            if (b.named()) {
                options.put("opponent", texts(b.names()));
            }
            if (!options.isEmpty()) {
                f.put("options", new Section.Obj(options));
            }
        }
        return f.isEmpty() ? null : new Section(SECTION, new Section.Obj(f));
    }

    /** Whether {@code names} are the model's own, not the default indices "0" .. "n-1". */
    public static boolean named(List<String> names) {
        return !Mdp.isIndexNames(names) && !names.equals(Mdp.indexNames(names.size()));
    }

    /**
     * Labels for {@code n} items: the given names when there are {@code n} of them, else {@code prefix1 ..
     * prefixN} (1-based, as the thesis counts: {@code a1, a2}).
     *
     * @param names the names, or null
     */
    public static List<String> labels(List<String> names, int n, String prefix) {
        if (names != null && names.size() == n && named(names)) {
            return List.copyOf(names);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static void putIfNamed(Map<String, Section.Node> f, String key, List<String> names) {
        if (named(names)) {
            f.put(key, texts(names));
        }
    }

    private static Section.Arr texts(List<String> names) {
        List<Section.Node> items = new ArrayList<>(names.size());
        for (String s : names) {
            items.add(new Section.Text(s));
        }
        return new Section.Arr(items);
    }
}
