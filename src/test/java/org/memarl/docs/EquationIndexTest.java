package org.memarl.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.memarl.ledger.Claim;
import org.memarl.ledger.EquationIndex;
import org.memarl.ledger.Ledger;

/**
 * Keeps {@code docs/equations.md} true: every class and method it names exists, every ledger claim is listed with the
 * status the ledger expects (and nothing else is), every numbered equation of chapters 2-5 and appendices A-C has
 * one row in the thesis's order (the committed counts per chapter; and, when the thesis's text is at hand, exactly its
 * equation tags), and the jar ships the same file.
 */
class EquationIndexTest {
    static final Path DOC = Path.of("docs", "equations.md");
    /** The numbered equations per chapter or appendix (the thesis numbers them 1..N without gaps). */
    static final Map<String, Integer> COUNTS = new LinkedHashMap<>();
    static final Set<String> ROLES = Set.of("definition", "recursion", "claim", "derivation", "objective", "background",
            "example");

    static {
        COUNTS.put("2", 80);
        COUNTS.put("3", 60);
        COUNTS.put("4", 41);
        COUNTS.put("5", 29);
        COUNTS.put("A", 10);
        COUNTS.put("B", 1);
        COUNTS.put("C", 20);
    }

    static EquationIndex index() throws IOException {
        return EquationIndex.parse(Files.readAllLines(DOC, StandardCharsets.UTF_8));
    }

    static List<String> numbered(EquationIndex idx) {
        return idx.rows().stream().filter(EquationIndex.Row::numbered).map(EquationIndex.Row::label).collect(Collectors.toList());
    }

    /** The thesis's numbering: chapter by chapter, 1..N each. */
    static List<String> expectedNumbers() {
        List<String> out = new ArrayList<>();
        COUNTS.forEach((c, n) -> {
            for (int i = 1; i <= n; i++) {
                out.add(c + "." + i);
            }
        });
        return out;
    }

    @Test
    void everyNumberedEquationOfChaptersTwoToFiveAndTheAppendicesHasOneRowInOrder() throws IOException {
        List<String> got = numbered(index());
        assertEquals(expectedNumbers(), got, "docs/equations.md: the numbered rows");
        assertEquals(210, got.stream().filter(l -> "2345".indexOf(l.charAt(0)) >= 0).count(), "chapters 2-5");
    }

    /** The equation tags of the thesis's text, when it is at hand (a clone does not have it; the counts above stand in). */
    @Test
    void theNumberedRowsAreTheThesisEquationTagsWhenTheThesisIsAtHand() throws IOException {
        Path thesis = thesis();
        List<String> index = numbered(index());
        if (thesis == null) {
            // without the text, the committed list is the reference: chapters 2-5 and A-C, contiguous, no duplicates
            assertEquals(new HashSet<>(index).size(), index.size(), "no duplicate rows");
            assertEquals(expectedNumbers(), index);
            return;
        }
        assertEquals(tags(Files.readString(thesis, StandardCharsets.UTF_8)), index,
                "the index's numbered rows differ from the equation tags of " + thesis);
    }

