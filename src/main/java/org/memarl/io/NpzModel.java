package org.memarl.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;
import org.memarl.model.Mdp;
import org.memarl.model.TransitionMatrix;

/**
 * MDPs in numpy's {@code .npz} container (the layout of {@code docs/model-format.md}, "npz models"):
 *
 * <pre>
 *   indptr  (S*A + 1,)  int32 or int64   CSR row starts of T reshaped (S*A) x S, row s*A + a
 *   indices (nnz,)      int32 or int64   next state s' of each entry, strictly increasing within a row
 *   data    (nnz,)      float64          T(s' | s, a)
 *   T       (S, A, S) or (S*A, S) float64  instead of the three CSR arrays: dense T
 *   rewards (S, A)      float64          r(s, a)     (R is accepted as its alias: peer_bench.py --save)
 *   gamma   ()          float64          discount
 *   prior   (S, A)      float64          optional P(a | s)
 *   horizon ()          int              optional finite horizon
 *   initial (S,)        float64          optional initial distribution
 * </pre>
 *
 * The scalars {@code S}, {@code A}, {@code k}, {@code beta}, {@code seed} and the start vector
 * {@code V0} of {@code peer_bench.py --save} files are accepted (S and A must agree with the shapes)
 * and otherwise ignored; any other array is an error. A sparse T is read straight into the compressed
 * rows of {@link TransitionMatrix#compressedRows} (adopted, no second copy), so a model occupies about
 * its file size in memory.
 */
public final class NpzModel {
    private static final Set<String> KEYS = Set.of("indptr", "indices", "data", "T", "rewards", "R", "gamma", "prior",
            "horizon", "initial", "S", "A", "k", "beta", "seed", "V0");

    private NpzModel() {
    }

    /** Whether the file starts like a zip archive (an {@code .npz}) rather than JSON text. */
    public static boolean isNpz(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // a FIFO or a device is read once, as JSON: sniffing would consume its first bytes
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(4);
            // a local file header, or the end record of an empty archive (read as a zip, not echoed as JSON)
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads an MDP from an {@code .npz} file; every problem is one {@link InvalidModelException} naming the array. */
    public static Mdp read(Path file) {
        try (Npz.Reader r = new Npz.Reader(file)) {
            for (String n : r.names()) {
                if (!KEYS.contains(n)) {
                    throw new InvalidModelException(Fmt.safe(n) + ": unknown array (allowed: " + String.join(", ", new TreeSet<>(KEYS))
                            + ")");
                }
            }
            String rk = r.has("rewards") ? "rewards" : "R";
            if (!r.has(rk)) {
                throw new InvalidModelException("rewards: missing (an (S, A) float64 array)");
            }
            Npz.Header rh = r.header(rk);
            if (rh.shape().length != 2) {
                throw new InvalidModelException(rk + ": shape " + rh.shapeText() + ", expected (S, A)");
            }
            long sl = rh.shape()[0];
            long al = rh.shape()[1];
            if (sl < 1 || al < 1 || sl * al > Integer.MAX_VALUE - 8) {
                throw new InvalidModelException(rk + ": shape " + rh.shapeText() + " is empty or too large");
            }
            int n = (int) sl;
            int m = (int) al;
            checkScalar(r, "S", n);
            checkScalar(r, "A", m);
            if (!r.has("gamma")) {
                throw new InvalidModelException("gamma: missing (a float64 scalar)");
            }
            double gamma = scalar(r, "gamma");
            Mdp.Builder b = Mdp.builder().name(stem(file)).states(n).actions(m).gamma(gamma);
            if (r.has("horizon")) {
                double h = scalar(r, "horizon");
                if (h != Math.rint(h) || h < 1 || h > Integer.MAX_VALUE) {
                    throw new InvalidModelException("horizon: " + h + " is not a positive integer");
                }
                b.horizon((int) h);
            }
            if (r.has("initial")) {
                b.initial(vector(r, "initial", n));
            }
            TransitionMatrix.RowLabel label = row -> "[" + (row / m) + "][" + (row % m) + "]";
            int rows = n * m;
            boolean csr = r.has("indptr") || r.has("indices") || r.has("data");
            if (csr && r.has("T")) {
                throw new InvalidModelException("T: given together with indptr/indices/data; give one form of the transitions");
            }
            if (csr) {
                for (String k : List.of("indptr", "indices", "data")) {
                    if (!r.has(k)) {
                        throw new InvalidModelException(k + ": missing (CSR transitions need indptr, indices and data)");
                    }
                    if (r.header(k).shape().length != 1) {
                        throw new InvalidModelException(k + ": shape " + r.header(k).shapeText() + ", expected one dimension");
                    }
                }
                if (r.header("indptr").size() != rows + 1L) {
                    throw new InvalidModelException("indptr: " + r.header("indptr").size() + " entries, expected "
                            + (rows + 1L) + " (S*A + 1 with S = " + n + ", A = " + m + " from the rewards)");
                }
                int[] indptr = r.ints("indptr");
                int[] indices = r.ints("indices");
                double[] data = r.doubles("data");
                b.transitions(TransitionMatrix.compressedRows(rows, n, indptr, indices, data, "transitions", label));
            } else if (r.has("T")) {
                Npz.Header th = r.header("T");
                long[] sh = th.shape();
                boolean ok = sh.length == 3 ? sh[0] == n && sh[1] == m && sh[2] == n
                        : sh.length == 2 && sh[0] == rows && sh[1] == n;
                if (!ok) {
                    throw new InvalidModelException("T: shape " + th.shapeText() + ", expected (" + n + ", " + m + ", " + n
                            + ") or (" + rows + ", " + n + ")");
                }
                DMatrixRMaj d = DMatrixRMaj.wrap(rows, n, r.doubles("T"));
                b.transitions(TransitionMatrix.dense(d, "transitions", label));
            } else {
                throw new InvalidModelException("transitions: missing (indptr, indices and data of T as (S*A) x S, or T)");
            }
            b.rewardsFlat(r.doubles(rk));
            if (r.has("prior")) {
                Npz.Header ph = r.header("prior");
                if (ph.shape().length != 2 || ph.shape()[0] != n || ph.shape()[1] != m) {
                    throw new InvalidModelException("prior: shape " + ph.shapeText() + ", expected (" + n + ", " + m + ")");
                }
                b.priorFlat(r.doubles("prior"));
            }
            return b.build();
        }
    }

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        return f.toLowerCase(java.util.Locale.ROOT).endsWith(".npz") ? f.substring(0, f.length() - 4) : f;
    }

