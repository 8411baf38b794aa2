package org.memarl.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.cli.Cli;
import org.memarl.cli.DryParse;

/**
 * Docs that run: every command shown in {@code README.md} and {@code docs/*.md} is executed as written, from the
 * repository root, and what the page says it prints is compared with what it prints.
 *
 * <h2>Conventions for documentation authors</h2>
 *
 * <ul>
 *   <li><b>Commands</b> go in fenced blocks labelled {@code sh}, {@code bash}, {@code shell} or {@code console},
 *       written as a user types them from the repository root: {@code java -jar target/memarl.jar SUBCOMMAND ...}
 *       (not the shorthand {@code memarl ...}, which does not run as written). In {@code sh}/{@code bash}/{@code shell}
 *       blocks every line is a command; {@code \} continues a line, {@code # ...} is a comment, and a loop
 *       {@code for X in A B C; do CMD; done} runs CMD once per value. In a {@code console} block the commands are
 *       the lines starting with {@code $ } and the lines after a command are its output (compared as below).</li>
 *   <li>Each command must <b>exit 0</b>. A command meant to fail says so in its comment, which then starts with
 *       {@code exit N} (e.g. {@code # exit 1: falsified}); the runner checks that status.</li>
 *   <li>A command too slow for the test suite (minutes, gigabytes) is marked by a comment starting with
 *       {@code dry-run} and the reason ({@code # dry-run: about two minutes and 2 GB}). It is not run, but its
 *       arguments are parsed by the real command line, so a renamed or removed option still fails the test.
 *       Prefer a cheaper command (fewer trials, seeds or steps) that shows the same thing.</li>
 *   <li>Commands that are not memarl's ({@code mvn}, benchmarks scripts, pipes) are listed, each with the reason
 *       it is not run, in {@code src/test/resources/org/memarl/docs/commands-not-run.txt}; a command that is
 *       neither run nor listed fails the test, and so does a listed one that no page shows any more.</li>
 *   <li><b>Files</b>: options that write ({@code --out}, {@code --plot}, {@code --counterexamples}, and an
 *       {@code --out} left at its default) are redirected into a temporary folder (one per page), and later
 *       arguments on the same page that name those paths (e.g. {@code solve ce/x.json} after
 *       {@code --counterexamples ce}) follow them, as do the paths the command prints; every other
 *       relative path (e.g. {@code examples/...}) is read from the repository. A command that still writes into
 *       the repository fails the test.</li>
 *   <li><b>Output</b>: a fenced block whose info string contains the word {@code output} (e.g. {@code ```json output}
 *       or {@code ```text output}) shows what the command before it on the page prints (standard output, then
 *       standard error). It is compared token by token, whitespace ignored ({@link OutputMatcher}): {@code ...}
 *       stands for anything (abridged output), {@code // ...} to the end of a line is an annotation, numbers
 *       match to one unit of their last printed digit (write {@code 0.1721} for 0.17212..., an integer such as
 *       {@code 110} must be exact), every other token exactly. Abridge with {@code ...} whatever depends on the
 *       machine or the run (versions, timings, rounding noise).</li>
 *   <li>A usage synopsis ({@code memarl solve MODEL [--beta X]}) goes in a block labelled {@code text synopsis}.
 *       A line that reads like a command in any other unlabelled or non-shell block fails the test, so that no
 *       command is skipped silently.</li>
 *   <li>Commands quoted in prose ({@code `java -jar target/memarl.jar check`}, {@code `memarl check "Theorem 9"`})
 *       are parsed by the real command line (not run), unless they contain synopsis marks ({@code [ ] | < > ...}).</li>
 * </ul>
 *
 * <p>The commands run in-process ({@link org.memarl.cli.Main#mainWithoutExit}); the working folder of the tests
 * is the repository root.
 */
