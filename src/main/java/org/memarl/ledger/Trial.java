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
    private final ObjectNode sides;

    public Trial(double violation, double tolerance, int size, Supplier<ObjectNode> instance) {
        if (Double.isNaN(violation)) {
            throw new org.memarl.MemarlException("trial: violation is NaN");
        }
        this.violation = violation;
        this.tolerance = tolerance;
        this.size = size;
        this.instance = instance;
        this.sides = null;
    }

    private Trial(Trial t, ObjectNode sides) {
        this.violation = t.violation;
        this.tolerance = t.tolerance;
        this.size = t.size;
        this.instance = t.instance;
        this.sides = sides;
    }

    /**
     * This trial with the two sides of its comparison named, e.g. {@code ("||B x - B y||", 0.0056, "<=", "gamma ||x -
     * y||", 0.0055)}: what the claim says, and the values on this instance (written as {@code "sides"}: {@code claimed},
     * {@code relation} ({@code "<="}, {@code ">="} or {@code "="}), {@code left}, {@code right}). The violation is the
     * difference the relation defines: {@code left - right} for {@code <=}, {@code right - left} for {@code >=},
     * {@code |left - right|} for {@code =}.
     */
    public Trial withSides(String left, double leftValue, String relation, String right, double rightValue) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("claimed", left + " " + relation + " " + right);
        o.put("relation", relation);
        o.set("left", org.memarl.io.ResultWriter.node(leftValue));
        o.set("right", org.memarl.io.ResultWriter.node(rightValue));
        return new Trial(this, o);
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
        if (sides != null) {
            o.set("sides", sides.deepCopy());
        }
        return o;
    }

    @Override
    public String toString() {
        return "violation " + violation + " (tolerance " + tolerance + ") on " + instance.get();
    }
}
