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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.memarl.InvalidModelException;

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
                throw new InvalidModelException(what + ": empty input, expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidModelException(what + ": malformed JSON" + where + ": " + userMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new org.memarl.MemarlException("reading JSON: " + e.getMessage(), e);
        }
    }

    /** Jackson's message without its hints about Jackson's own settings and classes. */
    static String userMessage(String m) {
        if (m == null) {
            return "unreadable input";
        }
        m = m.replace('\n', ' ').replace('\r', ' ');
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
