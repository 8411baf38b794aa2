package org.memarl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.memarl.InvalidModelException;
import org.memarl.io.Json;
import org.memarl.io.ResultWriter;
import org.memarl.sweep.SweepFiles;
import org.memarl.sweep.SweepResult;

/**
 * The inputs of a report, recognised by content: a result file ({@code "format": "memarl-result/1"}), a sweep
 * folder (or its {@code sweep.json}, {@code memarl-sweep/1}), a ledger ({@code check --format json}: an object with
 * a {@code "claims"} array) or an experiment folder ({@code summary.json}, {@code experiment.json} and SVG figures).
 */
public final class ReportInputs {
    private ReportInputs() {
    }

    /** One input of a report. */
    public sealed interface Input permits Result, Sweep, Ledger, ExperimentFolder {
        /** Where it was read from (shown on the page). */
        String source();
    }

    /** A {@code memarl-result/1} document. */
    public record Result(String source, JsonNode root) implements Input {
    }

    /** A sweep. */
    public record Sweep(String source, SweepResult sweep) implements Input {
    }

    /** A ledger ({@code check --format json}). */
    public record Ledger(String source, JsonNode root) implements Input {
    }

    /**
     * An experiment folder.
     *
     * @param summary {@code summary.json}, or null
     * @param config {@code experiment.json}, or null
     * @param figures the SVG files' names and contents, by name
     */
    public record ExperimentFolder(String source, JsonNode summary, JsonNode config, List<String[]> figures) implements Input {
        public ExperimentFolder {
            figures = List.copyOf(figures);
        }
    }

    /**
     * Reads every input, in order.
     *
     * @throws InvalidModelException naming the input and why it is not one of the four kinds
     */
    public static List<Input> read(List<Path> paths) {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(read(p));
        }
        return out;
    }

    /** Reads one input. */
    public static Input read(Path p) {
        String src = p.toString();
        if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve(SweepFiles.JSON))) {
                return new Sweep(src, SweepFiles.read(p));
            }
            if (Files.isRegularFile(p.resolve("summary.json")) || Files.isRegularFile(p.resolve("experiment.json"))) {
                List<String[]> figs = new ArrayList<>();
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".svg")).sorted().toList()) {
                        figs.add(new String[] {f.getFileName().toString(), new String(bytes(f), StandardCharsets.UTF_8)});
                    }
                } catch (IOException e) {
                    throw new InvalidModelException("input: cannot list " + p + ": " + ResultWriter.reason(e));
                }
                return new ExperimentFolder(src, json(p.resolve("summary.json")), json(p.resolve("experiment.json")), figs);
            }
            throw new InvalidModelException("input: folder " + p + " holds neither sweep.json (a sweep) nor summary.json"
                    + " (an experiment)");
        }
        if (!Files.exists(p)) {
            throw new InvalidModelException("input: file not found: " + p);
        }
        JsonNode root = Json.parse(bytes(p), src);
        String format = root.path("format").asText("");
        if ("memarl-result/1".equals(format)) {
            return new Result(src, root);
        }
        if (SweepFiles.FORMAT.equals(format)) {
            return new Sweep(src, SweepFiles.fromJson(root, src));
        }
        if (root.isObject() && root.path("claims").isArray()) {
            return new Ledger(src, root);
        }
        throw new InvalidModelException("input: " + p + " is not a result file (memarl-result/1), a sweep (memarl-sweep/1)"
                + " or a ledger (check --format json)");
    }

    private static JsonNode json(Path f) {
        return Files.isRegularFile(f) ? Json.parse(bytes(f), f.toString()) : null;
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new InvalidModelException("input: cannot read " + f + ": " + ResultWriter.reason(e));
        }
    }
}
