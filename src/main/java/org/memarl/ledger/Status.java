package org.memarl.ledger;

/** The verdict on a claim, as written by {@code check}. */
public enum Status {
    HOLDS("holds"), FALSIFIED("falsified"), HOLDS_WHEN("holds-when");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
