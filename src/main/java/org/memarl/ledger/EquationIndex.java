package org.memarl.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * The equation index {@code docs/equations.md} (shipped in the jar as {@value #RESOURCE}): one row per numbered
 * equation of the thesis's chapters 2-5 and appendices, plus the claims labelled by a theorem or section, each with
 * its role, the code that implements it, the ledger claims that check it and notes. The markdown file is the single
 * source: this class parses its table rows ({@code | eq. | role | what | implemented in | checked by | notes |}) and
 * answers {@code check --explain REF}.
 */
public final class EquationIndex {
    /** Where the jar keeps the index. */
    public static final String RESOURCE = "/org/memarl/docs/equations.md";

    private static final Pattern NUMBER = Pattern.compile("^[0-9A-C]\\.[0-9]+$");
    private static final Pattern LINK = Pattern.compile("\\[`([^`]+)`\\]\\(([^)]+)\\)");
    private static final Pattern CLAIM = Pattern.compile("`([a-z0-9-]+)` (holds-when|holds|falsified)");

    /** A link to the code: {@code Class.method} (or {@code Class}) and its path relative to {@code docs/}. */
    public record Link(String name, String path) {
        /** The class's simple name. */
        public String className() {
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        }

        /** The method's name, or null for a class. */
        public String method() {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? null : name.substring(dot + 1);
        }
    }

    /** A claim named in a row with the status the index says the ledger expects. */
    public record ClaimRef(String id, String expected) {
    }

    /**
     * One row: the section heading it is under, its label ({@code "3.31"} for a numbered equation, else the theorem or
     * section label), role, description, implementing code, claims and notes ({@code "—"} when empty).
     */
    public record Row(String section, String label, String role, String what, List<Link> code, List<ClaimRef> claims,
                      String notes) {
        /** Whether the row is a numbered equation. */
        public boolean numbered() {
            return NUMBER.matcher(label).matches();
        }

        /** {@code "eq. (3.31)"} or the label. */
        public String title() {
            return numbered() ? "eq. (" + label + ")" : label;
        }
    }

    private final List<Row> rows;

    private EquationIndex(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** The index the jar ships. */
    public static EquationIndex load() {
        try (InputStream in = EquationIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new MemarlException("equation index: resource " + RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new MemarlException("equation index: cannot read " + RESOURCE + ": " + e.getMessage());
        }
    }

    /** Parses the markdown: every table row under a {@code ## } heading, except the header and separator rows. */
    public static EquationIndex parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        String section = "";
        for (String line : lines) {
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
                continue;
            }
            if (!line.startsWith("| ") || line.startsWith("| eq. |") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
            if (cells.length != 6) {
                throw new MemarlException("equation index: row \"" + line + "\" has " + cells.length + " cells, expected 6");
            }
            String label = cells[0].strip();
            if (label.startsWith("(") && label.endsWith(")")) {
                label = label.substring(1, label.length() - 1);
            }
            List<Link> code = new ArrayList<>();
            Matcher m = LINK.matcher(cells[3]);
            while (m.find()) {
                code.add(new Link(m.group(1), m.group(2)));
            }
            List<ClaimRef> claims = new ArrayList<>();
            m = CLAIM.matcher(cells[4]);
            while (m.find()) {
                claims.add(new ClaimRef(m.group(1), m.group(2)));
            }
            rows.add(new Row(section, label, cells[1].strip(), cells[2].strip(), code, claims, cells[5].strip()));
        }
        return new EquationIndex(rows);
    }

    /**
     * The equation number a reference names ({@code "3.31"}, {@code "(3.31)"}, {@code "eq. (3.31)"}, {@code "Eq 3.31"},
     * {@code "equation c.2"} give {@code "3.31"} / {@code "C.2"}), or null when it is not an equation reference.
     */
    public static String equationNumber(String ref) {
        String r = ref.strip().toLowerCase(Locale.ROOT);
        r = r.replaceFirst("^(equation|eqs?\\.?)\\s*", "");
        if (r.startsWith("(") && r.endsWith(")")) {
            r = r.substring(1, r.length() - 1).strip();
        }
        r = r.toUpperCase(Locale.ROOT);
        return NUMBER.matcher(r).matches() ? r : null;
    }

    /**
     * The rows a reference names, case-insensitively: an equation number gives its row; otherwise the rows whose label
     * starts with the reference, whose description starts with it as a label ({@code "Theorem 9: ..."}), or that list a claim
     * whose id is the reference or whose ref is it (with or without a parenthesised qualifier such as
     * {@code "(corrected)"}).
     *
     * @param claimRefs the ledger's claim refs by id
     */
    public List<Row> find(String ref, Map<String, String> claimRefs) {
        String number = equationNumber(ref);
        if (number != null) {
            return rows.stream().filter(r -> r.label().equals(number)).collect(Collectors.toList());
        }
        String want = ref.strip().toLowerCase(Locale.ROOT);
        if (want.isEmpty()) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            boolean hit = r.label().toLowerCase(Locale.ROOT).startsWith(want)
                    || r.what().toLowerCase(Locale.ROOT).startsWith(want + ":");
            for (ClaimRef c : r.claims()) {
                String cref = claimRefs.getOrDefault(c.id(), "").toLowerCase(Locale.ROOT);
                hit |= c.id().equals(want) || cref.equals(want) || cref.startsWith(want + " (");
            }
            if (hit) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The text of {@code check --explain REF}: each matching row (role, description, code, notes) and, per claim, its
     * ref, expected status and statement with the command that runs it, or that replays its counterexample when it is
     * expected falsified.
     *
     * @throws InvalidModelException when no row matches (bad input: exit 2)
     */
    public String explain(String ref, List<Claim> ledger) {
        Map<String, Claim> byId = ledger.stream().collect(Collectors.toMap(Claim::id, Function.identity()));
        Map<String, String> refs = ledger.stream().collect(Collectors.toMap(Claim::id, Claim::ref));
        List<Row> found = find(ref, refs);
        if (found.isEmpty()) {
            throw new InvalidModelException("explain: \"" + ref + "\" names no equation, label or claim of the index"
                    + " (docs/equations.md); give a number such as 3.31, eq. (2.27) or a label such as Theorem 9");
        }
        StringBuilder b = new StringBuilder();
        Set<String> shown = new LinkedHashSet<>();
        for (Row r : found) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(r.title()).append("   [").append(r.section()).append("]\n");
            b.append("  role:            ").append(r.role()).append('\n');
            b.append("  what:            ").append(r.what()).append('\n');
            b.append("  implemented in:  ");
            if (r.code().isEmpty()) {
                b.append("—\n");
            } else {
                for (int i = 0; i < r.code().size(); i++) {
                    Link l = r.code().get(i);
                    b.append(i == 0 ? "" : "                   ").append(l.name()).append("  (")
                            .append(l.path().replaceFirst("^\\.\\./", "")).append(")\n");
                }
            }
            b.append("  checked by:      ");
            if (r.claims().isEmpty()) {
                b.append("—\n");
            }
            boolean first = true;
            for (ClaimRef c : r.claims()) {
                Claim claim = byId.get(c.id());
                b.append(first ? "" : "                   ");
                first = false;
                if (claim == null) {
                    b.append(c.id()).append(": not in the ledger\n");
                    continue;
                }
                b.append(claim.id()).append(" (").append(claim.ref()).append("): expected ").append(claim.expected().label());
                if (claim.condition() != null) {
                    b.append(" (").append(claim.condition()).append(')');
                }
                b.append('\n');
                if (shown.add(claim.id())) {
                    b.append("                     ").append(claim.statement()).append('\n');
                }
                b.append("                     ").append(command(claim)).append('\n');
            }
            b.append("  notes:           ").append(r.notes()).append('\n');
        }
        return b.toString();
    }

    /** The command that runs a claim, or replays its counterexample (written to {@code counterexamples/}). */
    static String command(Claim c) {
        String base = "java -jar target/memarl.jar check " + c.id();
        if (c.expected() != Status.FALSIFIED) {
            return "run: " + base;
        }
        // the witnesses are re-checked first, so one random trial suffices to show the counterexample
        return "replay its counterexample: " + base + (c.witnesses().isEmpty() ? "" : " --trials 1")
                + " --seed 20201 --counterexamples counterexamples";
    }
}
