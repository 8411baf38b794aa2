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
 * The files of one experiment run: the output folder and the files written into it, each atomically, in the
 * order written. The folder is created (if missing) with the first file, so an experiment that refuses its
 * options (or fails) before writing anything leaves no empty folder behind.
 */
final class ExperimentFiles {
    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    /**
     * Checks {@code out} without creating it: a file in its place, or in place of a missing parent, is an
     * error naming {@code out}.
     */
    ExperimentFiles(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidModelException("out: " + out + " is a file, expected a folder");
        }
        for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InvalidModelException("out: cannot create folder " + out + ": " + p + " is a file");
                }
                break;
            }
        }
        this.dir = out;
    }

    /** Writes {@code name} atomically (creating the folder first if missing) and records it. */
    void write(String name, byte[] bytes) {
        if (written.isEmpty()) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new MemarlException("out: cannot create folder " + dir + ": " + ResultWriter.reason(e), e);
            }
        }
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
