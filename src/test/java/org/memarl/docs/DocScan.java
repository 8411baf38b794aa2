package org.memarl.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Markdown page into what {@link DocumentedCommandsTest} checks, in page order: the commands of its
 * shell blocks, the outputs documented for them, the memarl commands quoted inline in its prose, and the
 * problems that make a page unverifiable (a command outside a shell block, output with no command). The
 * conventions are those of {@link DocumentedCommandsTest}.
 */
final class DocScan {
    private DocScan() {
    }

    /** Fence languages whose blocks hold commands. */
    static final Set<String> SHELL = Set.of("sh", "bash", "shell", "console");

    /** What a page shows. */
    sealed interface Item permits Command, Output, Inline, Problem {
        String file();

        int line();
    }

    /**
     * A command of a shell block: its text (continuations joined, comment removed; a loop's body with the
     * loop variable substituted), the exit status its comment expects (default 0) and whether it is marked
     * {@code dry-run}.
     */
    record Command(String file, int line, String text, int expectedExit, boolean dryRun) implements Item {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    /** Output documented for the command before it. */
    record Output(String file, int line, String text) implements Item {
    }

    /** A memarl command quoted in prose ({@code `java -jar target/memarl.jar ...`} or {@code `memarl SUB ...`}). */
    record Inline(String file, int line, String text) implements Item {
    }

    /** Something on the page the runner cannot check as it stands. */
    record Problem(String file, int line, String message) implements Item {
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
    private static final Pattern MARKER = Pattern.compile("^(?:exit (\\d+)|dry-run)\\b[\\s,;:]*");
    private static final Pattern LOOP = Pattern.compile("^for ([A-Za-z_][A-Za-z0-9_]*) in ([^;]*);\\s*do\\b\\s*(.*)$",
            Pattern.DOTALL);

