package org.memarl.solve;

import org.memarl.InvalidModelException;

/**
 * The pass driver {@link PolicySystem} and {@link ChainPolicySystem} share: every pass ({@link #improve},
 * {@link #apply}, {@link #backup}) runs on {@code threads} threads of the shared sweep pool over contiguous chunks
 * of the {@code size} states (contexts); each state's result is computed by the same instructions whatever the
 * chunking, so results are bit-identical for every thread count. The subclass gives the per-chunk improvement and
 * the per-state expectation {@code (P_pi x)(s)} of its current policy; this class forms
 * {@code y = x - gamma P_pi x} (the operator of {@link Gmres}) or {@code y = r_pi + gamma P_pi x}, the residual
 * {@code ||B v - v||_inf} and the entries read. Nothing is allocated per pass. Not thread-safe.
 */
abstract class PolicyPasses implements PolicyStep {
    private static final int IMPROVE = 0;
    private static final int PRODUCT = 1;
    private static final int BACKUP = 2;

    /** The number of states (contexts). */
    final int size;
    final double gamma;
    /** Threads of every pass (at most {@code size}). */
    final int threads;
    private final int chunks;
    /** r_pi of the current policy, written by {@link #improveRange}. */
    final double[] rPi;
    /** Entries of T the current policy reads, per thread slot, added to by {@link #improveRange}. */
    final long[] slotEntries;
    private final Job job = new Job();
    private long policyEntries;

    /**
     * @param work the work of one pass (stored entries or leaves), which sets the number of chunks
     * @throws InvalidModelException if threads &lt; 1
     */
    PolicyPasses(int size, double gamma, int threads, long work) {
        if (threads < 1) {
            throw new InvalidModelException("threads: " + threads + " is not a positive integer");
        }
        this.size = size;
        this.gamma = gamma;
        this.threads = Math.max(1, Math.min(threads, size));
        long perThread = Math.max(1L, Math.min(16L, work / ((long) this.threads * ChainBellman.MIN_CHUNK_WORK)));
        this.chunks = (int) Math.max(1L, Math.min((long) this.threads * perThread, size));
        this.rPi = new double[size];
        this.slotEntries = new long[this.threads];
    }

    /**
     * Improves the policy on states {@code [from, to)} w.r.t. {@code v}: writes {@code bv[s] = (B v)(s)},
     * {@code rPi[s]}, and adds the entries the new policy reads to {@code slotEntries[slot]}.
     */
    abstract void improveRange(double[] v, double[] bv, int from, int to, int slot);

    /** {@code (P_pi x)(s)}, the current policy's expectation of x after state s. */
    abstract double policyExpect(int s, double[] x);

    @Override
    public int size() {
        return size;
    }

    /** gamma. */
    @Override
    public double gamma() {
        return gamma;
    }

    /** The stored entries of T the current policy reads per product (sum over the rows it uses). */
    @Override
    public long policyEntries() {
        return policyEntries;
    }

    /** The regularised reward r_pi of the current policy (shared, not a copy: do not modify). */
    @Override
    public double[] rewardOfPolicy() {
        return rPi;
    }

    /**
     * One fused pass: the policy improved w.r.t. {@code v} (it becomes the current policy), its
     * {@code r_pi}, and {@code bv = B v} (the soft or hard optimality backup). Modifies only {@code bv} and
     * this system's policy.
     *
     * @return {@code ||B v - v||_inf}
     * @throws InvalidModelException if a backed-up value is not finite (the values overflow)
     */
    @Override
    public double improve(double[] v, double[] bv) {
        run(IMPROVE, v, bv);
        long e = 0;
        for (long x : slotEntries) {
            e += x;
        }
        policyEntries = e;
        double res = 0.0;
        for (int s = 0; s < size; s++) {
            double d = Math.abs(bv[s] - v[s]);
            if (!(d <= res)) {
                res = d;
            }
        }
        if (!Double.isFinite(res)) {
            int bad = 0;
            while (bad < size - 1 && Double.isFinite(bv[bad]) && Double.isFinite(v[bad])) {
                bad++;
            }
            throw new InvalidModelException("policy iteration: values[" + bad + "] = " + bv[bad]
                    + ": the values overflow double precision (rewards too large for this gamma?)");
        }
        return res;
    }

    /** {@code y = x - gamma P_pi x} for the current policy. Modifies only {@code y}. */
    @Override
    public void apply(double[] x, double[] y) {
        run(PRODUCT, x, y);
    }

    /** {@code y = r_pi + gamma P_pi x}, the current policy's Bellman map. Modifies only {@code y}. */
    @Override
    public void backup(double[] x, double[] y) {
        run(BACKUP, x, y);
    }

    private void run(int what, double[] in, double[] out) {
        if (in.length != size || out.length != size) {
            throw new InvalidModelException("policy system: vectors of length " + in.length + "/" + out.length
                    + ", expected " + size);
        }
        java.util.Arrays.fill(slotEntries, 0L);
        job.what = what;
        job.in = in;
        job.out = out;
        try {
            SweepPool.run(job, threads == 1 ? 1 : chunks, threads);
        } finally {
            job.in = null;
            job.out = null;
        }
    }

    private void productRange(double[] x, double[] y, int from, int to, boolean residualForm) {
        final double g = gamma;
        for (int s = from; s < to; s++) {
            double acc = policyExpect(s, x);
            y[s] = residualForm ? x[s] - g * acc : rPi[s] + g * acc;
        }
    }

    /** One pass's job: fields set per pass, so that handing it over allocates nothing. */
    private final class Job implements SweepPool.Blocks {
        int what;
        double[] in;
        double[] out;

        @Override
        public void run(int chunk, int count, int slot) {
            int from = (int) ((long) size * chunk / count);
            int to = (int) ((long) size * (chunk + 1) / count);
            if (what == IMPROVE) {
                improveRange(in, out, from, to, slot);
            } else {
                productRange(in, out, from, to, what == PRODUCT);
            }
        }
    }
}
