package org.memarl.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;

/** Random small POMDPs and Dec-POMDPs for the chapter-5 claims: sparse rows, zeros in priors, mixed reward scales. */
public final class RandomBeliefModels {
    private RandomBeliefModels() {
    }

    /** A random distribution over n entries, sometimes with zeros (never all zero). */
    static double[] distribution(SplittableRandom rng, int n, boolean zeros) {
        double[] p = new double[n];
        double z = 0.0;
        for (int i = 0; i < n; i++) {
            p[i] = zeros && rng.nextInt(3) == 0 ? 0.0 : rng.nextDouble() + 0.05;
            z += p[i];
        }
        if (z == 0.0) {
            p[rng.nextInt(n)] = 1.0;
            z = 1.0;
        }
        for (int i = 0; i < n; i++) {
            p[i] /= z;
        }
        return p;
    }

    static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** A random POMDP with at most {@code size} (at least 2) states, actions and observations, horizon 3. */
    public static Pomdp pomdp(SplittableRandom rng, int size) {
        int n = 2 + rng.nextInt(Math.max(1, size - 1));
        int m = 1 + rng.nextInt(size);
        int k = 2 + rng.nextInt(Math.max(1, size - 1));
        double[] t = new double[n * m * n];
        double[] u = new double[n * m * k];
        double[] r = new double[n * m];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                System.arraycopy(distribution(rng, n, true), 0, t, (s * m + a) * n, n);
                System.arraycopy(distribution(rng, k, true), 0, u, (s * m + a) * k, k);
                r[s * m + a] = (rng.nextBoolean() ? 10.0 : 1.0) * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        return new Pomdp("random", names("s", n), names("a", m), names("o", k), 1.0, 3, distribution(rng, n, false),
                t, u, r, distribution(rng, m, true));
    }

    /** A random two-agent Dec-POMDP: 2-3 states, 1-2 actions and 1-2 private observations each, horizon 1-2. */
    public static DecPomdp decPomdp(SplittableRandom rng, int size) {
        int n = 2 + rng.nextInt(Math.min(2, size));
        int horizon = 1 + rng.nextInt(Math.min(2, size));
        List<DecPomdp.Agent> agents = new ArrayList<>();
        int[] m = new int[2];
        for (int i = 0; i < 2; i++) {
            m[i] = 1 + rng.nextInt(2);
            int k = 1 + rng.nextInt(2);
            double[] obs = new double[n * k];
            for (int s = 0; s < n; s++) {
                System.arraycopy(distribution(rng, k, true), 0, obs, s * k, k);
            }
            double[] prior = new double[k * m[i]];
            for (int o = 0; o < k; o++) {
                System.arraycopy(distribution(rng, m[i], rng.nextBoolean()), 0, prior, o * m[i], m[i]);
            }
            agents.add(new DecPomdp.Agent("agent " + i, names("a", m[i]), names("o", k), obs, new double[][] {prior},
                    "agents[" + i + "]", n));
        }
        int jn = m[0] * m[1];
        int kz = 1 + rng.nextInt(2);
        double[] z = new double[n * kz];
        for (int s = 0; s < n; s++) {
            System.arraycopy(distribution(rng, kz, true), 0, z, s * kz, kz);
        }
        double[] t = new double[n * jn * n];
        double[] r = new double[n * jn];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < jn; j++) {
                System.arraycopy(distribution(rng, n, true), 0, t, (s * jn + j) * n, n);
                r[s * jn + j] = (rng.nextBoolean() ? 10.0 : 1.0) * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        return new DecPomdp("random", names("s", n), rng.nextBoolean() ? 1.0 : 0.9, horizon, distribution(rng, n, false),
                agents, names("z", kz), z, t, r);
    }
}