class DocumentedCommandsTest {
    /** Options whose value is a file or folder the command writes. */
    static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "--plot", "--counterexamples");
    static final String ALLOW_LIST = "commands-not-run.txt";

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path scratch;

    /** README.md and docs/*.md. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<DocScan.Item> scan(Path page) {
        try {
            return DocScan.scan(page.toString().replace('\\', '/'), Files.readAllLines(page, StandardCharsets.UTF_8),
                    DryParse.subcommands());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The allow-list: command text to reason. */
    static Map<String, String> allowList() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = DocumentedCommandsTest.class.getResourceAsStream(ALLOW_LIST)) {
            assertNotNull(in, ALLOW_LIST);
            String key = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    assertNotNull(key, () -> ALLOW_LIST + ": a reason without a command: " + line);
                    out.merge(key, line.strip(), (a, b) -> a + " " + b);
                } else {
                    key = line.strip().replaceAll("\\s+", " ");
                    assertFalse(out.containsKey(key), ALLOW_LIST + ": listed twice: " + key);
                    out.put(key, "");
                }
            }
        }
        out.forEach((k, v) -> assertFalse(v.isEmpty(), () -> ALLOW_LIST + ": no reason given for " + k));
        return out;
    }

    @TestFactory
    Stream<DynamicNode> everyDocumentedCommandRunsAsWritten() throws IOException {
        assertTrue(Files.isRegularFile(ROOT.resolve("README.md")) && Files.isDirectory(ROOT.resolve("examples")),
                () -> "the tests run from the repository root, not " + ROOT);
        Map<String, String> allow = allowList();
        List<DynamicNode> pages = new ArrayList<>();
        for (Path page : pages()) {
            Session session = new Session(page, allow);
            List<DynamicNode> tests = new ArrayList<>();
            for (DocScan.Item item : scan(page)) {
                tests.add(DynamicTest.dynamicTest(name(item), () -> session.check(item)));
            }
            pages.add(DynamicContainer.dynamicContainer(page.toString(), tests));
        }
        return pages.stream();
    }

    @Test
    void everyAllowListedCommandIsStillShown() throws IOException {
        Set<String> shown = new TreeSet<>();
        for (Path page : pages()) {
            for (DocScan.Item item : scan(page)) {
                if (item instanceof DocScan.Command c) {
                    shown.add(c.text());
                }
            }
        }
        List<String> stale = allowList().keySet().stream().filter(k -> !shown.contains(k)).collect(Collectors.toList());
        assertEquals(List.of(), stale, ALLOW_LIST + ": entries that no page shows any more (remove them)");
    }

    /** Relative links ({@code [text](path)}, {@code ![alt](path)}) name files a clone has (anchors not checked). */
    @Test
    void relativeLinksNameFilesOfTheRepository() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("```")) {
                    code = !code;
                }
                if (code) {
                    continue;
                }
                Matcher m = link.matcher(lines.get(i).replaceAll("`[^`]*`", "``"));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.startsWith("#") || target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue;
                    }
                    String file = target.replaceFirst("#.*$", "");
                    Path resolved = (page.getParent() == null ? Path.of("") : page.getParent()).resolve(file).normalize();
                    if (resolved.startsWith("..") || !Files.exists(resolved)) {
                        broken.add(page + ":" + (i + 1) + ": " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "links to files that a clone of the repository does not have");
    }

    private static String name(DocScan.Item item) {
        String what;
        if (item instanceof DocScan.Command c) {
            what = (c.dryRun() ? "dry-run " : "") + c.text() + (c.expectedExit() != 0 ? "  (exit " + c.expectedExit() + ")" : "");
        } else if (item instanceof DocScan.Output o) {
            what = "output: " + o.text().strip().replaceAll("\\s+", " ");
        } else if (item instanceof DocScan.Inline i) {
            what = "in prose: " + i.text();
        } else {
            what = "problem: " + ((DocScan.Problem) item).message();
        }
        String s = item.file() + ":" + item.line() + " " + what;
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    /** {@code java [JVM options] -jar target/memarl.jar ARGS} to ARGS; {@code null} for anything else. */
    static String[] memarlArgs(List<String> w) {
        if (w == null || w.isEmpty() || !w.get(0).equals("java")) {
            return null;
        }
        for (int i = 1; i < w.size(); i++) {
            String a = w.get(i);
            if (a.equals("-jar")) {
                return i + 1 < w.size() && w.get(i + 1).equals("target/memarl.jar")
                        ? w.subList(i + 2, w.size()).toArray(String[]::new) : null;
            }
            if (!a.startsWith("-") || Set.of("-cp", "-classpath", "--class-path", "-m", "--module").contains(a)) {
                return null;
            }
        }
        return null;
    }

    /** The state of one page: its output folder, where its outputs went, and the last command run. */
    private static final class Session {
        private final String page;
        private final Map<String, String> allow;
        private final Map<String, String> moved = new LinkedHashMap<>();
        private Path temp;
        private Cli.Run lastRun;
        private String lastNotRun;

        Session(Path page, Map<String, String> allow) {
            this.page = page.toString();
            this.allow = allow;
        }

        void check(DocScan.Item item) throws IOException {
            if (item instanceof DocScan.Command c) {
                command(c);
            } else if (item instanceof DocScan.Output o) {
                output(o);
            } else if (item instanceof DocScan.Inline i) {
                inline(i);
            } else {
                DocScan.Problem p = (DocScan.Problem) item;
                fail(p.file() + ":" + p.line() + ": " + p.message());
            }
        }

        private void command(DocScan.Command c) throws IOException {
            String where = c.file() + ":" + c.line() + ": ";
            List<String> words = Shell.words(c.text());
            lastRun = null;
            lastNotRun = c.text();
            if (words != null && !words.isEmpty() && words.get(0).equals("memarl")) {
                fail(where + "`memarl ...` does not run as written; write `java -jar target/memarl.jar ...`: " + c.text());
            }
            String[] args = memarlArgs(words);
            if (args == null) {
                assertTrue(allow.containsKey(c.text()), () -> where + "not a memarl command, and not in " + ALLOW_LIST
                        + " (add it there with the reason it is not run, or write it as `java -jar target/memarl.jar ...`): "
                        + c.text());
                return;
            }
            assertFalse(allow.containsKey(c.text()), () -> where + "a memarl command in " + ALLOW_LIST
                    + "; mark it `# dry-run: reason` in the page instead: " + c.text());
            String[] run = relocate(args);
            if (c.dryRun()) {
                String err = DryParse.error(run);
                assertNull(err, () -> where + "the options of this dry-run command do not parse: " + err);
                return;
            }
            Map<String, String> before = snapshot();
            Cli.Run r = Cli.run(run);
            lastRun = r;
            lastNotRun = null;
            assertEquals(c.expectedExit(), r.code(), () -> where + "exit status (mark a command meant to fail with a"
                    + " trailing `# exit N`) of " + c.text() + "\n" + head(r));
            Map<String, String> after = snapshot();
            Set<String> written = new TreeSet<>();
            after.forEach((p, t) -> {
                if (!t.equals(before.get(p))) {
                    written.add(p);
                }
            });
            assertEquals(Set.of(), written, () -> where + "the command wrote into the repository (an output option the"
                    + " runner does not know? add it to OUTPUT_OPTIONS): " + c.text());
        }

        private void output(DocScan.Output o) {
            String where = o.file() + ":" + o.line() + ": ";
            assertNotNull(lastRun, () -> where + "documented output, but the command before it on the page is not run"
                    + (lastNotRun == null ? " (there is none)" : ": " + lastNotRun));
            Cli.Run r = lastRun;
            String printed = r.out() + "\n" + r.err();
            // the page names its outputs as written, not as relocated
            List<Map.Entry<String, String>> back = new ArrayList<>(moved.entrySet());
            back.sort((x, y) -> y.getValue().length() - x.getValue().length());
            for (Map.Entry<String, String> e : back) {
                printed = printed.replace(e.getValue(), e.getKey());
            }
            String m = OutputMatcher.mismatch(o.text(), printed);
            assertNull(m, () -> where + m + "\n" + head(r));
        }

        private void inline(DocScan.Inline i) {
            String where = i.file() + ":" + i.line() + ": ";
            String t = i.text();
            if (t.matches(".*(\\[|]|\\||<|>|\\.\\.\\.|…).*")) {
                return; // a synopsis in prose
            }
            List<String> words = Shell.words(t);
            assertNotNull(words, () -> where + "a command in prose that is not a simple command: " + t);
            String[] args = words.get(0).equals("memarl") ? words.subList(1, words.size()).toArray(String[]::new)
                    : memarlArgs(words);
            assertNotNull(args, () -> where + "not a memarl command line: " + t);
            String err = DryParse.error(args);
            assertNull(err, () -> where + "the command quoted in prose does not parse: " + err + ": " + t);
        }

        /** The arguments with every output path moved into this page's temporary folder. */
        private String[] relocate(String[] args) throws IOException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                int eq = a.indexOf('=');
                if (OUTPUT_OPTIONS.contains(a) && i + 1 < args.length) {
                    out.add(a);
                    out.add(outputPath(args[++i]));
                } else if (a.startsWith("--") && eq > 0 && OUTPUT_OPTIONS.contains(a.substring(0, eq))) {
                    out.add(a.substring(0, eq + 1) + outputPath(a.substring(eq + 1)));
                } else {
                    out.add(input(a));
                }
            }
            String dflt = DryParse.unmatchedDefault("--out", out.toArray(String[]::new));
            if (dflt != null) {
                out.add("--out");
                out.add(outputPath(dflt));
            }
            return out.toArray(String[]::new);
        }

        private String outputPath(String p) throws IOException {
            String key = p.replaceFirst("^(\\./)+", "").replaceFirst("/+$", "");
            String rel = key.replaceFirst("^/+", "");
            assertFalse(rel.isEmpty() || Path.of(rel).normalize().startsWith(".."), () -> "an output path outside the"
                    + " page's folder: " + p);
            if (temp == null) {
                temp = Files.createDirectories(scratch.resolve(page.replaceAll("[^A-Za-z0-9.-]", "_")));
            }
            String target = temp.resolve(rel).toString();
            moved.put(key, target);
            return target;
        }

        /** An argument that names an earlier output (or a file inside an earlier output folder) follows it. */
        private String input(String a) {
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String prefix = eq > 0 ? a.substring(0, eq + 1) : "";
            String v = (eq > 0 ? a.substring(eq + 1) : a).replaceFirst("^(\\./)+", "");
            for (Map.Entry<String, String> e : moved.entrySet()) {
                if (v.equals(e.getKey()) || v.startsWith(e.getKey() + "/")) {
                    return prefix + e.getValue() + v.substring(e.getKey().length());
                }
            }
            return a;
        }
    }

    /** Exit status and the first lines of both streams, for a failure message. */
    private static String head(Cli.Run r) {
        return "-> exit " + r.code() + "\nstderr:\n" + clip(r.err()) + "\nstdout:\n" + clip(r.out());
    }

    private static String clip(String s) {
        return s.length() > 3000 ? s.substring(0, 3000) + "\n[... " + (s.length() - 3000) + " more characters]" : s;
    }

    /** Every file under the repository root (build folders and .git aside) with its size and modification time. */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(ROOT) && (n.equals(".git") || n.equals("target")) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.put(ROOT.relativize(file).toString(), attrs.lastModifiedTime() + ", " + attrs.size() + " bytes");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
