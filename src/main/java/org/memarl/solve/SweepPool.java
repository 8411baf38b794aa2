package org.memarl.solve;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon worker threads, shared by the whole process, that run one parallel sweep at a
 * time over a deterministic partition: with {@code t} threads, block {@code b} of {@code t} is run by
 * worker {@code b - 1} (block 0 by the calling thread). No allocation per sweep: the job is handed over
 * through fields, a volatile ticket per worker and {@link LockSupport} park / unpark; waiting threads spin
 * briefly, then park.
 *
 * <p>Workers are created on first use and when more threads are requested than exist (never
 * destroyed: daemon threads, idle parked). When the pool is already running another sweep (a second
 * solve in another thread of the same process), the caller runs its blocks itself, one after the
 * other: the result is the same, because every block is a pure function of the input.
 */
final class SweepPool {
    /** One unit of parallel work: must not allocate and must only write its own block's output. */
    interface Blocks {
        void run(int block, int blocks);
    }

    private static final int SPINS = 1 << 12;
    private static final SweepPool SHARED = new SweepPool();

    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger remaining = new AtomicInteger();
    private Worker[] workers = new Worker[0];
    /** Sweep counter (only the caller holding {@code busy} changes it). */
    private int epoch;
    private volatile Thread waiter;
    private Blocks job;
    private int jobBlocks;
    private volatile Throwable failure;

    private SweepPool() {
    }

    /** Runs blocks {@code 0 .. blocks-1} of the job, in parallel when {@code blocks > 1}; returns when all are done. */
    static void run(Blocks job, int blocks) {
        if (blocks <= 1) {
            job.run(0, 1);
            return;
        }
        SHARED.runParallel(job, blocks);
    }

    private void runParallel(Blocks task, int blocks) {
        if (!busy.tryLock()) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, blocks);
            }
            return;
        }
        try {
            ensureWorkers(blocks - 1);
            job = task;
            jobBlocks = blocks;
            failure = null;
            waiter = Thread.currentThread();
            remaining.set(blocks - 1);
            int ticket = ++epoch;
            for (int w = 0; w < blocks - 1; w++) {
                workers[w].ticket = ticket; // volatile write: publishes job, jobBlocks and remaining to worker w
                LockSupport.unpark(workers[w].thread);
            }
            Throwable mine = null;
            try {
                task.run(0, blocks);
            } catch (RuntimeException | Error e) {
                mine = e;
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
                    job.run(index + 1, jobBlocks);
                } catch (RuntimeException | Error t) {
                    failure = t;
                }
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }
}
