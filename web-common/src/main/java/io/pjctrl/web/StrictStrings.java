package io.pjctrl.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses, at the JSON boundary, strings that are valid JSON but not storable text: a NUL character (PostgreSQL
 * text cannot hold it, so it would fail deep in a transaction as a 500) and unpaired UTF-16 surrogates (not
 * Unicode; the UTF-8 encoder would silently replace them with '?'). The request gets a 400 naming the field.
 */
@Singleton
public class StrictStrings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("strict-strings").addDeserializer(String.class, new Deserializer()));
    }

    /** The index of the first character that is NUL or half of a surrogate pair, or -1 when the text is clean. */
    static int firstInvalid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && firstInvalid(value) >= 0) {
                throw InvalidFormatException.from(parser,
                        "must be Unicode text without NUL characters or unpaired surrogates", value, String.class);
            }
            return value;
        }
    }
}
