package org.memarl.cli;

import java.nio.file.Path;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.io.NpzModel;
import org.memarl.io.ResultWriter;
import picocli.CommandLine;

/**
 * The model of a command that takes {@code MODEL} or {@code --example NAME} ({@code solve}, {@code sweep},
 * {@code filter}): the usage checks and the reading, with the same messages in every command.
 */
final class ModelInput {
    private ModelInput() {
    }

    /** A model read, with the SHA-256 of its bytes (the provenance of results). */
    record Loaded(Models.Model model, String sha256) {
    }

    /** Bad usage unless exactly one of MODEL and {@code --example} is given. */
    static void requireOne(CommandLine.Model.CommandSpec spec, Path model, String example) {
        if ((model == null) == (example == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    model == null ? "give a MODEL file or --example NAME" : "give either a MODEL file or --example, not both");
        }
    }

    /** Bad usage unless exactly one of {@code --algorithm} and {@code --chain} is given. */
    static void requireAlgorithmOrChain(CommandLine.Model.CommandSpec spec, String algorithm, Path chain) {
        if ((algorithm == null) == (chain == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), algorithm == null
                    ? "give --algorithm NAME or --chain FILE" : "give either --algorithm or --chain, not both");
        }
    }

    /**
     * Reads the model file (or the bundled example when {@code model} is null).
     *
     * @param maxBytes the largest JSON (or text) model file read
     * @param limitHint what raises the limit, named in the message ({@code --max-model-bytes}), or null
     * @param npz whether a {@code .npz} file is read as an MDP (else it is read as JSON)
     * @param textFormats whether Cassandra's {@code .pomdp} and MADP's {@code .dpomdp} files and examples are read
     *        (else they are read as JSON)
     */
    static Loaded load(Path model, String example, long maxBytes, String limitHint, boolean npz, boolean textFormats) {
        if (model != null && npz && NpzModel.isNpz(model)) {
            // read straight into compressed rows: no byte copy of the file, no JSON tree
            return new Loaded(new Models.MdpModel(NpzModel.read(model)), ResultWriter.sha256(model));
        }
        if (model != null && textFormats && Models.isTextFormat(model.getFileName().toString())) {
            // Cassandra's .pomdp or MADP's .dpomdp (issue 15)
            byte[] bytes = Models.readTextBytes(model, maxBytes, limitHint);
            return new Loaded(Models.readText(bytes, model.getFileName().toString()), ResultWriter.sha256(bytes));
        }
        if (model != null) {
            // streamed: an unknown key or non-JSON bytes are refused on sight, and at most maxBytes are read
            Json.Parsed parsed = Models.parse(model, maxBytes, limitHint);
            return new Loaded(Models.read(parsed.root()), parsed.sha256());
        }
        byte[] bytes = Examples.bytes(example);
        Models.Model m = textFormats && Models.isTextFormat(example) ? Models.readText(bytes, example)
                : Models.read(Json.parse(bytes, "example " + example));
        return new Loaded(m, ResultWriter.sha256(bytes));
    }
}
