package org.memarl.solve;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon worker threads, shared by the whole process, that run one parallel sweep at a
 * time. The sweep is cut into {@code chunks} pieces (contiguous blocks of states) and {@code t} threads
 * (the calling thread and {@code t - 1} workers) claim them one at a time from a shared counter, so a
 * thread slowed by another process on its core does not hold the sweep up. Each participating thread
 * has a fixed slot ({@code 0} = the caller, {@code w + 1} = worker w) for its scratch space; which slot
 * computes which chunk varies, but every chunk's result is a pure function of the sweep's input, so the
 * result does not. No allocation per sweep: the job is handed over through fields, a volatile ticket per
 * worker and {@link LockSupport} park / unpark; waiting threads spin briefly, then park.
 *
 * <p>Workers are created on first use and when more threads are requested than exist (never
 * destroyed: daemon threads, idle parked). When the pool is already running another sweep (a second
 * solve in another thread of the same process), the caller runs its blocks itself, one after the
 * other: the result is the same, because every block is a pure function of the input.
 */
final class SweepPool {
    /** A parallel job: must not allocate and must only write its own chunk's output. */
    interface Blocks {
        /**
         * Runs chunk {@code chunk} of {@code chunks}, on the thread with scratch slot {@code slot}
         * ({@code 0 <= slot < threads}; one thread per slot at a time).
         */
        void run(int chunk, int chunks, int slot);
    }

    private static final int SPINS = 1 << 12;
    private static final SweepPool SHARED = new SweepPool();

    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger remaining = new AtomicInteger();
    private Worker[] workers = new Worker[0];
    /** Sweep counter (only the caller holding {@code busy} changes it). */
    private int epoch;
    private volatile Thread waiter;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private Blocks job;
    private int jobChunks;
    private volatile Throwable failure;

    private SweepPool() {
    }

    /**
     * Runs chunks {@code 0 .. chunks-1} of the job on {@code threads} threads (the caller among them);
     * returns when all are done. With one thread (or one chunk) the caller runs them in order, slot 0.
     */
    static void run(Blocks job, int chunks, int threads) {
        if (threads <= 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                job.run(c, chunks, 0);
            }
            return;
        }
        SHARED.runParallel(job, chunks, threads);
    }

    /** Claims and runs chunks until none is left. */
    private void drain(Blocks task, int chunks, int slot) {
        int c;
        while ((c = nextChunk.getAndIncrement()) < chunks) {
            task.run(c, chunks, slot);
        }
    }

    private void runParallel(Blocks task, int chunks, int threads) {
        if (!busy.tryLock()) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, chunks, 0);
            }
            return;
        }
        try {
            ensureWorkers(threads - 1);
            job = task;
            jobChunks = chunks;
            failure = null;
            waiter = Thread.currentThread();
            nextChunk.set(0);
            remaining.set(threads - 1);
            int ticket = ++epoch;
            for (int w = 0; w < threads - 1; w++) {
                workers[w].ticket = ticket; // volatile write: publishes job, jobChunks and the counters to worker w
                LockSupport.unpark(workers[w].thread);
            }
            Throwable mine = null;
            try {
                drain(task, chunks, 0);
            } catch (RuntimeException | Error e) {
                mine = e;
                nextChunk.set(chunks); // the others stop after their current chunk
            }
            int spins = 0;
            while (remaining.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            job = null;
            Throwable f = mine != null ? mine : failure;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
        } finally {
            busy.unlock();
        }
    }

    private void ensureWorkers(int n) {
        if (workers.length >= n) {
            return;
        }
        Worker[] w = java.util.Arrays.copyOf(workers, n);
        for (int i = workers.length; i < n; i++) {
            w[i] = new Worker(i);
            w[i].thread.start();
        }
        workers = w;
    }

    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        /** The epoch of the sweep this worker takes part in; written by the caller, only for participants. */
        volatile int ticket;
        int seen;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "memarl-sweep-" + (index + 1));
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                int e;
                int spins = 0;
                while ((e = ticket) == seen) {
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = e;
                try {
                    drain(job, jobChunks, index + 1);
                } catch (RuntimeException | Error t) {
                    failure = t;
                    nextChunk.set(jobChunks);
                }
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }
}