    static Path thesis() {
        String p = System.getProperty("memarl.thesis");
        List<Path> candidates = new ArrayList<>();
        if (p != null) {
            candidates.add(Path.of(p));
        }
        candidates.add(Path.of("..", "shared", "reference", "thesis-multi-agent-learning-with-bayesian-inference.md"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The equation tags of the thesis's markdown, in order of first appearance, chapter 1 excluded: {@code \tag{2.1}},
     * {@code \quad (2.1)}, {@code (\text{A.2})}, {@code (2.1)$$} and a trailing {@code $ (C.18)}.
     */
    static List<String> tags(String text) {
        Pattern p = Pattern.compile("\\\\tag\\{([0-9A-C]\\.[0-9]+)\\}|\\(\\\\text\\{([A-C]\\.[0-9]+)\\}\\)"
                + "|\\\\quad \\(([0-9]\\.[0-9]+)\\)|\\(([0-9A-C]\\.[0-9]+)\\)\\s*\\$\\$|\\$ \\(([A-C]\\.[0-9]+)\\)\\s*$",
                Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String label = null;
            for (int g = 1; g <= m.groupCount() && label == null; g++) {
                label = m.group(g);
            }
            if (!label.startsWith("1.") && !out.contains(label)) {
                out.add(label);
            }
        }
        return out;
    }

    @Test
    void theTagParserFindsEveryFormTheThesisUses() {
        String sample = "$$x \\quad (2.1)$$\n$$y \\tag{3.35}$$\n$$z \\quad (\\text{A.2})$$\n$$w (4.1)$$\nwhere $q$ (C.18)\n"
                + "$$v \\quad (1.2)$$\nsee equation 2.1 and (2.1) in text\n";
        assertEquals(List.of("2.1", "3.35", "A.2", "4.1", "C.18"), tags(sample));
    }

    @Test
    void everyNamedClassAndMethodExists() throws IOException {
        int links = 0;
        for (EquationIndex.Row r : index().rows()) {
            for (EquationIndex.Link l : r.code()) {
                links++;
                Path file = Path.of("docs").resolve(l.path()).normalize();
                assertTrue(Files.isRegularFile(file), r.title() + ": " + l.path() + " does not exist");
                assertEquals(l.className() + ".java", file.getFileName().toString(), r.title() + ": link text and file differ");
                String src = Files.readString(file, StandardCharsets.UTF_8);
                if (l.method() != null) {
                    assertTrue(Pattern.compile("\\b" + Pattern.quote(l.method()) + "\\(").matcher(src).find(),
                            r.title() + ": " + l.className() + " has no method " + l.method());
                }
            }
        }
        assertTrue(links > 100, "the index links the code (" + links + " links)");
    }

    @Test
    void everyLedgerClaimIsListedWithItsExpectedStatusAndNothingElse() throws IOException {
        Map<String, Claim> ledger = new HashMap<>();
        for (Claim c : Ledger.standard().claims()) {
            ledger.put(c.id(), c);
        }
        Set<String> listed = new HashSet<>();
        for (EquationIndex.Row r : index().rows()) {
            for (EquationIndex.ClaimRef c : r.claims()) {
                Claim claim = ledger.get(c.id());
                assertNotNull(claim, r.title() + " names the claim " + c.id() + ", which the ledger does not have");
                assertEquals(claim.expected().label(), c.expected(), r.title() + ": the status of " + c.id());
                listed.add(c.id());
            }
        }
        Set<String> missing = new HashSet<>(ledger.keySet());
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "ledger claims missing from docs/equations.md: " + missing);
        // every claim's ref leads back to a row (what `check --explain REF` prints)
        EquationIndex idx = index();
        Map<String, String> refs = ledger.values().stream().collect(Collectors.toMap(Claim::id, Claim::ref));
        for (Claim c : ledger.values()) {
            assertFalse(idx.find(c.ref(), refs).isEmpty(), "no row for the ref \"" + c.ref() + "\"");
        }
    }

    @Test
    void everyRowHasARoleAndTheRowsLeftAsideSayWhy() throws IOException {
        for (EquationIndex.Row r : index().rows()) {
            assertTrue(ROLES.contains(r.role()), r.title() + ": role " + r.role());
            assertFalse(r.what().isBlank() || r.what().equals("—"), r.title() + ": what");
            if (r.code().isEmpty() && r.claims().isEmpty() && !r.role().equals("derivation")) {
                assertNotEquals("—", r.notes(), r.title() + " is neither implemented nor checked and does not say why");
            }
        }
    }

    @Test
    void theJarShipsTheSameIndex() throws IOException {
        assertEquals(index().rows(), EquationIndex.load().rows(), "the resource differs from docs/equations.md; rebuild");
    }

    @Test
    void referencesResolveCaseInsensitively() throws IOException {
        EquationIndex idx = index();
        Map<String, String> refs = Ledger.standard().claims().stream().collect(Collectors.toMap(Claim::id, Claim::ref));
        for (String r : List.of("3.31", "(3.31)", "eq. (3.31)", "Eq 3.31", "EQ. (3.31)")) {
            assertEquals(List.of("3.31"), idx.find(r, refs).stream().map(EquationIndex.Row::label).collect(Collectors.toList()), r);
        }
        assertEquals("C.2", EquationIndex.equationNumber("equation c.2"));
        List<String> t9 = idx.find("theorem 9", refs).stream().map(EquationIndex.Row::label).collect(Collectors.toList());
        assertTrue(t9.containsAll(List.of("3.39", "3.40", "3.41")) && !t9.contains("3.36"), t9.toString());
        List<String> t5 = idx.find("Theorem 5", refs).stream().map(EquationIndex.Row::label).collect(Collectors.toList());
        assertTrue(t5.containsAll(List.of("2.30", "2.31")), t5.toString());
        assertTrue(idx.find("Theorem 90", refs).isEmpty());
        assertTrue(idx.find("9.99", refs).isEmpty());
    }
}
