package org.memarl.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.memarl.InvalidModelException;
import org.memarl.model.Fmt;

/**
 * The one configured Jackson mapper: strict (duplicate keys and trailing tokens are errors), pretty output.
 * The non-standard tokens {@code NaN} and {@code Infinity} are parsed (as numbers) only so that the model
 * reader can reject them with a message naming the key and index ({@code rewards[0][1]: NaN is not a
 * finite number}) instead of a line and column.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Reads one value of a stream whose parser goes on (the caller checks what follows). */
    private static final com.fasterxml.jackson.databind.ObjectReader VALUE_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses UTF-8 JSON bytes into a tree.
     *
     * @param what names the input in messages (a file name)
     * @throws InvalidModelException naming the line and column of malformed or truncated JSON
     */
    public static JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw new InvalidModelException(Fmt.safe(what) + ": empty input, expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(e, what);
        } catch (IOException e) {
            throw new org.memarl.MemarlException("reading JSON: " + Fmt.safe(e.getMessage()), e);
        }
    }

    private static InvalidModelException malformed(JsonProcessingException e, String what) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new InvalidModelException(Fmt.safe(what) + ": malformed JSON" + where + ": " + userMessage(e.getOriginalMessage()));
    }

    /** Checks one top-level key of a model as soon as the parser meets it, before its value is read. */
    @FunctionalInterface
    public interface KeyCheck {
        /**
         * @param key the key just read
         * @param soFar the keys (and values) read before it
         * @throws InvalidModelException when the key is not allowed
         */
        void check(String key, ObjectNode soFar);
    }

    /** A parsed model file: its tree, its size in bytes and the SHA-256 of its bytes (lower-case hex). */
    public record Parsed(JsonNode root, long bytes, String sha256) {
    }

    /**
     * Parses a model from a stream, at most {@code maxBytes} bytes, without holding its bytes: the top-level
     * object is read key by key and {@code keys} judges each key before its value is read, so an unknown key
     * holding millions of numbers is refused on sight, as are non-JSON bytes (a zip, {@code /dev/zero}), at
     * the first token. Values of accepted keys are read into a tree. A top level that is not an object is
     * read as a tree too (the readers refuse it with a message naming its type).
     *
     * @param what names the input in messages (a file name)
     * @param limitHint what raises the limit, for the message (e.g. {@code --max-model-bytes})
     * @throws InvalidModelException for malformed JSON, an input over the limit, or a key {@code keys} refuses
     */
    public static Parsed parseStream(InputStream raw, String what, long maxBytes, String limitHint, KeyCheck keys) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new org.memarl.MemarlException("SHA-256 is not available in this JDK", e);
        }
        Limited limited = new Limited(raw, maxBytes, what, limitHint);
        InputStream in = new DigestInputStream(limited, md);
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InvalidModelException(Fmt.safe(what) + ": empty input, expected a JSON object");
            }
            JsonNode root;
            if (t == JsonToken.START_OBJECT) {
                ObjectNode obj = MAPPER.createObjectNode();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    keys.check(key, obj);
                    p.nextToken();
                    JsonNode v = VALUE_READER.readTree(p);
                    obj.set(key, v == null ? obj.nullNode() : v);
                }
                root = obj;
            } else {
                root = VALUE_READER.readTree(p);
            }
            if (p.nextToken() != null) {
                throw new InvalidModelException(Fmt.safe(what) + ": malformed JSON at line " + p.currentLocation().getLineNr()
                        + ", column " + p.currentLocation().getColumnNr() + ": unexpected content after the end of the JSON value");
            }
            // the parser met the end of the input: every byte went through the digest
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return new Parsed(root, limited.count, sb.toString());
        } catch (JsonProcessingException e) {
            throw malformed(e, what);
        } catch (IOException e) {
            throw new InvalidModelException(Fmt.safe(what) + ": cannot read: " + Fmt.safe(e.getMessage()));
        }
    }

    /** Counts the bytes read and refuses to read past a limit (an endless or oversized input). */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private final String what;
        private final String hint;
        long count;

        Limited(InputStream in, long max, String what, String hint) {
            super(in);
            this.max = max;
            this.what = what;
            this.hint = hint;
        }

        private void add(long n) {
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new InvalidModelException(Fmt.safe(what) + ": larger than " + max + " bytes, the limit for a model"
                            + " file" + (hint == null ? "" : " (raise it with " + hint + ")"));
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long room = max - count; // >= 0: reading stops once past the limit
            int r = super.read(b, off, room >= len ? len : (int) (room + 1));
            add(r);
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long r = super.skip(n);
            add(r);
            return r;
        }
    }

    /** Jackson's message without its hints about Jackson's own settings and classes. */
    static String userMessage(String m) {
        if (m == null) {
            return "unreadable input";
        }
        m = m.replace('\n', ' ').replace('\r', ' ');
        m = Fmt.safe(m);
        m = m.replaceAll(" ?\\(?start marker at \\[Source: [^\\]]*\\]\\)?", "");
        if (m.startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON value";
        }
        for (String cut : new String[] {": enable `", " (bound as `", "; enable `"}) {
            int i = m.indexOf(cut);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        return m.trim();
    }

    /** Pretty-printed JSON text with a final newline. */
    public static byte[] bytes(JsonNode n) {
        try {
            return (MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new org.memarl.MemarlException("JSON: " + e.getOriginalMessage(), e);
        }
    }
}