    private static double scalar(Npz.Reader r, String k) {
        Npz.Header h = r.header(k);
        if (h.size() != 1) {
            throw new InvalidModelException(k + ": shape " + h.shapeText() + ", expected a scalar");
        }
        double x = r.doubles(k)[0];
        if (!Double.isFinite(x)) {
            throw new InvalidModelException(k + ": " + x + " is not a finite number");
        }
        return x;
    }

    private static void checkScalar(Npz.Reader r, String k, int expected) {
        if (r.has(k)) {
            double x = scalar(r, k);
            if (x != expected) {
                throw new InvalidModelException(k + ": " + fmt(x) + " disagrees with the rewards' shape (" + expected + ")");
            }
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static double[] vector(Npz.Reader r, String k, int n) {
        Npz.Header h = r.header(k);
        if (h.shape().length != 1 || h.shape()[0] != n) {
            throw new InvalidModelException(k + ": shape " + h.shapeText() + ", expected (" + n + ",)");
        }
        return r.doubles(k);
    }

    /**
     * The arrays of an MDP whose T is given in compressed rows, in the layout that {@link #read} reads.
     *
     * @param prior {@code [s][a]} flat, or null for none (uniform)
     */
    public static List<Npz.Array> arrays(int states, int actions, int[] indptr, int[] indices, double[] data,
                                         double[] rewards, double[] prior, double gamma) {
        List<Npz.Array> out = new ArrayList<>();
        out.add(Npz.Array.of("indptr", indptr, indptr.length));
        out.add(Npz.Array.of("indices", indices, indices.length));
        out.add(Npz.Array.of("data", data, data.length));
        out.add(Npz.Array.of("rewards", rewards, states, actions));
        if (prior != null) {
            out.add(Npz.Array.of("prior", prior, states, actions));
        }
        out.add(Npz.Array.scalar("gamma", gamma));
        return out;
    }

    /** Writes the arrays as an {@code .npz} file atomically (temporary file, then rename). */
    public static void write(Path target, List<Npz.Array> arrays) {
        ResultWriter.writeAtomically(target, out -> Npz.write(out, arrays));
    }
}
