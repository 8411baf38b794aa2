package org.memarl.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.mutation.MutationScore.Entry;
import org.memarl.mutation.MutationScore.Mutant;
import org.memarl.mutation.MutationScore.Outcome;

/** The mutation score gate: counts worked out by hand on small reports. */
class MutationScoreTest {

    private static Mutant m(String method, int line, String desc, String status) {
        return new Mutant("org.x.K", method, "org.pitest.mutationtest.engine.gregor.mutators.MathMutator", desc, line,
                status);
    }

    private static Entry e(String method, int line, String desc) {
        return new Entry("org.x.K", method, "MathMutator", desc, line, "reason", 1);
    }

    /** 18 killed, 1 timed out, 1 survivor (+ the listed ones). */
    private static List<Mutant> report(Mutant... extra) {
        List<Mutant> out = new java.util.ArrayList<>();
        for (int i = 0; i < 18; i++) {
            out.add(m("f", 10 + i, "killed " + i, "KILLED"));
        }
        out.add(m("f", 40, "slow", "TIMED_OUT"));
        out.add(m("g", 50, "open", "SURVIVED"));
        out.addAll(List.of(extra));
        return out;
    }

    @Test
    @DisplayName("the score is detected / (total - equivalent); timeouts count as detected")
    void scoreSubtractsEquivalents() {
        List<Mutant> r = report(m("h", 60, "same", "SURVIVED"));
        Outcome without = MutationScore.check(r, List.of(), 95, 10);
        assertEquals(21, without.total());
        assertEquals(19, without.detected());
        assertEquals(1, without.timedOut());
        assertEquals(100.0 * 19 / 21, without.score(), 1e-12);
        assertFalse(without.passed());
        Outcome with = MutationScore.check(r, List.of(e("h", 60, "same")), 90, 10);
        assertEquals(1, with.equivalent());
        assertEquals(100.0 * 19 / 20, with.score(), 1e-12);
        assertEquals(100.0 / 21, with.equivalentShare(), 1e-12);
        assertTrue(with.passed(), with.problems().toString());
        assertFalse(MutationScore.check(r, List.of(e("h", 60, "same")), 95.5, 10).passed(), "95% < 95.5%");
    }

    @Test
    @DisplayName("an entry survives a line shift; among equal mutants the nearest line is taken, each mutant once")
    void lineShiftsAndDuplicates() {
        List<Mutant> r = report(m("h", 70, "same", "SURVIVED"), m("h", 90, "same", "SURVIVED"));
        Outcome shifted = MutationScore.check(r, List.of(e("h", 88, "same")), 0, 100);
        assertEquals(1, shifted.equivalent());
        assertEquals(2, shifted.survivors().size());
        assertEquals(70, shifted.survivors().stream().filter(x -> x.method().equals("h")).findFirst().orElseThrow().line(),
                "the entry at line 88 claims the mutant at line 90");
        Outcome both = MutationScore.check(r, List.of(e("h", 1, "same"), e("h", 1, "same")), 0, 100);
        assertEquals(2, both.equivalent());
        Outcome three = MutationScore.check(r, List.of(e("h", 1, "same"), e("h", 1, "same"), e("h", 1, "same")), 0, 100);
        assertFalse(three.passed(), "a third entry has no mutant left: stale");
    }

    @Test
    @DisplayName("a stale entry fails, an entry of a class outside the report is ignored, a killed listed mutant is a note")
    void staleAndOutOfScope() {
        List<Mutant> r = report(m("h", 60, "same", "KILLED"));
        Outcome stale = MutationScore.check(r, List.of(e("h", 60, "other description")), 0, 100);
        assertFalse(stale.passed());
        Outcome outside = MutationScore.check(r,
                List.of(new Entry("org.y.Other", "h", "MathMutator", "d", 1, "reason", 1)), 0, 100);
        assertTrue(outside.passed());
        Outcome killed = MutationScore.check(r, List.of(e("h", 60, "same")), 0, 100);
        assertTrue(killed.passed());
        assertEquals(0, killed.equivalent());
        assertEquals(1, killed.notes().size());
    }

    @Test
    @DisplayName("more than the allowed share of equivalents fails")
    void equivalentShareCapped() {
        List<Mutant> r = report(m("h", 60, "a", "SURVIVED"), m("h", 61, "b", "NO_COVERAGE"), m("h", 62, "c", "SURVIVED"));
        Outcome o = MutationScore.check(r, List.of(e("h", 60, "a"), e("h", 61, "b"), e("h", 62, "c")), 0, 10);
        assertEquals(3, o.equivalent());
        assertEquals(100.0 * 3 / 23, o.equivalentShare(), 1e-12);
        assertFalse(o.passed(), "13% > 10%");
    }

    @Test
    @DisplayName("reads PIT's XML and the tab-separated list")
    void readsFiles(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <mutations partial="false">
                <mutation detected='true' status='KILLED' numberOfTestsRun='2'><sourceFile>K.java</sourceFile>\
                <mutatedClass>org.x.K</mutatedClass><mutatedMethod>f</mutatedMethod><methodDescription>(D)D</methodDescription>\
                <lineNumber>12</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>\
                <indexes><index>3</index></indexes><blocks><block>0</block></blocks><killingTest>t</killingTest>\
                <description>Replaced double addition with subtraction</description></mutation>
                <mutation detected='false' status='SURVIVED' numberOfTestsRun='5'><sourceFile>K.java</sourceFile>\
                <mutatedClass>org.x.K</mutatedClass><mutatedMethod>g</mutatedMethod><methodDescription>()V</methodDescription>\
                <lineNumber>20</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>\
                <indexes><index>1</index></indexes><blocks><block>0</block></blocks><killingTest/>\
                <description>Replaced double multiplication with division</description></mutation>
                </mutations>
                """);
        Path tsv = dir.resolve("eq.tsv");
        Files.writeString(tsv, "# comment\n\norg.x.K\tg\tMathMutator\t19\tReplaced double multiplication with division"
                + "\tmultiplies by 1.0\n");
        List<Mutant> r = MutationScore.readReport(xml);
        assertEquals(2, r.size());
        assertEquals("Replaced double addition with subtraction", r.get(0).description());
        assertEquals(20, r.get(1).line());
        Outcome o = MutationScore.check(r, MutationScore.readEntries(tsv), 100, 50);
        assertEquals(1, o.equivalent());
        assertEquals(100.0, o.score(), 0.0);
        assertTrue(o.passed(), o.problems().toString());
    }
}
