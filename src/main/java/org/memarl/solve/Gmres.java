package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * Restarted GMRES(m) (Saad and Schultz 1986) for a linear system {@code A x = b} given only the product
 * {@code x -> A x}: Arnoldi with modified Gram-Schmidt builds an orthonormal basis of the Krylov space
 * {@code span(r0, A r0, ..., A^{j-1} r0)}, Givens rotations keep the least-squares problem
 * {@code min ||beta e_1 - H_j y||_2} triangular so that its residual {@code ||b - A x_j||_2} is known after
 * every product without forming x_j, and after m products (or when the residual meets the target) x is
 * updated and, if needed, the method restarts from the true residual. Cost per product: the product plus
 * O(j n) for the orthogonalisation (j &lt;= m).
 *
 * <p>Workspaces (m + 1 basis vectors of length n, the Hessenberg matrix, the rotations) are sized once in
 * the constructor and reused by every {@link #solve}: nothing is allocated per iteration. Not
 * thread-safe (one instance per solver); the product may itself run on threads.
 */
public final class Gmres {
    /** A linear map {@code y = A x} on vectors of length {@link #size()}. */
    public interface Operator {
        /** The dimension n. */
        int size();

        /** {@code y = A x}; modifies only {@code y}; must not allocate. */
        void apply(double[] x, double[] y);
    }

    private final int n;
    private final int m;
    private final double[][] basis;
    /** Column-major (m + 1) x m Hessenberg matrix: h[j (m + 1) + i] = H(i, j). */
    private final double[] h;
    private final double[] cs;
    private final double[] sn;
    private final double[] g;
    private final double[] y;
    private double residualNorm;

    /**
     * @param n the dimension of the systems
     * @param restart the restart length m (basis vectors kept), at least 1
     * @throws InvalidModelException if n &lt; 1 or m &lt; 1
     */
    public Gmres(int n, int restart) {
        if (n < 1) {
            throw new InvalidModelException("gmres: dimension " + n + " is not positive");
        }
        if (restart < 1) {
            throw new InvalidModelException("restart: " + restart + " is not a positive integer");
        }
        this.n = n;
        this.m = restart;
        this.basis = new double[restart + 1][n];
        this.h = new double[(restart + 1) * restart];
        this.cs = new double[restart];
        this.sn = new double[restart];
        this.g = new double[restart + 1];
        this.y = new double[restart];
    }

    /** The restart length m. */
    public int restart() {
        return m;
    }

    /**
     * The 2-norm of the residual {@code b - A x} at the end of the last {@link #solve}: the least-squares
     * estimate of the Arnoldi process (equal to the true residual in exact arithmetic).
     */
    public double residualNorm() {
        return residualNorm;
    }

    /**
     * Improves {@code x} in place until {@code ||b - A x||_2 <= target} or {@code maxProducts} products.
     *
     * @param a the operator (dimension n)
     * @param b the right-hand side (not modified)
     * @param x the start on entry, the approximate solution on exit (modified)
     * @param r0 {@code b - A x} at the start when the caller has it (saves one product; not modified), or null
     * @param target the 2-norm of the residual at which to stop (0 = until {@code maxProducts})
     * @param maxProducts the most products {@code A v} to spend, at least 1
     * @return the number of products spent
     */
    public int solve(Operator a, double[] b, double[] x, double[] r0, double target, int maxProducts) {
        if (a.size() != n || b.length != n || x.length != n || (r0 != null && r0.length != n)) {
            throw new InvalidModelException("gmres: vectors of length " + b.length + "/" + x.length + ", expected " + n);
        }
        int products = 0;
        double[] r = basis[0];
        if (r0 != null) {
            System.arraycopy(r0, 0, r, 0, n);
        } else {
            a.apply(x, r);
            products++;
            for (int i = 0; i < n; i++) {
                r[i] = b[i] - r[i];
            }
        }
        double beta = norm(r);
        residualNorm = beta;
        while (beta > target && products < maxProducts && beta > 0.0) {
            scale(r, 1.0 / beta);
            java.util.Arrays.fill(g, 0.0);
            g[0] = beta;
            int j = 0;
            double est = beta;
            boolean breakdown = false;
            while (j < m && products < maxProducts) {
                double[] w = basis[j + 1];
                a.apply(basis[j], w);
                products++;
                int col = j * (m + 1);
                for (int i = 0; i <= j; i++) {
                    double hij = dot(w, basis[i]);
                    h[col + i] = hij;
                    axpy(-hij, basis[i], w);
                }
                double hNext = norm(w);
                h[col + j + 1] = hNext;
                if (hNext > 0.0) {
                    scale(w, 1.0 / hNext);
                } else {
                    breakdown = true; // the Krylov space is invariant: the least-squares solution is exact
                }
                for (int i = 0; i < j; i++) {
                    double t = cs[i] * h[col + i] + sn[i] * h[col + i + 1];
                    h[col + i + 1] = -sn[i] * h[col + i] + cs[i] * h[col + i + 1];
                    h[col + i] = t;
                }
                double d = Math.hypot(h[col + j], h[col + j + 1]);
                cs[j] = d == 0.0 ? 1.0 : h[col + j] / d;
                sn[j] = d == 0.0 ? 0.0 : h[col + j + 1] / d;
                h[col + j] = d;
                h[col + j + 1] = 0.0;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                est = Math.abs(g[j + 1]);
                j++;
                if (est <= target || breakdown) {
                    break;
                }
            }
            // y = H_j^{-1} g (upper triangular), x += V_j y
            for (int i = j - 1; i >= 0; i--) {
                double s = g[i];
                for (int k = i + 1; k < j; k++) {
                    s -= h[k * (m + 1) + i] * y[k];
                }
                double d = h[i * (m + 1) + i];
                y[i] = d == 0.0 ? 0.0 : s / d;
            }
            for (int i = 0; i < j; i++) {
                axpy(y[i], basis[i], x);
            }
            residualNorm = est;
            if (est <= target || breakdown || products >= maxProducts) {
                break;
            }
            // restart from the true residual (the estimate drifts from it by rounding)
            a.apply(x, r);
            products++;
            for (int i = 0; i < n; i++) {
                r[i] = b[i] - r[i];
            }
            beta = norm(r);
            residualNorm = beta;
        }
        return products;
    }

    static double norm(double[] v) {
        double scale = 0.0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0.0;
        double inv = 1.0 / scale;
        for (double x : v) {
            double t = x * inv;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0.0;
        double s1 = 0.0;
        int i = 0;
        int len = a.length;
        for (; i + 1 < len; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        if (i < len) {
            s0 += a[i] * b[i];
        }
        return s0 + s1;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static void scale(double[] v, double c) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= c;
        }
    }
}
