package org.sandbench.models.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads YAML policy and manifest files, turning parse errors into messages with file and line. */
public final class PolicyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private PolicyLoader() {
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** A standalone policy file: top-level keys are those of {@link Policy}. */
    public static Policy load(Path file) {
        return read(file, Policy.class);
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": no such file");
        } catch (IOException e) {
            throw new PolicyException(file + ": " + e.getMessage());
        }
        return parse(file.toString(), text, type);
    }

    public static <T> T parse(String source, String text, Class<T> type) {
        return parse(source, text, YAML.getTypeFactory().constructType(type));
    }

    public static <T> T parse(String source, String text, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return parse(source, text, YAML.getTypeFactory().constructType(type));
    }

    private static <T> T parse(String source, String text, com.fasterxml.jackson.databind.JavaType type) {
        try {
            T value = YAML.readValue(text, type);
            if (value == null)
                throw new PolicyException(source + ": the file is empty");
            return value;
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(source, e), e);
        }
    }

    private static String keyPath(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null)
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0)
                sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    static String describe(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? source : source + " line " + loc.getLineNr() + " column " + loc.getColumnNr();
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown key '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds() + ")";
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root)
                root = root.getCause();
            what = root instanceof IllegalArgumentException || root instanceof PolicyException
                    ? root.getMessage() : e.getOriginalMessage();
        }
        String path = e instanceof JsonMappingException m ? keyPath(m) : "";
        return where + ": " + what + (path.isEmpty() ? "" : " (at " + path + ")");
    }
}