    /** The items of a page, {@code subcommands} the CLI's subcommand names (to recognise {@code memarl SUB}). */
    static List<Item> scan(String file, List<String> lines, Set<String> subcommands) {
        List<Item> items = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        int paragraphStart = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (f.matches() && !(f.group(2).charAt(0) == '`' && f.group(3).contains("`"))) {
                inline(file, paragraphStart, paragraph, subcommands, items);
                paragraph.clear();
                String indent = f.group(1);
                String fence = f.group(2);
                List<String> info = Arrays.asList(f.group(3).strip().toLowerCase(Locale.ROOT).split("\\s+"));
                int start = i + 2; // 1-based number of the block's first line
                List<String> body = new ArrayList<>();
                i++;
                while (i < lines.size()) {
                    String l = lines.get(i);
                    String t = l.strip();
                    if (t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0))) {
                        break;
                    }
                    body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
                    i++;
                }
                i++;
                block(file, start, info, body, subcommands, items);
                continue;
            }
            if (line.isBlank()) {
                inline(file, paragraphStart, paragraph, subcommands, items);
                paragraph.clear();
            } else {
                if (paragraph.isEmpty()) {
                    paragraphStart = i + 1;
                }
                paragraph.add(line);
            }
            i++;
        }
        inline(file, paragraphStart, paragraph, subcommands, items);
        return items;
    }

    private static void block(String file, int firstLine, List<String> info, List<String> body, Set<String> subcommands,
            List<Item> items) {
        String lang = info.get(0);
        if (info.contains("output")) {
            items.add(new Output(file, firstLine, String.join("\n", body)));
        } else if (lang.equals("console")) {
            console(file, firstLine, body, items);
        } else if (SHELL.contains(lang)) {
            shell(file, firstLine, body, items);
        } else if (!info.contains("synopsis")) {
            for (int k = 0; k < body.size(); k++) {
                String t = body.get(k).strip();
                if (t.startsWith("$ ")) {
                    t = t.substring(2).strip();
                }
                if (looksLikeCommand(t, subcommands)) {
                    items.add(new Problem(file, firstLine + k, "a command in a block that is not a shell block: label"
                            + " the block ```sh (or ```console with `$ ` prompts), or ```text synopsis if it is a synopsis,"
                            + " or add `output` to the info string if it is output: " + t));
                }
            }
        }
    }

    /** Whether a line of a non-shell block reads like a command a user would type. */
    static boolean looksLikeCommand(String t, Set<String> subcommands) {
        if (t.startsWith("java ") && t.contains("memarl.jar")) {
            return true;
        }
        String[] w = t.split("\\s+");
        return w.length >= 2 && w[0].equals("memarl") && subcommands.contains(w[1]);
    }

    /** A logical line: continuations joined, with the line number it starts on. */
    private record Logical(int line, String text) {
    }

    private static List<Logical> logical(int firstLine, List<String> body) {
        List<Logical> out = new ArrayList<>();
        StringBuilder cur = null;
        int start = 0;
        for (int k = 0; k < body.size(); k++) {
            String l = body.get(k);
            if (cur == null) {
                cur = new StringBuilder();
                start = firstLine + k;
            } else {
                l = l.strip();
            }
            String r = l.stripTrailing();
            if (r.endsWith("\\") && !Shell.splitComment(r).comment().endsWith("\\")) {
                cur.append(r, 0, r.length() - 1).append(' ');
            } else {
                cur.append(r);
                out.add(new Logical(start, cur.toString()));
                cur = null;
            }
        }
        if (cur != null) {
            out.add(new Logical(start, cur.toString()));
        }
        return out;
    }

    private static void shell(String file, int firstLine, List<String> body, List<Item> items) {
        List<Logical> lines = logical(firstLine, body);
        for (int k = 0; k < lines.size(); k++) {
            Logical l = lines.get(k);
            Shell.Line sl = Shell.splitComment(l.text());
            String code = sl.code();
            if (code.startsWith("$ ")) {
                code = code.substring(2).strip();
            }
            if (code.isEmpty()) {
                continue;
            }
            if (code.startsWith("for ")) {
                // a loop: the header, its body lines, and the line that ends with "done" (whose comment holds the markers)
                StringBuilder loop = new StringBuilder(code);
                String comment = sl.comment();
                while (!endsWithDone(loop.toString()) && k + 1 < lines.size()) {
                    k++;
                    Shell.Line next = Shell.splitComment(lines.get(k).text());
                    loop.append('\n').append(next.code());
                    if (!next.comment().isEmpty()) {
                        comment = next.comment();
                    }
                }
                loop(file, l.line(), loop.toString(), comment, items);
                continue;
            }
            command(file, l.line(), code, sl.comment(), items);
        }
    }

    private static boolean endsWithDone(String code) {
        return code.strip().matches("(?s).*(^|[\\s;])done");
    }

    private static void loop(String file, int line, String code, String comment, List<Item> items) {
        Matcher m = LOOP.matcher(code.strip());
        if (!m.matches() || !endsWithDone(code)) {
            items.add(new Problem(file, line, "a loop the runner does not understand (write `for X in A B; do CMD; done`): "
                    + code.replace('\n', ' ')));
            return;
        }
        String var = m.group(1);
        String[] values = m.group(2).strip().split("\\s+");
        String rest = m.group(3).strip();
        String inner = rest.substring(0, rest.length() - "done".length()).strip();
        List<String> cmds = new ArrayList<>();
        for (String part : inner.split("[\\n;]")) {
            if (!part.isBlank()) {
                cmds.add(part.strip());
            }
        }
        for (String v : values) {
            for (String c : cmds) {
                command(file, line, Shell.substitute(c, var, v), comment, items);
            }
        }
    }

    private static void command(String file, int line, String code, String comment, List<Item> items) {
        int exit = 0;
        boolean dry = false;
        String rest = comment;
        for (Matcher m = MARKER.matcher(rest); !rest.isEmpty() && m.lookingAt(); m = MARKER.matcher(rest)) {
            if (m.group(1) != null) {
                exit = Integer.parseInt(m.group(1));
            } else {
                dry = true;
            }
            rest = rest.substring(m.end());
        }
        items.add(new Command(file, line, code.replaceAll("\\s+", " ").strip(), exit, dry));
    }

    private static void console(String file, int firstLine, List<String> body, List<Item> items) {
        int k = 0;
        boolean any = false;
        while (k < body.size()) {
            String l = body.get(k);
            if (l.startsWith("$ ") || l.strip().equals("$")) {
                int start = firstLine + k;
                StringBuilder cmd = new StringBuilder(l.substring(1).strip());
                while (cmd.toString().endsWith("\\") && k + 1 < body.size()) {
                    k++;
                    String c = body.get(k).strip();
                    cmd.setLength(cmd.length() - 1);
                    cmd.append(' ').append(c.startsWith("> ") ? c.substring(2) : c);
                }
                Shell.Line sl = Shell.splitComment(cmd.toString());
                if (!sl.code().isEmpty()) {
                    command(file, start, sl.code(), sl.comment(), items);
                    any = true;
                }
                k++;
                int outStart = firstLine + k;
                List<String> out = new ArrayList<>();
                while (k < body.size() && !(body.get(k).startsWith("$ ") || body.get(k).strip().equals("$"))) {
                    out.add(body.get(k));
                    k++;
                }
                if (out.stream().anyMatch(s -> !s.isBlank())) {
                    items.add(new Output(file, outStart, String.join("\n", out)));
                }
            } else if (!any && !l.isBlank()) {
                items.add(new Problem(file, firstLine + k, "a console block must start with a `$ ` command line: " + l));
                k++;
            } else {
                k++;
            }
        }
    }

    private static final Pattern SPAN = Pattern.compile("(`+)(.+?)\\1", Pattern.DOTALL);

    private static void inline(String file, int start, List<String> paragraph, Set<String> subcommands, List<Item> items) {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = String.join("\n", paragraph);
        Matcher m = SPAN.matcher(text);
        while (m.find()) {
            String span = m.group(2).replaceAll("\\s+", " ").strip();
            if (!looksLikeCommand(span, subcommands)) {
                continue;
            }
            int line = start + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            items.add(new Inline(file, line, span));
        }
    }
}
