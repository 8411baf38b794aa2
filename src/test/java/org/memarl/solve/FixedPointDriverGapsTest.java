package org.memarl.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.kernel.Chain;
import org.memarl.kernel.LevelPrior;
import org.memarl.model.TransitionMatrix;

/**
 * Issue 19's surviving {@link FixedPointDriver} and {@link ChainProblem} mutants: Jacobi and Gauss-Seidel told
 * apart by their iterates on a small affine operator computed by hand, the rounding-floor stop, and a
 * {@code leafToRow} entry equal to the number of rows per block.
 */
class FixedPointDriverGapsTest {
    /** v -> A v + b with A = [[0, 0.5], [0.5, 0]], b = (1, 2): modulus 0.5, fixed point (8/3, 10/3). */
    private static final class Affine implements ValueOperator {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public double modulus() {
            return 0.5;
        }

        @Override
        public void apply(double[] in, double[] out) {
            out[0] = 0.5 * in[1] + 1.0;
            out[1] = 0.5 * in[0] + 2.0;
        }

        @Override
        public double applyInPlace(double[] v) {
            double o0 = v[0];
            double o1 = v[1];
            v[0] = 0.5 * v[1] + 1.0;
            v[1] = 0.5 * v[0] + 2.0;
            return Math.max(Math.abs(v[0] - o0), Math.abs(v[1] - o1));
        }
    }

    @Test
    @DisplayName("gap: Jacobi and Gauss-Seidel are not swapped: three sweeps from 0 give the hand-computed iterates of each")
    void jacobiAndGaussSeidelIterates() {
        // Jacobi from (0,0): (1,2) -> (2, 2.5) -> (2.25, 3)
        FixedPoint j = FixedPointDriver.solve(new Affine(), new double[2],
                new IterationOptions(1e-300, 3, Sweep.JACOBI));
        assertEquals(3, j.iterations());
        assertFalse(j.converged());
        assertEquals(2.25, j.values()[0], 0.0);
        assertEquals(3.0, j.values()[1], 0.0);
        assertEquals(0.5, j.residual(), 0.0);
        assertEquals(0.5, j.errorBound(), 0.0); // gamma/(1-gamma) = 1 times the residual
        // Gauss-Seidel from (0,0): (1, 2.5) -> (2.25, 3.125) -> (2.5625, 3.28125)
        FixedPoint gs = FixedPointDriver.solve(new Affine(), new double[2],
                new IterationOptions(1e-300, 3, Sweep.GAUSS_SEIDEL));
        assertEquals(3, gs.iterations());
        assertEquals(2.5625, gs.values()[0], 0.0);
        assertEquals(3.28125, gs.values()[1], 0.0);
        assertEquals(0.3125, gs.residual(), 0.0);
        // Jacobi on two threads is the same map
        FixedPoint j2 = FixedPointDriver.solve(new Affine(), new double[2],
                new IterationOptions(1e-300, 3, Sweep.JACOBI, 2));
        assertEquals(2.25, j2.values()[0], 0.0);
        assertEquals(3.0, j2.values()[1], 0.0);
    }

    @Test
    @DisplayName("gap: an unreachable tolerance stops at the rounding floor, unconverged, long before the cap")
    void roundingFloorStops() {
        for (Sweep sweep : Sweep.values()) {
            FixedPoint fp = FixedPointDriver.solve(new Affine(), new double[2],
                    new IterationOptions(1e-300, 1_000_000, sweep));
            assertFalse(fp.converged(), sweep.toString());
            // the error halves per sweep from about 3: about 52 sweeps reach 2 ulps of 3.33
            assertTrue(fp.iterations() < 200, sweep + ": " + fp.iterations() + " sweeps");
            assertEquals(8.0 / 3.0, fp.values()[0], 4 * Math.ulp(8.0 / 3.0), sweep.toString());
            assertEquals(10.0 / 3.0, fp.values()[1], 4 * Math.ulp(10.0 / 3.0), sweep.toString());
            assertTrue(fp.residual() <= 2 * Math.ulp(10.0 / 3.0) * 2, sweep + " residual " + fp.residual());
        }
    }

    @Test
    @DisplayName("gap: a leafToRow entry equal to the rows per block is refused, naming the entry")
    void leafToRowEqualToRowsRefused() {
        Chain chain = Chain.builder(1).level("x", 2, 1.0, LevelPrior.uniform()).build();
        TransitionMatrix t = TransitionMatrix.dense(new org.ejml.data.DMatrixRMaj(new double[][] {{1.0}}), "T", r -> "[" + r + "]");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ChainProblem.builder(chain, t, new double[] {1.0}, 0.5).blocks(1, 1, new int[] {0, 1}).build());
        assertTrue(e.getMessage().startsWith("leafToRow[1]: 1"), e.getMessage());
        // the largest valid offset is accepted
        ChainProblem ok = ChainProblem.builder(chain, t, new double[] {1.0}, 0.5).blocks(1, 1, new int[] {0, 0}).build();
        assertEquals(1, ok.rowsPerBlock());
    }
}
