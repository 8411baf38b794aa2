package org.memarl.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.experiment.plot.Figure;
import org.memarl.experiment.plot.FigureRenderer;
import org.memarl.io.ResultWriter;

/**
 * The files of one experiment run: the output folder (created if missing) and the files written into it,
 * each atomically, in the order written.
 */
final class ExperimentFiles {
    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    /** Creates {@code out} if missing; a file in its place is an error naming {@code out}. */
    ExperimentFiles(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidModelException("out: " + out + " is a file, expected a folder");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new MemarlException("out: cannot create folder " + out + ": " + e.getMessage(), e);
        }
        this.dir = out;
    }

    /** Writes {@code name} atomically and records it. */
    void write(String name, byte[] bytes) {
        Path target = dir.resolve(name);
        ResultWriter.writeAtomically(target, bytes);
        written.add(target);
    }

    /** Writes the figure as {@code stem.png} and {@code stem.svg}. */
    void figure(String stem, Figure figure) {
        write(stem + ".png", FigureRenderer.png(figure));
        write(stem + ".svg", FigureRenderer.svg(figure));
    }

    /** The files written so far, in order (a copy). */
    List<Path> written() {
        return List.copyOf(written);
    }
}
