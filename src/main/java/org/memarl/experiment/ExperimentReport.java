package org.memarl.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What an experiment run produced: the summary table for the terminal and the files written.
 *
 * @param table plain-text table, one row per line, ending with a newline
 * @param files the files written, in the order written
 */
public record ExperimentReport(String table, List<Path> files) {
    public ExperimentReport {
        files = List.copyOf(files);
    }
}
