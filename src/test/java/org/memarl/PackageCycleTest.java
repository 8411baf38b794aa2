package org.memarl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package graph of {@code src/main/java} (which package's code names a class of which other package,
 * comments excluded) has no cycle (issue 13: "No package cycle"), and the kernel depends on nothing of memarl
 * but the root exceptions. Strongly connected components by Tarjan's algorithm.
 */
class PackageCycleTest {
    private static final Path ROOT = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REF = Pattern.compile("\\b(org\\.memarl(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

    static Map<String, Set<String>> graph(Path root) throws IOException {
        Map<String, String> source = new HashMap<>();
        Set<String> classes = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = PACKAGE.matcher(text);
                assertTrue(m.find(), f + " has no package");
                String name = f.getFileName().toString().replace(".java", "");
                classes.add(m.group(1) + "." + name);
                source.put(f.toString(), text);
            }
        }
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String text : source.values()) {
            Matcher pm = PACKAGE.matcher(text);
            pm.find();
            String me = pm.group(1);
            deps.computeIfAbsent(me, k -> new TreeSet<>());
            Matcher r = REF.matcher(text);
            while (r.find()) {
                String pkg = r.group(1);
                if (!pkg.equals(me) && classes.contains(pkg + "." + r.group(2))) {
                    deps.get(me).add(pkg);
                }
            }
        }
        return deps;
    }

    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> on = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                strong(v, g, index, low, stack, on, out, counter);
            }
        }
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                               Deque<String> stack, Set<String> on, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        on.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, on, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp);
            }
        }
    }

    @Test
    @DisplayName("no package cycle in src/main")
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> g = graph(ROOT);
        assertTrue(g.size() > 10, "the scan found the packages: " + g.keySet());
        assertEquals(List.of(), cycles(g), "package cycles; graph: " + g);
    }

    @Test
    @DisplayName("the kernel depends only on the root exceptions")
    void kernelIsTheBottomLayer() throws IOException {
        assertEquals(Set.of("org.memarl"), graph(ROOT).get("org.memarl.kernel"));
    }

    @Test
    @DisplayName("the cycle finder finds a planted cycle")
    void findsAPlantedCycle() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        List<List<String>> c = cycles(g);
        assertEquals(1, c.size());
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(c.get(0)));
    }
}
