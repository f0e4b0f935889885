package io.pjctrl.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 (POST /v1/traces, binary protobuf): both services of the stack export to
 * it, so a test sees the spans each process really sent. It decodes only what the tests read (trace and span ids,
 * parent, name, links, the resource's service.name) with a minimal protobuf wire reader, keeps the latest
 * {@link #MAX_SPANS} spans (the oldest go first: the shared stack runs every system test before a tracing test looks,
 * and a test looks for the spans of the request it just made) and answers every export with an empty
 * ExportTraceServiceResponse.
 */
public final class OtlpReceiver implements AutoCloseable {

    static final int MAX_SPANS = 50_000;

    /** One exported span; ids as lower-case hex, parent "" for a root span. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            List<String> linkedSpanIds) {
    }

    private final HttpServer server;
    private final ArrayDeque<ReceivedSpan> spans = new ArrayDeque<>();
    private final AtomicLong evicted = new AtomicLong();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to configure as QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    public List<ReceivedSpan> ofTrace(String traceId) {
        synchronized (spans) {
            return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
        }
    }

    /** How many spans were let go to stay within {@link #MAX_SPANS}. */
    public long evicted() {
        return evicted.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = read(exchange);
            int status = 200;
            try {
                decodeRequest(ByteBuffer.wrap(body));
            } catch (RuntimeException e) {
                status = 400;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private void decodeRequest(ByteBuffer request) {
        for (Field field : fields(request)) {
            if (field.number == 1) {
                decodeResourceSpans(field.bytes);
            }
        }
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    private void decodeResourceSpans(ByteBuffer resourceSpans) {
        List<Field> fields = fields(resourceSpans);
        String service = "";
        for (Field field : fields) {
            if (field.number == 1) {
                service = serviceName(field.bytes);
            }
        }
        for (Field scopeSpans : fields) {
            if (scopeSpans.number == 2) {
                for (Field span : fields(scopeSpans.bytes)) {
                    if (span.number == 2) {
                        add(decodeSpan(service, span.bytes));
                    }
                }
            }
        }
    }

    // Resource { repeated KeyValue attributes = 1; } KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { string string_value = 1; ... }
    private static String serviceName(ByteBuffer resource) {
        for (Field attribute : fields(resource)) {
            if (attribute.number != 1) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field part : fields(attribute.bytes)) {
                if (part.number == 1) {
                    key = text(part.bytes);
                } else if (part.number == 2) {
                    for (Field any : fields(part.bytes)) {
                        if (any.number == 1) {
                            value = text(any.bytes);
                        }
                    }
                }
            }
            if ("service.name".equals(key)) {
                return value;
            }
        }
        return "";
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5;
    // repeated Link links = 13; } Link { bytes trace_id = 1; bytes span_id = 2; }
    private static ReceivedSpan decodeSpan(String service, ByteBuffer span) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        List<String> links = new ArrayList<>();
        for (Field field : fields(span)) {
            switch (field.number) {
                case 1 -> traceId = hex(field.bytes);
                case 2 -> spanId = hex(field.bytes);
                case 4 -> parent = hex(field.bytes);
                case 5 -> name = text(field.bytes);
                case 13 -> fields(field.bytes).stream()
                        .filter(link -> link.number == 2)
                        .forEach(link -> links.add(hex(link.bytes)));
                default -> {
                }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, List.copyOf(links));
    }

    private void add(ReceivedSpan span) {
        synchronized (spans) {
            if (spans.size() == MAX_SPANS) {
                spans.removeFirst();
                evicted.incrementAndGet();
            }
            spans.addLast(span);
        }
    }

    /** A length-delimited field's payload; other wire types are skipped (bytes null). */
    private record Field(int number, ByteBuffer bytes) {
    }

    private static List<Field> fields(ByteBuffer message) {
        ByteBuffer in = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<Field> fields = new ArrayList<>();
        while (in.hasRemaining()) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> varint(in);
                case 1 -> in.position(in.position() + 8);
                case 5 -> in.position(in.position() + 4);
                case 2 -> {
                    int length = (int) varint(in);
                    ByteBuffer payload = in.slice(in.position(), length);
                    in.position(in.position() + length);
                    fields.add(new Field(number, payload));
                }
                default -> throw new IllegalArgumentException("unsupported wire type in tag " + tag);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }

    private static String hex(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return HexFormat.of().formatHex(copy);
    }

    private static String text(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return new String(copy, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
