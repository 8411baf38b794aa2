package org.memarl.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java snippets of {@code README.md} and {@code docs/*.md} that are complete, i.e. whose {@code ```java} block
 * starts with its {@code import} lines, compile against the library as written and run from the repository root
 * (issue 14: the README's API snippet once omitted its imports). The imports stay at the top of a class, the
 * statements after them become the body of a method. Excerpts (blocks that do not start with {@code import}) are
 * not compiled; the complete programs they are cut from are in {@code examples/java} ({@link ExamplesCompileTest}).
 */
class DocumentedJavaTest {
    @TempDir
    static Path classes;

    /** The complete snippets: page, first line of the block, its lines. */
    record Snippet(Path page, int line, List<String> body) {
    }

    static List<Snippet> snippets() throws Exception {
        List<Snippet> out = new ArrayList<>();
        for (Path page : DocumentedCommandsTest.pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                List<String> body = new ArrayList<>();
                int start = i + 2;
                for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                    body.add(lines.get(i));
                }
                if (body.stream().filter(l -> !l.isBlank()).findFirst().orElse("").startsWith("import ")) {
                    out.add(new Snippet(page, start, body));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> completeJavaSnippetsCompileAndRun() throws Exception {
        List<Snippet> all = snippets();
        assertFalse(all.isEmpty(), "the README's API snippet starts with its imports");
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            Snippet s = all.get(k);
            String cls = "DocSnippet" + k;
            tests.add(DynamicTest.dynamicTest(s.page() + ":" + s.line(), () -> compileAndRun(s, cls)));
        }
        return tests.stream();
    }

    private static void compileAndRun(Snippet s, String cls) throws Exception {
        StringBuilder src = new StringBuilder();
        int k = 0;
        List<String> body = s.body();
        for (; k < body.size() && (body.get(k).isBlank() || body.get(k).startsWith("import ")); k++) {
            src.append(body.get(k)).append('\n');
        }
        src.append("public class ").append(cls).append(" {\n    public static void run() throws Exception {\n");
        for (; k < body.size(); k++) {
            src.append("        ").append(body.get(k)).append('\n');
        }
        src.append("    }\n}\n");
        Path dir = Files.createDirectories(classes.resolve(cls));
        Path file = dir.resolve(cls + ".java");
        Files.writeString(file, src);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the tests");
        DiagnosticCollector<JavaFileObject> diag = new DiagnosticCollector<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diag, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diag, List.of("-d", dir.toString(), "-classpath", cp, "-proc:none"), null,
                    fm.getJavaFileObjects(file)).call();
            assertTrue(ok, () -> s.page() + ":" + s.line() + ": the snippet does not compile as written (statements"
                    + " after its imports, in a method):\n" + diag.getDiagnostics() + "\n" + src);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DocumentedJavaTest.class.getClassLoader())) {
            loader.loadClass(cls).getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError(s.page() + ":" + s.line() + ": the snippet throws when run from the repository root",
                    e.getCause());
        }
    }
}
