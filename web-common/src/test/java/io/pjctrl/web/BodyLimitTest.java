package io.pjctrl.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** A real Vert.x server on a loopback port with the limit installed in front of a route that reads the body. */
class BodyLimitTest {

    static final int LIMIT = 64 * 1024;
    static final long DRAIN_MILLIS = 500;

    static Vertx vertx;
    static HttpServer server;
    static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new BodyLimit(LIMIT, DRAIN_MILLIS).install(router);
        router.post("/echo").handler(BodyHandler.create())
                .handler(context -> context.response().end("read " + context.body().length()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldPassABodyWithinTheLimit() throws Exception {
        HttpResponse<String> response = post(new byte[LIMIT]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("read " + LIMIT);
    }

    @Test
    void shouldAnswerEveryRefusalEvenToAClientStillSending() throws Exception {
        // Closing the connection under a client that is still writing resets it, and the client never sees the
        // answer: a race, so try it many times, each followed by a good request on the same client.
        for (int i = 0; i < 20; i++) {
            assertThat(post(new byte[4 * 1024 * 1024]).statusCode()).as("oversized request %d", i).isEqualTo(413);
            assertThat(post(new byte[16]).statusCode()).as("request after refusal %d", i).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseALargerBodyWithProblemJsonBeforeReadingIt() throws Exception {
        HttpResponse<String> response = post(new byte[10 * 1024 * 1024]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:pjctrl:problem:payload-too-large");
        assertThat(problem.getInteger("status")).isEqualTo(413);
        assertThat(problem.getString("detail")).contains(String.valueOf(10 * 1024 * 1024), String.valueOf(LIMIT));
        assertThat(problem.getString("instance")).isEqualTo("/echo");
    }

    @Test
    void shouldLeaveAMalformedContentLengthToTheHttpCodec() throws Exception {
        // Not an HTTP request at all: the codec answers 400 before any route (this one included) runs.
        String answer = rawExchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).doesNotContain("read ");
    }

    @Test
    void shouldAnswerAnOversizedDeclarationAtOnceAndCloseWhenTheClientStalls() throws Exception {
        // The body is never sent: the answer must come from the declaration alone, and the connection must not be
        // held open for a body that never comes.
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = readResponse(in);
            long answeredAt = System.nanoTime();

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json", "urn:pjctrl:problem:payload-too-large",
                    "connection: close");
            assertThat(in.read()).as("end of stream once the drain time is over").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answeredAt)).isLessThan(4_000);
        }
    }

    @Test
    void shouldLeaveRequestsWithoutABodyAlone() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    private static HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/echo");
    }

    /** Java's HttpClient will not send a malformed Content-Length: speak HTTP over a socket. */
    private static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** One response: the head, then as many body bytes as its content-length says. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }
}
