package org.memarl.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;

/**
 * numpy's {@code .npz} container: a zip archive of {@code .npy} arrays, one entry {@code NAME.npy} per
 * array. Reads what {@code numpy.savez} and {@code numpy.savez_compressed} write (npy format versions
 * 1.0-3.0, C order, little-endian {@code <f8}, {@code <i4}, {@code <i8}, zip64 archives) straight
 * into Java arrays, without an intermediate copy of the file; writes stored (uncompressed) entries in
 * npy format 1.0, which {@code numpy.load} and {@code scipy} read.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** The header of one stored array. */
    public record Header(String name, String dtype, long[] shape) {
        /** Number of elements: the product of the shape (1 for a scalar). */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        /** The shape as numpy prints it, e.g. {@code (3, 2)}. */
        public String shapeText() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                b.append(i > 0 ? ", " : "").append(shape[i]);
            }
            return b.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /** An open {@code .npz} file: list its arrays, read each into a Java array. Close it after use. */
    public static final class Reader implements AutoCloseable {
        private final ZipFile zip;
        private final Path file;
        private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

        public Reader(Path file) {
            this.file = file;
            try {
                this.zip = new ZipFile(file.toFile());
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                throw new InvalidModelException("model: file not found: " + Fmt.safe(file.toString()));
            } catch (ZipException e) {
                throw new InvalidModelException("model: " + Fmt.safe(file.toString()) + " is not a readable .npz (zip) file: "
                        + Fmt.safe(e.getMessage()));
            } catch (IOException e) {
                throw new InvalidModelException("model: cannot read " + Fmt.safe(file.toString()) + ": " + Fmt.safe(e.getMessage()));
            }
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry e = it.nextElement();
                String n = e.getName();
                String array = n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
                ZipEntry before = entries.put(array, e);
                if (before != null) {
                    // a zip may repeat a name (or hold both x and x.npy): which one is meant is unknowable, refuse
                    try {
                        zip.close();
                    } catch (IOException closing) {
                        // the refusal below is the error to report
                    }
                    throw new InvalidModelException("model: " + file + " holds the array " + quote(array) + " twice"
                            + " (entries " + quote(before.getName()) + " and " + quote(n) + "); an .npz names each"
                            + " array once");
                }
            }
        }

        /** The name in double quotes, control characters, quotes and backslashes escaped (one printable line). */
        private static String quote(String name) {
            StringBuilder b = new StringBuilder("\"");
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }

        /** Names of the arrays (entry names without {@code .npy}), in archive order. */
        public List<String> names() {
            return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
        }

        public boolean has(String name) {
            return entries.containsKey(name);
        }

        /** The header of array {@code name}. */
        public Header header(String name) {
            return read(name, (h, in, left) -> h);
        }

        /** Array {@code name} as doubles (dtype {@code <f8}, or an integer type converted exactly), flattened in C order. */
        public double[] doubles(String name) {
            return read(name, (h, in, left) -> {
                if (!List.of("<f8", "<i4", "<i8").contains(h.dtype())) {
                    throw new InvalidModelException(Fmt.safe(name) + ": dtype " + Fmt.safe(h.dtype())
                            + " is not supported (expected float64 '<f8')");
                }
                int n = length(h, left);
                double[] out = new double[n];
                switch (h.dtype()) {
                    case "<f8" -> readDoubles(in, out, name);
                    case "<i4", "<i8" -> {
                        long[] tmp = new long[n];
                        readLongs(in, h.dtype(), tmp, name);
                        for (int i = 0; i < n; i++) {
                            out[i] = tmp[i];
                        }
                    }
                    default -> throw new InvalidModelException(name + ": dtype " + h.dtype()
                            + " is not supported (expected float64 '<f8')");
                }
                return out;
            });
        }

        /** Array {@code name} as ints (dtype {@code <i4} or {@code <i8} with every value in the int range). */
        public int[] ints(String name) {
            return read(name, (h, in, left) -> {
                if (!List.of("<i4", "<i8").contains(h.dtype())) {
                    throw new InvalidModelException(Fmt.safe(name) + ": dtype " + Fmt.safe(h.dtype())
                            + " is not supported (expected an integer array '<i4' or '<i8')");
                }
                int n = length(h, left);
                int[] out = new int[n];
                if ("<i4".equals(h.dtype())) {
                    byte[] buf = new byte[CHUNK];
                    int done = 0;
                    while (done < n) {
                        int m = Math.min(n - done, CHUNK / 4);
                        readFully(in, buf, m * 4, name);
                        ByteBuffer.wrap(buf, 0, m * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out, done, m);
                        done += m;
                    }
                } else if ("<i8".equals(h.dtype())) {
                    byte[] buf = new byte[CHUNK];
                    int done = 0;
                    while (done < n) {
                        int m = Math.min(n - done, CHUNK / 8);
                        readFully(in, buf, m * 8, name);
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, m * 8).order(ByteOrder.LITTLE_ENDIAN);
                        for (int i = 0; i < m; i++) {
                            long x = bb.getLong();
                            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                                throw new InvalidModelException(name + "[" + (done + i) + "]: " + x
                                        + " exceeds the 32-bit index range of memarl");
                            }
                            out[done + i] = (int) x;
                        }
                        done += m;
                    }
                } else {
                    throw new InvalidModelException(name + ": dtype " + h.dtype()
                            + " is not supported (expected an integer array '<i4' or '<i8')");
                }
                return out;
            });
        }

        /** Reads the body of an array after its header. */
        private interface Body<T> {
            /** @param left the bytes of the entry after the header by the archive's word, -1 when unknown */
            T read(Header header, InputStream in, long left) throws IOException;
        }

        /**
         * Opens array {@code name}, reads its header and then its body; an I/O error names the array and the file.
         * The entry's uncompressed size (from the archive, checked against what deflate can expand its compressed
         * size to) is handed to the body, which compares it with the size the header declares before allocating.
         */
        private <T> T read(String name, Body<T> body) {
            ZipEntry e = entries.get(name);
            if (e != null && e.getSize() >= 0 && e.getCompressedSize() >= 0) {
                long max = e.getMethod() == ZipEntry.STORED ? e.getCompressedSize()
                        : Math.min(Long.MAX_VALUE / 2 / MAX_DEFLATE_RATIO, e.getCompressedSize()) * MAX_DEFLATE_RATIO + 1024;
                if (e.getSize() > max) {
                    throw new InvalidModelException(Fmt.safe(name) + ": the entry declares " + e.getSize() + " bytes from "
                            + e.getCompressedSize() + " compressed bytes, more than they can hold (a damaged archive)");
                }
            }
            try (InputStream raw = open(name)) {
                Counting in = new Counting(raw);
                Header h = readHeader(name, in);
                long left = e == null || e.getSize() < 0 ? -1 : e.getSize() - in.count;
                return body.read(h, in, left);
            } catch (IOException x) {
                throw unreadable(name, x);
            }
        }

        private InputStream open(String name) throws IOException {
            ZipEntry e = entries.get(name);
            if (e == null) {
                List<String> have = new ArrayList<>();
                for (String k : entries.keySet()) {
                    have.add(Fmt.safe(k));
                }
                throw new InvalidModelException(Fmt.safe(name) + ": missing (the .npz has " + String.join(", ", have) + ")");
            }
            return zip.getInputStream(e);
        }

        private InvalidModelException unreadable(String name, IOException e) {
            return new InvalidModelException(Fmt.safe(name) + ": cannot read the array from " + Fmt.safe(file.toString()) + ": "
                    + Fmt.safe(e.getMessage()));
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }

    /** Deflate expands at most about 1032-fold; an entry claiming more is damaged or hostile. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    /** Counts the bytes read through it (the header's length). */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }

    /**
     * The element count of an array whose dtype is supported, checked before anything is allocated: the shape's
     * product (exactly), the size of a Java array, and the bytes it declares against the {@code left} bytes the
     * entry holds after the header (-1: unknown).
     */
    private static int length(Header h, long left) {
        long n;
        try {
            n = h.size();
        } catch (ArithmeticException e) {
            throw new InvalidModelException(Fmt.safe(h.name()) + ": shape " + h.shapeText() + " overflows 64 bits");
        }
        if (n < 0) {
            throw new InvalidModelException(Fmt.safe(h.name()) + ": shape " + h.shapeText() + " has a negative size");
        }
        int width = "<i4".equals(h.dtype()) ? 4 : 8;
        if (left >= 0 && n > left / width) {
            throw new InvalidModelException(Fmt.safe(h.name()) + ": truncated array data: shape " + h.shapeText() + " declares "
                    + n + " values of " + width + " bytes (" + java.math.BigInteger.valueOf(n)
                    .multiply(java.math.BigInteger.valueOf(width)) + " bytes), the entry holds " + left + " bytes after"
                    + " its header");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new InvalidModelException(Fmt.safe(h.name()) + ": " + n + " elements exceed the size of a Java array");
        }
        return (int) n;
    }

    static Header readHeader(String name, InputStream in) throws IOException {
        byte[] pre = new byte[8];
        readFully(in, pre, 8, name);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new InvalidModelException(name + ": not an .npy array (bad magic)");
            }
        }
        int major = pre[6] & 0xff;
        int len;
        if (major == 1) {
            byte[] l = new byte[2];
            readFully(in, l, 2, name);
            len = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = new byte[4];
            readFully(in, l, 4, name);
            len = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (len < 0 || len > 1 << 20) {
                throw new InvalidModelException(name + ": implausible .npy header length " + len);
            }
        } else {
            throw new InvalidModelException(name + ": .npy format version " + major + " is not supported");
        }
        byte[] hb = new byte[len];
        readFully(in, hb, len, name);
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidModelException(Fmt.safe(name) + ": malformed .npy header " + Fmt.quote(text.trim()));
        }
        String dtype = d.group(1);
        if (dtype.length() == 3 && dtype.charAt(0) == '=') {
            dtype = "<" + dtype.substring(1); // native order on the little-endian platforms numpy writes from
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                try {
                    dims.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
                } catch (NumberFormatException e) {
                    throw new InvalidModelException(Fmt.safe(name) + ": malformed shape (" + Fmt.safe(s.group(1)) + ")");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw new InvalidModelException(Fmt.safe(name) + ": malformed shape (" + Fmt.safe(s.group(1)) + "): negative size");
            }
        }
        if ("True".equals(f.group(1)) && shape.length > 1) {
            throw new InvalidModelException(name + ": Fortran-ordered arrays are not supported (save it in C order)");
        }
        return new Header(name, dtype, shape);
    }

    private static void readDoubles(InputStream in, double[] out, String name) throws IOException {
        byte[] buf = new byte[CHUNK];
        int n = out.length;
        int done = 0;
        while (done < n) {
            int m = Math.min(n - done, CHUNK / 8);
            readFully(in, buf, m * 8, name);
            ByteBuffer.wrap(buf, 0, m * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out, done, m);
            done += m;
        }
    }

    private static void readLongs(InputStream in, String dtype, long[] out, String name) throws IOException {
        int w = "<i4".equals(dtype) ? 4 : 8;
        byte[] buf = new byte[CHUNK];
        int n = out.length;
        int done = 0;
        while (done < n) {
            int m = Math.min(n - done, CHUNK / w);
            readFully(in, buf, m * w, name);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, m * w).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < m; i++) {
                out[done + i] = w == 4 ? bb.getInt() : bb.getLong();
            }
            done += m;
        }
    }

    private static void readFully(InputStream in, byte[] b, int len, String name) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(b, off, len - off);
            if (r < 0) {
                throw new InvalidModelException(Fmt.safe(name) + ": truncated array data (the .npz entry ends early)");
            }
            off += r;
        }
    }

    // ---------------------------------------------------------------------------------------- writing

    /** One array to write: doubles or ints (or longs), with its shape (empty = scalar). */
    public static final class Array {
        final String name;
        final long[] shape;
        final double[] doubles;
        final int[] ints;
        final long[] longs;

        private Array(String name, long[] shape, double[] d, int[] i, long[] l) {
            this.name = name;
            this.shape = shape;
            this.doubles = d;
            this.ints = i;
            this.longs = l;
            long n = 1;
            for (long x : shape) {
                n *= x;
            }
            long have = d != null ? d.length : i != null ? i.length : l.length;
            if (n != have) {
                throw new org.memarl.InvalidModelException(name + ": shape holds " + n + " elements, array has " + have);
            }
        }

        /** The array's name (its entry is {@code name.npy}). */
        public String name() {
            return name;
        }

        public static Array of(String name, double[] data, long... shape) {
            return new Array(name, shape, data, null, null);
        }

        public static Array of(String name, int[] data, long... shape) {
            return new Array(name, shape, null, data, null);
        }

        public static Array of(String name, long[] data, long... shape) {
            return new Array(name, shape, null, null, data);
        }

        public static Array scalar(String name, double x) {
            return new Array(name, new long[0], new double[] {x}, null, null);
        }

        public static Array scalar(String name, long x) {
            return new Array(name, new long[0], null, null, new long[] {x});
        }

        String dtype() {
            return doubles != null ? "<f8" : ints != null ? "<i4" : "<i8";
        }

        int width() {
            return ints != null ? 4 : 8;
        }

        long count() {
            return doubles != null ? doubles.length : ints != null ? ints.length : longs.length;
        }

        byte[] header() {
            StringBuilder sh = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                sh.append(i > 0 ? ", " : "").append(shape[i]);
            }
            sh.append(shape.length == 1 ? ",)" : ")");
            String dict = "{'descr': '" + dtype() + "', 'fortran_order': False, 'shape': " + sh + ", }";
            int total = 10 + dict.length() + 1;
            int pad = (64 - total % 64) % 64;
            String h = dict + " ".repeat(pad) + "\n";
            byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[10 + hb.length];
            System.arraycopy(MAGIC, 0, out, 0, 6);
            out[6] = 1;
            out[7] = 0;
            out[8] = (byte) (hb.length & 0xff);
            out[9] = (byte) (hb.length >>> 8);
            System.arraycopy(hb, 0, out, 10, hb.length);
            return out;
        }

        /** Streams the data (little-endian) in chunks to {@code sink}. */
        void data(ChunkSink sink) throws IOException {
            ByteBuffer bb = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long n = count();
            int per = CHUNK / width();
            for (long done = 0; done < n; done += per) {
                int m = (int) Math.min(per, n - done);
                bb.clear();
                if (doubles != null) {
                    bb.asDoubleBuffer().put(doubles, (int) done, m);
                } else if (ints != null) {
                    bb.asIntBuffer().put(ints, (int) done, m);
                } else {
                    bb.asLongBuffer().put(longs, (int) done, m);
                }
                sink.accept(bb.array(), m * width());
            }
        }
    }

    @FunctionalInterface
    interface ChunkSink {
        void accept(byte[] b, int len) throws IOException;
    }

    /**
     * Writes the arrays as an uncompressed {@code .npz} to {@code out} (the caller makes the write
     * atomic: see {@link ResultWriter#writeAtomically(Path, ResultWriter.Content)}).
     */
    public static void write(OutputStream out, List<Array> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Array a : arrays) {
            byte[] header = a.header();
            CRC32 crc = new CRC32();
            crc.update(header);
            a.data((b, len) -> crc.update(b, 0, len));
            long size = header.length + a.count() * a.width();
            ZipEntry e = new ZipEntry(a.name + ".npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(size);
            e.setCompressedSize(size);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(header);
            a.data((b, len) -> zip.write(b, 0, len));
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

}
