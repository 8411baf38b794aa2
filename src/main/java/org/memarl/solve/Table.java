package org.memarl.solve;

import java.lang.reflect.Array;
import java.util.Arrays;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;

/**
 * An immutable, named, rectangular n-dimensional table of finite doubles: a value table or a policy of a
 * {@link Solution}. It holds its shape ({@code [S]} for {@code V}, {@code [S][A]} for an MDP's {@code Q},
 * {@code [S][A][B]} for a game's {@code Q}, {@code []} for a single number) and its entries in row-major
 * order (the last index fastest). It is built from a {@code Double} or a nested {@code double} array of any
 * rank; the rank is the array type's ({@code double[][]} has rank 2, also when it is empty, then of shape
 * {@code [0, 0]}). Ragged arrays, null rows and NaN or infinite entries are refused naming the table and
 * the index. The typed accessors ({@link #vector()}, {@link #matrix()}, {@link #cube()}, {@link #tesseract()},
 * {@link #scalar()}) return copies and throw a {@link MemarlException} naming the table and its rank when
 * asked for another rank; {@link #nested()} gives the nested arrays of any rank (for writers), and
 * {@link #get(int...)} one entry without copying.
 */
public final class Table {
    private final String name;
    private final int[] shape;
    private final double[] data;

    private Table(String name, int[] shape, double[] data) {
        this.name = name;
        this.shape = shape;
        this.data = data;
    }

    /**
     * The table named {@code name} of a {@code Double}, a nested {@code double} array of any rank, or a
     * {@code Table} (renamed, sharing its entries). The entries are copied.
     *
     * @throws MemarlException naming the table and index of a NaN or infinite entry (a computed value)
     * @throws InvalidModelException naming the table and index of a ragged or null row, or an unsupported type
     */
    public static Table of(String name, Object nested) {
        if (nested instanceof Table t) {
            return t.name.equals(name) ? t : new Table(name, t.shape, t.data);
        }
        if (nested instanceof Double d) {
            checkFinite(name, d);
            return new Table(name, new int[0], new double[] {d});
        }
        int rank = rank(nested == null ? null : nested.getClass());
        if (rank < 1) {
            throw new InvalidModelException(name + ": unsupported table type " + (nested == null ? "null" : nested.getClass()));
        }
        int[] shape = new int[rank];
        Object a = nested;
        for (int k = 0; k < rank; k++) {
            int len = Array.getLength(a);
            shape[k] = len;
            if (len == 0) {
                break;
            }
            a = Array.get(a, 0);
            if (a == null) {
                throw new InvalidModelException(name + "[0]".repeat(k + 1) + ": null row in a table");
            }
        }
        long size = 1;
        for (int s : shape) {
            size *= s;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidModelException(name + ": table of shape " + Arrays.toString(shape) + " has more than "
                    + (Integer.MAX_VALUE - 8) + " entries");
        }
        double[] data = new double[(int) size];
        fill(name, nested, shape, 0, data, new int[] {0}, new StringBuilder(name));
        return new Table(name, shape, data);
    }

    /** A rank-1 table (a copy of {@code v}). */
    public static Table vector(String name, double[] v) {
        return of(name, v);
    }

    /** A rank-0 table: one number. */
    public static Table scalar(String name, double x) {
        return of(name, x);
    }

    /** The rank of a {@code double} array class ({@code double[][]}: 2), or 0 if it is not one. */
    private static int rank(Class<?> c) {
        int r = 0;
        while (c != null && c.isArray()) {
            c = c.getComponentType();
            r++;
        }
        return c == double.class ? r : 0;
    }

    private static void fill(String name, Object a, int[] shape, int k, double[] out, int[] pos, StringBuilder where) {
        int len = Array.getLength(a);
        if (len != shape[k]) {
            throw new InvalidModelException(where + ": ragged table: length " + len + ", expected " + shape[k]
                    + " as " + name + "[0]".repeat(k) + " has");
        }
        int mark = where.length();
        if (k == shape.length - 1) {
            double[] row = (double[]) a;
            for (int i = 0; i < len; i++) {
                if (!Double.isFinite(row[i])) {
                    where.append('[').append(i).append(']');
                    checkFinite(where.toString(), row[i]);
                }
                out[pos[0]++] = row[i];
            }
            return;
        }
        Object[] rows = (Object[]) a;
        for (int i = 0; i < len; i++) {
            where.append('[').append(i).append(']');
            if (rows[i] == null) {
                throw new InvalidModelException(where + ": null row in a table");
            }
            fill(name, rows[i], shape, k + 1, out, pos, where);
            where.setLength(mark);
        }
    }

