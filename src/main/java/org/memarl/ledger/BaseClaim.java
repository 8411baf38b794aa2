package org.memarl.ledger;

import java.util.List;

/** A claim's metadata held once; subclasses implement only {@link #trial}. */
abstract class BaseClaim implements Claim {
    private final String id;
    private final String ref;
    private final Status expected;
    private final String condition;
    private final String statement;
    private final List<long[]> witnesses;
    /** Set once, in the subclass's constructor ({@link #requires}). */
    private List<Hypothesis> hypotheses = List.of(Hypothesis.validModel());

    BaseClaim(String id, String ref, Status expected, String condition, String statement, List<long[]> witnesses) {
        this.id = id;
        this.ref = ref;
        this.expected = expected;
        this.condition = condition;
        this.statement = statement;
        this.witnesses = List.copyOf(witnesses);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String ref() {
        return ref;
    }

    @Override
    public final String statement() {
        return statement;
    }

    @Override
    public final Status expected() {
        return expected;
    }

    @Override
    public final String condition() {
        return condition;
    }

    /** Adds hypotheses to {@link Hypothesis#validModel()}; called from a constructor. */
    final BaseClaim requires(Hypothesis... h) {
        List<Hypothesis> all = new java.util.ArrayList<>(hypotheses);
        all.addAll(List.of(h));
        this.hypotheses = List.copyOf(all);
        return this;
    }

    @Override
    public final List<Hypothesis> hypotheses() {
        return hypotheses;
    }

    @Override
    public final List<long[]> witnesses() {
        return witnesses;
    }
}
