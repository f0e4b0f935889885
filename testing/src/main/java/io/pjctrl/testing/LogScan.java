package io.pjctrl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The lines an application wrote to its JSON log file, searched for secrets. A secret is looked for as a whole and,
 * for PEM keys and JWTs, by the parts a careless log line would carry (one base64 line of the key, the token's
 * signature), so a truncated or re-wrapped copy is found too.
 *
 * <p>
 * The log configuration that feeds it is {@link #everythingTo(Path)}: every level of our code, DEBUG for the
 * frameworks, in the JSON format the prod profile ships.
 */
public final class LogScan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> lines;
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private LogScan(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /**
     * Log configuration for a test profile: a JSON log file at {@code file} (deleted first, so it holds this run
     * only) that receives TRACE of {@code io.pjctrl} and DEBUG of everything else; the Kafka client stays at INFO,
     * the level every profile ships, because its DEBUG output is the broker protocol. {@code org.apache.http} stays at INFO
     * too: it is the test's own REST client (RestAssured) logging the requests it sends, in the same JVM; neither service
     * ships it. The console stays at INFO.
     */
    public static Map<String, String> everythingTo(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.log.min-level", "TRACE",
                "quarkus.log.level", "DEBUG",
                "quarkus.log.category.\"io.pjctrl\".level", "TRACE",
                "quarkus.log.category.\"org.apache.kafka\".level", "INFO",
                "quarkus.log.category.\"org.apache.http\".level", "INFO",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", file.toString(),
                "quarkus.log.file.level", "TRACE",
                "quarkus.log.file.json.enabled", "true",
                "quarkus.log.console.level", "INFO");
    }

    public static LogScan of(Path file) {
        try {
            return new LogScan(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looks for {@code value} itself. */
    public LogScan secret(String name, String value) {
        if (value == null || value.length() < 8) {
            throw new IllegalArgumentException(name + " is too short to be searched for reliably");
        }
        secrets.put(name, value);
        return this;
    }

    /** Looks for the token and for its signature alone. */
    public LogScan jwt(String name, String token) {
        secret(name, token);
        return secret(name + " (signature)", token.substring(token.lastIndexOf('.') + 1));
    }

    /** Looks for every base64 line of a PEM file on the classpath, and for the whole body on one line. */
    public LogScan pem(String name, String classpathResource) {
        List<String> body = pemBody(classpathResource);
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).length() >= 16) {
                secret(name + " line " + (i + 1), body.get(i));
            }
        }
        return secret(name + " (body)", String.join("", body));
    }

    /** Lines that contain a secret, as "name: line"; empty when none does. */
    public List<String> leaks() {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            secrets.forEach((name, value) -> {
                if (line.contains(value)) {
                    found.add(name + ": " + line);
                }
            });
        }
        return found;
    }

    /** Lines that are not one JSON object each (the prod format). */
    public List<String> notJson() {
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            try {
                if (!JSON.readTree(line).isObject()) {
                    bad.add(line);
                }
            } catch (IOException e) {
                bad.add(line);
            }
        }
        return bad;
    }

    /** Whether some line's message contains {@code text}. */
    public boolean logged(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    public int lineCount() {
        return lines.size();
    }

    public Path file() {
        return file;
    }

    private static List<String> pemBody(String classpathResource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + classpathResource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("-----"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
