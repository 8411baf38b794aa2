package org.memarl.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conventions {@link DocumentedCommandsTest} applies to the pages, on small hand-written pages: what counts
 * as a command, its markers, where output is, and when documented output matches. Without these the runner
 * could pass by skipping commands or by matching anything.
 */
class DocConventionsTest {
    private static final Set<String> SUBCOMMANDS = Set.of("solve", "check");

    private static List<DocScan.Item> scan(String page) {
        return DocScan.scan("page.md", List.of(page.split("\n", -1)), SUBCOMMANDS);
    }

    @Test
    @DisplayName("shell blocks: continuations, comments, markers, loops; console blocks: prompts and output")
    void commandsAndMarkers() {
        List<DocScan.Item> items = scan(String.join("\n",
                "Text with `java -jar target/memarl.jar check \"Theorem 9\"` in it.",
                "",
                "```sh",
                "# a comment line",
                "java -jar target/memarl.jar solve --example chain \\",
                "    --beta 2   # exit 3: not converged",
                "java -jar target/memarl.jar check   # dry-run: slow",
                "for b in 1 inf; do",
                "  java -jar target/memarl.jar solve --example chain --beta $b --out r-${b}.json",
                "done   # exit 0",
                "```",
                "",
                "```console",
                "$ java -jar target/memarl.jar check --format json",
                "{ \"claims\" : ... }",
                "```",
                "",
                "```json output",
                "{ \"V\" : [ 1.0 ] }",
                "```"));
        assertEquals(8, items.size(), items::toString);
        DocScan.Inline inline = (DocScan.Inline) items.get(0);
        assertEquals("java -jar target/memarl.jar check \"Theorem 9\"", inline.text());
        DocScan.Command solve = (DocScan.Command) items.get(1);
        assertEquals("java -jar target/memarl.jar solve --example chain --beta 2", solve.text());
        assertEquals(5, solve.line());
        assertEquals(3, solve.expectedExit());
        DocScan.Command check = (DocScan.Command) items.get(2);
        assertTrue(check.dryRun());
        assertEquals(0, check.expectedExit());
        assertEquals("java -jar target/memarl.jar solve --example chain --beta 1 --out r-1.json", ((DocScan.Command) items.get(3)).text());
        assertEquals("java -jar target/memarl.jar solve --example chain --beta inf --out r-inf.json",
                ((DocScan.Command) items.get(4)).text());
        assertEquals("java -jar target/memarl.jar check --format json", ((DocScan.Command) items.get(5)).text());
        assertEquals("{ \"claims\" : ... }", ((DocScan.Output) items.get(6)).text().strip());
        assertEquals("{ \"V\" : [ 1.0 ] }", ((DocScan.Output) items.get(7)).text().strip());
        assertEquals(19, items.get(7).line());
        List<DocScan.Item> all = scan(String.join("\n", "```console", "$ java -jar target/memarl.jar check", "ok", "```", "",
                "```json output", "{}", "```"));
        assertEquals(3, all.size(), all::toString);
        assertTrue(all.get(2) instanceof DocScan.Output);
    }

    @Test
    @DisplayName("a command outside a shell block is a problem; synopsis and output blocks are not")
    void commandsOutsideShellBlocks() {
        List<DocScan.Item> items = scan(String.join("\n", "```", "memarl solve examples/chain.json", "```",
                "```text synopsis", "memarl solve MODEL [--beta X]", "```",
                "```text output", "re-run: memarl solve ce/x.json", "memarl check", "```",
                "```", "java -jar target/memarl.jar check", "```"));
        long problems = items.stream().filter(i -> i instanceof DocScan.Problem).count();
        assertEquals(2, problems, items::toString);
        assertEquals(2, ((DocScan.Problem) items.get(0)).line());
    }

