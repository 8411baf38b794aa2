package org.memarl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.MemarlException;
import org.memarl.solve.Parameters;
import org.memarl.solve.Section;
import org.memarl.solve.Solution;
import org.memarl.solve.Table;

/**
 * Writes {@code memarl-result/1} files (see {@code model-format.md}) of any {@link Solution} (MDP, game,
 * option model, declared chain, public belief: its parameters and groups of parameters, {@link Table}s,
 * groups of policies and typed {@link Section}s) with provenance: memarl version,
 * Java, OS, architecture, the model's name and the SHA-256 of its bytes. Infinite parameters (beta =
 * +-inf) are written as the strings {@code "inf"} / {@code "-inf"}; infinite or NaN results are never
 * written (the {@link Solution} refuses them). Files are written atomically: a temporary file in the
 * target folder, then a rename, so a failure never leaves a half-written result; devices and FIFOs are
 * written through and symbolic links followed ({@link #writeAtomically(String, Path, Content)}).
 */
public final class ResultWriter {
    public static final String FORMAT = "memarl-result/1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultWriter() {
    }

    /** SHA-256 of a file's bytes, read in chunks (a large model is not loaded twice). */
    public static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new org.memarl.InvalidModelException("model: cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new org.memarl.MemarlException("SHA-256 is not available in this JDK", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest(bytes)) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new org.memarl.MemarlException("SHA-256 is not available in this JDK", e);
        }
    }

    /** The provenance block. */
    public static ObjectNode provenance() {
        org.memarl.solve.Provenance v = org.memarl.solve.Provenance.current();
        ObjectNode p = F.objectNode();
        p.put("memarl", v.memarl());
        p.put("java", v.java());
        p.put("os", v.os());
        p.put("arch", v.arch());
        return p;
    }

    /** The result document of a solution. */
    public static ObjectNode toJson(Solution sol, String modelName, byte[] modelBytes) {
        return toJson(sol, modelName, sha256(modelBytes));
    }

    /** As {@link #toJson(Solution, String, byte[])} with the model file's SHA-256 already computed. */
    public static ObjectNode toJson(Solution sol, String modelName, String modelSha256) {
        ObjectNode o = F.objectNode();
        o.put("format", FORMAT);
        o.put("algorithm", sol.algorithm());
        ObjectNode model = F.objectNode();
        model.put("name", modelName == null ? "" : modelName);
        model.put("sha256", modelSha256);
        o.set("model", model);
        ObjectNode params = F.objectNode();
        sol.parameters().forEach((k, v) -> params.set(k, node(v)));
        o.set("parameters", params);
        o.put("converged", sol.converged());
        o.put("iterations", sol.iterations());
        o.set("residual", node(sol.residual()));
        o.set("errorBound", node(sol.errorBound()));
        ObjectNode values = F.objectNode();
        sol.values().forEach((k, v) -> values.set(k, node(v)));
        o.set("values", values);
        if (sol.policyTable() != null) {
            o.set("policy", node(sol.policyTable()));
        }
        if (!sol.policies().isEmpty() || !sol.policyGroups().isEmpty()) {
            ObjectNode pols = F.objectNode();
            sol.policies().forEach((k, v) -> pols.set(k, node(v)));
            sol.policyGroups().forEach((g, m) -> {
                ObjectNode group = F.objectNode();
                m.forEach((k, v) -> group.set(k, node(v)));
                pols.set(g, group);
            });
            o.set("policies", pols);
        }
        for (Section sec : sol.sections()) {
            o.set(sec.name(), node(sec.body()));
        }
        o.set("provenance", provenance());
        return o;
    }

    /** A JSON node for a table: nested arrays of its rank, or a number for rank 0. */
    public static JsonNode node(Table t) {
        if (t.rank() == 0) {
            return F.numberNode(t.scalar());
        }
        return tableNode(t, t.shape(), 0, 0);
    }

    private static JsonNode tableNode(Table t, int[] shape, int k, int offset) {
        ArrayNode a = F.arrayNode();
        if (k == shape.length - 1) {
            for (int i = 0; i < shape[k]; i++) {
                a.add(t.flatGet(offset + i));
            }
            return a;
        }
        int stride = stride(shape, k);
        for (int i = 0; i < shape[k]; i++) {
            a.add(tableNode(t, shape, k + 1, offset + i * stride));
        }
        return a;
    }

    private static int stride(int[] shape, int k) {
        int stride = 1;
        for (int j = k + 1; j < shape.length; j++) {
            stride *= shape[j];
        }
        return stride;
    }

    /** A JSON node for a node of a {@link Section}. */
    public static JsonNode node(Section.Node n) {
        if (n instanceof Section.Num x) {
            return F.numberNode(x.value());
        }
        if (n instanceof Section.Whole x) {
            return F.numberNode(x.value());
        }
        if (n instanceof Section.Text x) {
            return F.textNode(x.value());
        }
        if (n instanceof Section.Flag x) {
            return F.booleanNode(x.value());
        }
        if (n instanceof Section.Tab x) {
            return node(x.table());
        }
        if (n instanceof Section.Obj x) {
            ObjectNode o = F.objectNode();
            x.fields().forEach((k, v) -> o.set(k, node(v)));
            return o;
        }
        ArrayNode a = F.arrayNode();
        for (Section.Node v : ((Section.Arr) n).items()) {
            a.add(node(v));
        }
        return a;
    }

    /**
     * A typed {@link Section} named {@code name} holding a JSON object (e.g. an input file echoed into the
     * result document; written back with the same bytes as the tree itself).
     *
     * @throws InvalidModelException naming the path of a JSON null or non-finite number, or if it is not an object
     */
    public static Section section(String name, JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new InvalidModelException(name + ": expected a JSON object");
        }
        return new Section(name, (Section.Obj) sectionNode(name, object));
    }

    private static Section.Node sectionNode(String where, JsonNode n) {
        if (n.isObject()) {
            java.util.Map<String, Section.Node> fields = new java.util.LinkedHashMap<>();
            n.fieldNames().forEachRemaining(k -> fields.put(k, sectionNode(where + "." + k, n.get(k))));
            return new Section.Obj(fields);
        }
        if (n.isArray()) {
            java.util.List<Section.Node> items = new java.util.ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                items.add(sectionNode(where + "[" + i + "]", n.get(i)));
            }
            return new Section.Arr(items);
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return new Section.Whole(n.longValue());
        }
        if (n.isNumber() && Double.isFinite(n.doubleValue())) {
            return new Section.Num(n.doubleValue());
        }
        if (n.isTextual()) {
            return new Section.Text(n.textValue());
        }
        if (n.isBoolean()) {
            return new Section.Flag(n.booleanValue());
        }
        throw new InvalidModelException(where + ": " + n + " cannot be written in a result section");
    }

    /**
     * A JSON node for a parameter (a group of parameters as an object) or table; infinities become "inf" /
     * "-inf", NaN becomes null.
     */
    public static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Table t) {
            return node(t);
        }
        if (v instanceof Section.Node n) {
            return node(n);
        }
        if (v instanceof Parameters group) {
            ObjectNode o = F.objectNode();
            group.forEach((k, x) -> o.set(k, node(x)));
            return o;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Double.POSITIVE_INFINITY) {
                return F.textNode("inf");
            }
            if (d == Double.NEGATIVE_INFINITY) {
                return F.textNode("-inf");
            }
            if (Double.isNaN(d)) {
                return F.nullNode();
            }
            return F.numberNode(d);
        }
        if (v instanceof Integer) {
            return F.numberNode((Integer) v);
        }
        if (v instanceof Long) {
            return F.numberNode((Long) v);
        }
        if (v instanceof Boolean) {
            return F.booleanNode((Boolean) v);
        }
        if (v instanceof String) {
            return F.textNode((String) v);
        }
        if (v instanceof JsonNode) {
            return (JsonNode) v;
        }
        if (v instanceof double[]) {
            ArrayNode a = F.arrayNode();
            for (double d : (double[]) v) {
                a.add(node(d));
            }
            return a;
        }
        if (v instanceof int[]) {
            ArrayNode a = F.arrayNode();
            for (int d : (int[]) v) {
                a.add(d);
            }
            return a;
        }
        if (v instanceof Object[]) {
            ArrayNode a = F.arrayNode();
            for (Object x : (Object[]) v) {
                a.add(node(x));
            }
            return a;
        }
        return F.textNode(v.toString());
    }

    /** Content streamed into a file by {@link #writeAtomically(Path, Content)}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams the result document of a solution (the bytes of {@code Json.bytes(toJson(...))}, without
     * building the JSON tree of the tables: a million-state result is written in constant extra memory).
     */
    public static void write(Solution sol, String modelName, String modelSha256, java.io.Writer w) throws IOException {
        com.fasterxml.jackson.core.JsonGenerator g = Json.mapper().writer().createGenerator(w);
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("algorithm", sol.algorithm());
        g.writeObjectFieldStart("model");
        g.writeStringField("name", modelName == null ? "" : modelName);
        g.writeStringField("sha256", modelSha256);
        g.writeEndObject();
        g.writeFieldName("parameters");
        g.writeStartObject();
        for (String k : sol.parameters().names()) {
            g.writeFieldName(k);
            stream(g, sol.parameters().get(k));
        }
        g.writeEndObject();
        g.writeBooleanField("converged", sol.converged());
        g.writeNumberField("iterations", sol.iterations());
        g.writeFieldName("residual");
        stream(g, sol.residual());
        g.writeFieldName("errorBound");
        stream(g, sol.errorBound());
        g.writeFieldName("values");
        g.writeStartObject();
        for (Map.Entry<String, Table> e : sol.values().entrySet()) {
            g.writeFieldName(e.getKey());
            stream(g, e.getValue());
        }
        g.writeEndObject();
        if (sol.policyTable() != null) {
            g.writeFieldName("policy");
            stream(g, sol.policyTable());
        }
        if (!sol.policies().isEmpty() || !sol.policyGroups().isEmpty()) {
            g.writeFieldName("policies");
            g.writeStartObject();
            for (Map.Entry<String, Table> e : sol.policies().entrySet()) {
                g.writeFieldName(e.getKey());
                stream(g, e.getValue());
            }
            for (Map.Entry<String, Map<String, Table>> group : sol.policyGroups().entrySet()) {
                g.writeFieldName(group.getKey());
                g.writeStartObject();
                for (Map.Entry<String, Table> e : group.getValue().entrySet()) {
                    g.writeFieldName(e.getKey());
                    stream(g, e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        for (Section sec : sol.sections()) {
            g.writeFieldName(sec.name());
            stream(g, sec.body());
        }
        g.writeFieldName("provenance");
        g.writeTree(provenance());
        g.writeEndObject();
        g.flush();
        w.write("\n");
        w.flush();
    }

    /** Writes a value as {@link #node} would build it (parameters). */
    private static void stream(com.fasterxml.jackson.core.JsonGenerator g, Object v) throws IOException {
        g.writeTree(node(v));
    }

    /** Writes a table as {@link #node(Table)} would build it, streaming its entries (no copy of the table). */
    private static void stream(com.fasterxml.jackson.core.JsonGenerator g, Table t) throws IOException {
        if (t.rank() == 0) {
            g.writeNumber(t.scalar());
        } else {
            stream(g, t, t.shape(), 0, 0);
        }
    }

    private static void stream(com.fasterxml.jackson.core.JsonGenerator g, Table t, int[] shape, int k, int offset)
            throws IOException {
        g.writeStartArray();
        if (k == shape.length - 1) {
            for (int i = 0; i < shape[k]; i++) {
                g.writeNumber(t.flatGet(offset + i));
            }
        } else {
            int stride = stride(shape, k);
            for (int i = 0; i < shape[k]; i++) {
                stream(g, t, shape, k + 1, offset + i * stride);
            }
        }
        g.writeEndArray();
    }

    /** Writes a section node as {@link #node(Section.Node)} would build it, streaming its tables. */
    private static void stream(com.fasterxml.jackson.core.JsonGenerator g, Section.Node n) throws IOException {
        if (n instanceof Section.Tab x) {
            stream(g, x.table());
        } else if (n instanceof Section.Obj x) {
            g.writeStartObject();
            for (Map.Entry<String, Section.Node> e : x.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                stream(g, e.getValue());
            }
            g.writeEndObject();
        } else if (n instanceof Section.Arr x) {
            g.writeStartArray();
            for (Section.Node v : x.items()) {
                stream(g, v);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node(n));
        }
    }

    /**
     * Writes bytes to {@code target} atomically (temporary file in the same folder, then rename).
     * Nothing is left behind on failure. See {@link #writeAtomically(String, Path, Content)}.
     */
    public static void writeAtomically(Path target, byte[] bytes) {
        writeAtomically("out", target, out -> out.write(bytes));
    }

    /** As {@link #writeAtomically(Path, byte[])}, errors naming {@code key} (e.g. {@code "plot"}). */
    public static void writeAtomically(String key, Path target, byte[] bytes) {
        writeAtomically(key, target, out -> out.write(bytes));
    }

    /** As {@link #writeAtomically(String, Path, Content)} with errors naming {@code out}. */
    public static void writeAtomically(Path target, Content content) {
        writeAtomically("out", target, content);
    }

    /**
     * Streams content to {@code target}. A regular file (or a new name) is written atomically: a temporary
     * file in the same folder, then a rename, so nothing is left behind on failure (including a failure of the
     * content itself, or an interrupt: the temporary file is removed on the way out). A symbolic link is followed
     * and its target written (the link stays). A device or FIFO is written through, never replaced by a
     * regular file.
     *
     * @param key the option named by errors ({@code out: cannot write X: permission denied})
     * @throws MemarlException with one line naming {@code key}, the target and the reason
     */
    public static void writeAtomically(String key, Path target, Content content) {
        Path tmp = null;
        try {
            Path given = target.toAbsolutePath();
            if (Files.exists(given) && !Files.isDirectory(given) && !Files.isRegularFile(given)) {
                // a device, FIFO or socket (links followed by the open itself, also /dev/stdout's magic
                // /proc/self/fd link): write through, never rename over it
                try (OutputStream out = new java.io.BufferedOutputStream(
                        Files.newOutputStream(given, StandardOpenOption.WRITE), 1 << 16)) {
                    content.writeTo(out);
                }
                return;
            }
            Path abs = followLinks(given);
            Path dir = abs.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new MemarlException(key + ": folder " + dir + " does not exist");
            }
            if (Files.isDirectory(abs)) {
                throw new MemarlException(key + ": " + target + " is a folder, expected a file name");
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            InFlightFiles.add(tmp);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            // temporary files are created owner-only; a result file gets the usual rw-r--r--
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            InFlightFiles.done(tmp);
            tmp = null;
        } catch (IOException e) {
            throw new MemarlException(key + ": cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target was not touched
                }
                InFlightFiles.done(tmp);
            }
        }
    }

    /**
     * The file a write to {@code target} lands in: absolute, its symbolic links followed (a dangling link gives
     * the path it points to, which the write creates).
     */
    static Path followLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new java.nio.file.FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(p);
            Path parent = p.getParent();
            p = parent == null ? link.toAbsolutePath() : parent.resolve(link);
        }
        return Files.exists(p) ? p.toRealPath() : p;
    }

    /** The reason of an I/O error in words ({@code permission denied}, {@code No space left on device}). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            return e.getClass().getSimpleName().replace("Exception", "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
