package org.memarl.mutation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The score gate of the {@code mutation} profile (issue 19): reads PIT's {@code mutations.xml}, takes away
 * the surviving mutants listed as equivalent in {@code docs/mutation/equivalent-mutants.tsv}, and fails
 * when fewer than {@code threshold} percent of the rest are killed, or when the list covers more than
 * {@code maxEquivalent} percent of all mutants.
 *
 * <p>An entry of the list names the mutated class, method, PIT mutator (its short name, e.g.
 * {@code MathMutator}, or the full one) and PIT's description, plus the line it was on when it was
 * reviewed and the reason. It matches the mutants with the same class, method, mutator and description;
 * the line only decides between several such mutants (the nearest line wins), so an unrelated edit that
 * moves code does not break the list. An entry that matches no mutant of a class in the report is stale
 * and fails the check (the code changed: review it); one that matches a killed mutant is reported.
 *
 * <p>Usage: {@code MutationScore mutations.xml equivalent-mutants.tsv threshold maxEquivalentPercent}.
 */
public final class MutationScore {

    /** One mutant of the report. */
    record Mutant(String mutatedClass, String method, String mutator, String description, int line,
                  String status) {
        boolean detected() {
            return switch (status) {
                case "KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR" -> true;
                default -> false;
            };
        }

        String mutatorShort() {
            return mutator.substring(mutator.lastIndexOf('.') + 1);
        }

        String show() {
            return mutatedClass + "." + method + ":" + line + " " + mutatorShort() + " [" + status + "] "
                    + description;
        }
    }

    /** One reviewed equivalent mutant. */
    record Entry(String mutatedClass, String method, String mutator, String description, int line,
                 String reason, int lineOfFile) {
        boolean matches(Mutant m) {
            String shortName = mutator.substring(mutator.lastIndexOf('.') + 1);
            return m.mutatedClass().equals(mutatedClass) && m.method().equals(method)
                    && m.mutatorShort().equals(shortName) && m.description().equals(description);
        }

        String show() {
            return "equivalent-mutants.tsv line " + lineOfFile + ": " + mutatedClass + "." + method + ":" + line
                    + " " + mutator + " " + description;
        }
    }

    /** The outcome of a check. */
    record Outcome(int total, int detected, int timedOut, int equivalent, List<Mutant> survivors, List<String> problems,
                   List<String> notes, double score, double equivalentShare) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private MutationScore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: MutationScore mutations.xml equivalent-mutants.tsv threshold maxEquivalentPercent");
        }
        List<Mutant> mutants = readReport(Path.of(args[0]));
        List<Entry> entries = readEntries(Path.of(args[1]));
        Outcome o = check(mutants, entries, Double.parseDouble(args[2]), Double.parseDouble(args[3]));
        System.out.println(summary(o));
        if (!o.passed()) {
            // exec:java turns this into a build failure (non-zero exit of mvn)
            throw new IllegalStateException("mutation score check failed: " + String.join("; ", o.problems()));
        }
    }

    /** The report's mutants. */
    static List<Mutant> readReport(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            NodeList nodes = doc.getElementsByTagName("mutation");
            List<Mutant> out = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                out.add(new Mutant(text(e, "mutatedClass"), text(e, "mutatedMethod"), text(e, "mutator"),
                        text(e, "description"), Integer.parseInt(text(e, "lineNumber")), e.getAttribute("status")));
            }
            return out;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(xml + ": not a PIT mutations.xml: " + e.getMessage(), e);
        }
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    /**
     * The list: tab-separated {@code class method mutator line description reason}; blank lines and lines
     * starting with {@code #} are ignored.
     */
    static List<Entry> readEntries(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t", -1);
            if (f.length != 6 || f[5].isBlank()) {
                throw new IOException(tsv + " line " + (i + 1)
                        + ": expected 6 tab-separated fields (class, method, mutator, line, description, reason)");
            }
            int line;
            try {
                line = Integer.parseInt(f[3].trim());
            } catch (NumberFormatException e) {
                throw new IOException(tsv + " line " + (i + 1) + ": line number '" + f[3] + "'", e);
            }
            out.add(new Entry(f[0].trim(), f[1].trim(), f[2].trim(), f[4].trim(), line, f[5].trim(), i + 1));
        }
        return out;
    }

    /** Matches the list against the report and computes the score on the mutants not listed. */
    static Outcome check(List<Mutant> mutants, List<Entry> entries, double threshold, double maxEquivalent) {
        Set<String> classes = new LinkedHashSet<>();
        for (Mutant m : mutants) {
            classes.add(m.mutatedClass());
        }
        Set<Mutant> claimed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int equivalent = 0;
        for (Entry e : entries) {
            if (!classes.contains(e.mutatedClass())) {
                continue; // class outside this run's scope
            }
            Mutant best = null;
            for (Mutant m : mutants) {
                if (!claimed.contains(m) && e.matches(m)
                        && (best == null || Math.abs(m.line() - e.line()) < Math.abs(best.line() - e.line()))) {
                    best = m;
                }
            }
            if (best == null) {
                problems.add("stale entry (no such mutant any more; review the list): " + e.show());
                continue;
            }
            claimed.add(best);
            if (best.detected()) {
                notes.add("listed as equivalent but " + best.status() + " (remove it from the list): " + e.show());
            } else {
                equivalent++;
            }
        }
        int detected = 0;
        int timedOut = 0;
        List<Mutant> survivors = new ArrayList<>();
        for (Mutant m : mutants) {
            if (m.detected()) {
                detected++;
                if (m.status().equals("TIMED_OUT")) {
                    timedOut++;
                }
            } else if (!claimed.contains(m)) {
                survivors.add(m);
            }
        }
        int total = mutants.size();
        int considered = total - equivalent;
        double score = considered == 0 ? 100.0 : 100.0 * detected / considered;
        double share = total == 0 ? 0.0 : 100.0 * equivalent / total;
        if (total == 0) {
            problems.add("the report holds no mutant");
        }
        if (score < threshold) {
            problems.add(String.format(Locale.ROOT, "score %.2f%% below the threshold %.2f%%", score, threshold));
        }
        if (share > maxEquivalent) {
            problems.add(String.format(Locale.ROOT, "equivalent list covers %.2f%% of the mutants, more than %.2f%%",
                    share, maxEquivalent));
        }
        return new Outcome(total, detected, timedOut, equivalent, survivors, problems, notes, score, share);
    }

    static String summary(Outcome o) {
        StringBuilder b = new StringBuilder();
        for (Mutant m : o.survivors()) {
            b.append("survived: ").append(m.show()).append('\n');
        }
        for (String n : o.notes()) {
            b.append("note: ").append(n).append('\n');
        }
        for (String p : o.problems()) {
            b.append("FAILED: ").append(p).append('\n');
        }
        b.append(String.format(Locale.ROOT,
                "mutation score: %d killed (%d of them by a time-out) of %d mutants, %d listed equivalent (%.2f%%),"
                        + " %d surviving: %.2f%% of the non-equivalent killed",
                o.detected(), o.timedOut(), o.total(), o.equivalent(), o.equivalentShare(), o.survivors().size(),
                o.score()));
        return b.toString();
    }
}