    private static void checkFinite(String where, double v) {
        if (!Double.isFinite(v)) {
            throw new MemarlException(where + ": computed value " + v + " is not finite");
        }
    }

    /** The table's name (used in messages). */
    public String name() {
        return name;
    }

    /** The number of indices: 0 for a single number, 1 for a vector, 2 for a matrix, ... */
    public int rank() {
        return shape.length;
    }

    /** The length along each index (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of entries (the product of the shape; 1 for rank 0). */
    public int size() {
        return data.length;
    }

    /** The entries in row-major order (a copy). */
    public double[] flat() {
        return data.clone();
    }

    /**
     * One entry, by one index per dimension.
     *
     * @throws MemarlException if the number of indices is not the rank or an index is out of range
     */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new MemarlException(name + ": " + index.length + " indices for a table of rank " + shape.length);
        }
        int at = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new MemarlException(name + ": index " + index[k] + " out of range [0, " + shape[k] + ") at dimension " + k);
            }
            at = at * shape[k] + index[k];
        }
        return data[at];
    }

    /** Entry {@code i} of the row-major order (no copy; for writers streaming a large table). */
    public double flatGet(int i) {
        return data[i];
    }

    private void require(int r, String what) {
        if (shape.length != r) {
            throw new MemarlException(name + ": a table of rank " + shape.length + " " + Arrays.toString(shape)
                    + ", not a " + what + " (rank " + r + ")");
        }
    }

    /** The single number of a rank-0 table. */
    public double scalar() {
        require(0, "single number");
        return data[0];
    }

    /** A rank-1 table as a new array. */
    public double[] vector() {
        require(1, "vector");
        return data.clone();
    }

    /** A rank-2 table as new arrays. */
    public double[][] matrix() {
        require(2, "matrix");
        return (double[][]) build(0, 0);
    }

    /** A rank-3 table as new arrays. */
    public double[][][] cube() {
        require(3, "cube");
        return (double[][][]) build(0, 0);
    }

    /** A rank-4 table as new arrays. */
    public double[][][][] tesseract() {
        require(4, "rank-4 table");
        return (double[][][][]) build(0, 0);
    }

    /** The table as new nested arrays of its rank ({@code double[]}, {@code double[][]}, ...), or a {@code Double} for rank 0. */
    public Object nested() {
        return shape.length == 0 ? (Object) data[0] : build(0, 0);
    }

    /**
     * Row-major {@code flat} entries as new nested arrays of the given dimensions ({@code double[]} for one
     * dimension, {@code double[][]} for two, ...): the layout of result files. Not validated beyond the length.
     *
     * @throws InvalidModelException if the length is not the product of the dimensions
     */
    public static Object nest(double[] flat, int... dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (dims.length == 0 || n != flat.length) {
            throw new InvalidModelException("nest: " + flat.length + " entries do not fill the shape " + Arrays.toString(dims));
        }
        return new Table("", dims.clone(), flat).build(0, 0);
    }

    private Object build(int k, int offset) {
        if (k == shape.length - 1) {
            return Arrays.copyOfRange(data, offset, offset + shape[k]);
        }
        // rows of the component type double[]..[] (rank shape.length - k - 1)
        Class<?> row = Array.newInstance(double.class, new int[shape.length - k - 1]).getClass();
        Object out = Array.newInstance(row, shape[k]);
        int stride = 1;
        for (int j = k + 1; j < shape.length; j++) {
            stride *= shape[j];
        }
        Object[] rows = (Object[]) out;
        for (int i = 0; i < shape[k]; i++) {
            rows[i] = build(k + 1, offset + i * stride);
        }
        return out;
    }

    /** Equal names, shapes and entries (entries compared as {@link Double#compare}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.name.equals(name) && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    /** The name and shape, e.g. {@code Q[3][2]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        for (int s : shape) {
            b.append('[').append(s).append(']');
        }
        return b.toString();
    }
}