    @Test
    @DisplayName("shell words: quotes and escapes; pipes, lists, redirections, assignments are not simple commands")
    void shellWords() {
        assertEquals(List.of("check", "Theorem 9", "a b", "x\"y"), Shell.words("check \"Theorem 9\" 'a b' x\\\"y"));
        assertNull(Shell.words("mvn -q install && mvn package"));
        assertNull(Shell.words("java -jar target/memarl.jar check | head"));
        assertNull(Shell.words("java -jar target/memarl.jar check > out.txt"));
        assertNull(Shell.words("ROUNDS=3 benchmarks/compare.sh"));
        assertNull(Shell.words("solve --param beta=$b"));
        assertEquals(List.of("solve", "--param", "beta=2"), Shell.words("solve --param beta=2"));
        assertEquals(new Shell.Line("check --format json", "{\"claims\": [...]} # not a marker"),
                Shell.splitComment("check --format json    # {\"claims\": [...]} # not a marker"));
        assertEquals(new Shell.Line("check \"a # b\"", ""), Shell.splitComment("check \"a # b\""));
        assertArrayEquals(new String[] {"solve", "--beta", "2"},
                DocumentedCommandsTest.memarlArgs(List.of("java", "-Xmx1g", "-jar", "target/memarl.jar", "solve", "--beta", "2")));
        assertNull(DocumentedCommandsTest.memarlArgs(List.of("java", "-cp", "target/memarl.jar", "X.java")));
        assertNull(DocumentedCommandsTest.memarlArgs(List.of("java", "-jar", "memarl.jar", "check")));
    }

    @Test
    @DisplayName("output: numbers to their printed digits, integers exactly, ... for anything, order kept")
    void outputMatching() {
        String printed = "{\n  \"converged\" : true,\n  \"iterations\" : 110,\n  \"residual\" : 2.2303936475509545E-11,\n"
                + "  \"V\" : [ 2.6662892828343154, 4.122384541953509 ],\n  \"policy\" : [ 0.1721028710022197, 0.0 ]\n}\n";
        assertNull(OutputMatcher.mismatch("\"converged\" : true, \"iterations\" : 110, ...", printed));
        assertNull(OutputMatcher.mismatch("\"residual\" : 2.23e-11, \"V\" : [ 2.6663, 4.1224 ]", printed));
        assertNull(OutputMatcher.mismatch("\"V\" : [ 2.6662892828343154, ... ], \"policy\" : [ 0.1721, 0.0 ]  // pi", printed));
        assertNull(OutputMatcher.mismatch("\"converged\":true, ..., \"policy\" : [ ... ]", printed));
        // a wrong digit in the last printed place, beyond one unit
        assertNotNull(OutputMatcher.mismatch("\"V\" : [ 2.6683, 4.1224 ]", printed));
        assertNotNull(OutputMatcher.mismatch("\"residual\" : 2.25e-11", printed));
        // integers are exact
        assertNotNull(OutputMatcher.mismatch("\"iterations\" : 111", printed));
        // a key omitted without ... is a mismatch, and so is the wrong order
        assertNotNull(OutputMatcher.mismatch("\"converged\" : true, \"residual\" : ...", printed));
        assertNotNull(OutputMatcher.mismatch("\"policy\" : ..., \"V\" : ...", printed));
        assertNotNull(OutputMatcher.mismatch("\"converged\" : false", printed));
        assertNotNull(OutputMatcher.mismatch("\"os\" : \"Linux\"", printed));
        String m = OutputMatcher.mismatch("\"iterations\" : 111", printed);
        assertTrue(m.contains("documented `111`") && m.contains("printed `110`"), m);
        assertEquals(1e-4, OutputMatcher.printedUnit("0.1721"), 0.0);
        assertEquals(1e-12, OutputMatcher.printedUnit("8.9e-11"), 1e-27);
        assertEquals(1e-11, OutputMatcher.printedUnit("1.0E-10"), 1e-26);
        assertEquals(0.0, OutputMatcher.printedUnit("110"), 0.0);
    }
}
