package org.memarl.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * One exact check of a claim on one generated instance: the amount by which the claimed (in)equality
 * is violated (positive = violated, 0 or negative = satisfied) and the numerical tolerance within which
 * a positive violation is still rounding (scaled by the magnitudes involved). The instance is rendered
 * lazily as a counterexample document: {@code {"model": <memarl/1 model>, "parameters": {...}, ...}}.
 */
public final class Trial {
    private final double violation;
    private final double tolerance;
    private final int size;
    private final Supplier<ObjectNode> instance;

    public Trial(double violation, double tolerance, int size, Supplier<ObjectNode> instance) {
        if (Double.isNaN(violation)) {
            throw new org.memarl.MemarlException("trial: violation is NaN");
        }
        this.violation = violation;
        this.tolerance = tolerance;
        this.size = size;
        this.instance = instance;
    }

    public double violation() {
        return violation;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Whether the claim failed on this instance beyond rounding. */
    public boolean failed() {
        return violation > tolerance;
    }

    /** Size of the instance (e.g. states x actions), to pick the smallest counterexample. */
    public int size() {
        return size;
    }

    public ObjectNode instance() {
        ObjectNode o = instance.get();
        o.put("violation", violation);
        o.put("tolerance", tolerance);
        return o;
    }

    @Override
    public String toString() {
        return "violation " + violation + " (tolerance " + tolerance + ") on " + instance.get();
    }
}
