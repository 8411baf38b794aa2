package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;

/**
 * Issue 19's uncovered {@link FixedPointDriver} mutants: the overflow message locates the first non-finite
 * value (index 0, a middle index, none when only the reported residual is non-finite), for both sweeps.
 */
class FixedPointDriverMutantsTest {
    /** v -> constant {@code value} (modulus 0.5); Gauss-Seidel reports {@code residual}. */
    private static ValueOperator constant(double[] value, double residual) {
        return new ValueOperator() {
            @Override
            public int size() {
                return value.length;
            }

            @Override
            public double modulus() {
                return 0.5;
            }

            @Override
            public void apply(double[] in, double[] out) {
                System.arraycopy(value, 0, out, 0, value.length);
            }

            @Override
            public double applyInPlace(double[] v) {
                System.arraycopy(value, 0, v, 0, value.length);
                return residual;
            }
        };
    }

    private static String message(ValueOperator op, Sweep sweep) {
        return assertThrows(InvalidModelException.class,
                () -> FixedPointDriver.solve(op, new double[op.size()], new IterationOptions(1e-9, 10, sweep))).getMessage();
    }

    @Test
    @DisplayName("an infinite value at index 2 (after finite ones) is named with its index and value after 1 sweep")
    void middleIndexNamed() {
        double[] v = {1.0, 2.0, Double.POSITIVE_INFINITY, Double.NaN};
        for (Sweep sweep : Sweep.values()) {
            assertEquals("fixed-point iteration: values[2] = Infinity after 1 sweeps: the values overflow double precision"
                    + " (rewards too large for this gamma?)", message(constant(v, Double.POSITIVE_INFINITY), sweep), sweep.toString());
        }
    }

    @Test
    @DisplayName("an infinite value at index 0 is named with its value, not NaN")
    void firstIndexNamed() {
        double[] v = {Double.NEGATIVE_INFINITY, 2.0};
        for (Sweep sweep : Sweep.values()) {
            assertEquals("fixed-point iteration: values[0] = -Infinity after 1 sweeps: the values overflow double precision"
                    + " (rewards too large for this gamma?)", message(constant(v, Double.POSITIVE_INFINITY), sweep), sweep.toString());
        }
    }

    @Test
    @DisplayName("a non-finite residual over finite values reports index -1 and NaN")
    void noNonFiniteValue() {
        double[] v = {1.0, 2.0, 3.0};
        assertEquals("fixed-point iteration: values[-1] = NaN after 1 sweeps: the values overflow double precision"
                + " (rewards too large for this gamma?)", message(constant(v, Double.NaN), Sweep.GAUSS_SEIDEL));
    }
}
