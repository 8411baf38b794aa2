package org.memarl.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.memarl.MemarlException;
import org.memarl.io.Models;
import org.memarl.model.Game;

/**
 * A hypothesis of a claim, checked on one instance as the ledger writes it (the counterexample document
 * {@code {"model": <memarl/1 model>, "parameters": {...}, ...}}): a counterexample is only a counterexample
 * when the instance satisfies every hypothesis of its claim. Every claim has {@link #validModel()}; claims
 * add their own ({@link #jointPrior()} for the claims that compare the two perspectives or a marginal with a
 * conditional prior, signs and equalities of betas, one-shot games). The generic rule "every generator
 * draws only instances of its claim" is checked by {@link Ledger#run} on each reported counterexample and by
 * a test on many generated instances of every claim.
 */
public interface Hypothesis {
    /** What the hypothesis requires, in words. */
    String text();

    /**
     * Why the instance does not satisfy the hypothesis, or null when it does.
     *
     * @param instance a counterexample document
     */
    String violation(ObjectNode instance);

    /** A hypothesis from its text and a check returning the reason of a violation or null. */
    static Hypothesis of(String text, java.util.function.Function<ObjectNode, String> check) {
        return new Hypothesis() {
            @Override
            public String text() {
                return text;
            }

            @Override
            public String violation(ObjectNode instance) {
                return check.apply(instance);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    /** The instance's model (when it has one) reads back as a valid model of its kind (strict, as {@code solve} reads it). */
    static Hypothesis validModel() {
        return of("the model is a valid memarl/1 model", in -> {
            JsonNode m = in.get("model");
            if (m == null || !m.isObject() || m.isEmpty()) {
                return null; // an instance without a model (eq. (5.2): a distribution and a proposal, in parameters)
            }
            try {
                Models.read(m);
                return null;
            } catch (MemarlException e) {
                return "the model is not valid: " + e.getMessage();
            }
        });
    }

    /**
     * The model is a game whose priors P(a|s), P(b|s), P(b|s,a), P(a|s,b) (given or defaulted) are the marginals and
     * conditionals of one joint prior P(a,b|s), within {@link Game#JOINT_TOLERANCE} per joint action.
     */
    static Hypothesis jointPrior() {
        return of("the priors are the marginals and conditionals of one joint prior P(a,b|s)", in -> {
            Game g = game(in);
            if (g == null) {
                return "the model is not a game";
            }
            for (int s = 0; s < g.numStates(); s++) {
                double d = g.jointInconsistency(s);
                if (!(d <= Game.JOINT_TOLERANCE)) {
                    return "state " + s + ": |P(a|s) P(b|s,a) - P(b|s) P(a|s,b)| = " + d + " > " + Game.JOINT_TOLERANCE;
                }
            }
            return null;
        });
    }

    /** The model's priors are NOT one joint prior (for a claim about what happens without one). */
    static Hypothesis noJointPrior() {
        return of("the priors are not the marginals and conditionals of one joint prior", in -> {
            Game g = game(in);
            if (g == null) {
                return "the model is not a game";
            }
            return g.hasJointPrior() ? "the priors are one joint prior" : null;
        });
    }

    /** The model is one-shot: one state, gamma 0. */
    static Hypothesis oneShot() {
        return of("one state, gamma 0 (a one-shot game)", in -> {
            Game g = game(in);
            if (g == null) {
                return "the model is not a game";
            }
            return g.numStates() == 1 && g.gamma() == 0.0 ? null
                    : "the game has " + g.numStates() + " states and gamma " + g.gamma();
        });
    }

    /** The model's gamma is below 1 (an infinite-horizon claim needs a contraction). */
    static Hypothesis discounted() {
        return of("gamma < 1", in -> {
            JsonNode m = in.get("model");
            JsonNode gamma = m == null ? null : m.get("gamma");
            if (gamma == null || !gamma.isNumber()) {
                return null; // matrix games and finite-horizon belief models carry no discount
            }
            return gamma.asDouble() < 1.0 ? null : "gamma is " + gamma.asDouble();
        });
    }

    /** Parameter {@code name} is a number with {@code sign * value > 0} (sign +1: positive, -1: negative). */
    static Hypothesis signOf(String name, int sign) {
        return of(name + (sign > 0 ? " > 0" : " < 0"), in -> {
            double x = param(in, name);
            if (Double.isNaN(x)) {
                return "parameter " + name + " is missing";
            }
            return sign * x > 0 ? null : name + " is " + x;
        });
    }

    /** Parameters {@code a} and {@code b} are equal. */
    static Hypothesis equalParams(String a, String b) {
        return of(a + " = " + b, in -> {
            double x = param(in, a);
            double y = param(in, b);
            return x == y ? null : a + " is " + x + ", " + b + " is " + y;
        });
    }

    /** Parameters {@code a} and {@code b} differ (and are finite and nonzero: a beta per player). */
    static Hypothesis distinctFiniteParams(String a, String b) {
        return of(a + " != " + b + ", both finite and nonzero", in -> {
            double x = param(in, a);
            double y = param(in, b);
            if (!(Double.isFinite(x) && Double.isFinite(y) && x != 0.0 && y != 0.0)) {
                return a + " is " + x + ", " + b + " is " + y;
            }
            return x != y ? null : a + " and " + b + " are both " + x;
        });
    }

    /** The claim with {@code extra} hypotheses added to its own (for claims made by the generic factories). */
    static Claim adding(Claim c, Hypothesis... extra) {
        List<Hypothesis> all = new ArrayList<>(c.hypotheses());
        all.addAll(List.of(extra));
        List<Hypothesis> hs = List.copyOf(all);
        return new Claim() {
            @Override
            public String id() {
                return c.id();
            }

            @Override
            public String ref() {
                return c.ref();
            }

            @Override
            public String statement() {
                return c.statement();
            }

            @Override
            public Status expected() {
                return c.expected();
            }

            @Override
            public String condition() {
                return c.condition();
            }

            @Override
            public List<long[]> witnesses() {
                return c.witnesses();
            }

            @Override
            public List<Hypothesis> hypotheses() {
                return hs;
            }

            @Override
            public Trial trial(long seed, int size) {
                return c.trial(seed, size);
            }
        };
    }

    /** The failed hypotheses of a claim on an instance ("text: reason"), empty when the instance is one of the claim's. */
    static List<String> failed(Claim claim, ObjectNode instance) {
        List<String> out = new ArrayList<>();
        for (Hypothesis h : claim.hypotheses()) {
            String why = h.violation(instance);
            if (why != null) {
                out.add(h.text() + ": " + why);
            }
        }
        return out;
    }

    /** A parameter of the instance as a double ({@code "inf"}, {@code "-inf"} accepted), NaN when missing. */
    static double param(ObjectNode in, String name) {
        JsonNode p = in.get("parameters");
        JsonNode v = p == null ? null : p.get(name);
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        switch (v.asText()) {
            case "inf":
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.NaN;
        }
    }

    private static Game game(ObjectNode in) {
        JsonNode m = in.get("model");
        if (m == null) {
            return null;
        }
        try {
            Models.Model model = Models.read(m);
            return model instanceof Models.GameModel gm ? gm.game() : null;
        } catch (MemarlException e) {
            return null;
        }
    }
}
