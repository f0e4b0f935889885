package io.pjctrl.contract.tlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Loads the vendored vectors of src/test/resources/tlog (see the README there for their sources). */
final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/tlog/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector file tlog/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    static byte[] base64(JsonNode node) {
        return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
    }

    static List<byte[]> hexList(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(node -> out.add(hex(node)));
        return out;
    }

    static List<byte[]> base64List(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        if (array != null && !array.isNull()) {
            array.forEach(node -> out.add(base64(node)));
        }
        return out;
    }
}
