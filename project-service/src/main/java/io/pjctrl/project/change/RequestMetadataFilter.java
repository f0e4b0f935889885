package io.pjctrl.project.change;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.pjctrl.contract.event.CloudEvents;
import io.pjctrl.project.ProjectServiceConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Captures the request metadata of every API call (client IP, user agent, request id, W3C trace context) and echoes
 * the request id in the response, so a caller can find its change in the audit trail. The trace id is the server
 * span's: it continues an incoming {@code traceparent} and is a fresh trace otherwise, so it is always set.
 */
public class RequestMetadataFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    static final String PROPERTY = RequestMetadata.class.getName();

    // Anything else is replaced by a fresh id: the value lands in logs and in the tamper-evident audit trail.
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:/+=-]{1,128}$");
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final String NO_TRACE = "00000000000000000000000000000000";
    private static final int MAX_USER_AGENT = 512;
    // W3C Trace Context: 512 characters is what a platform must propagate; a longer tracestate may be dropped (and
    // would not fit the outbox column).
    static final int MAX_TRACESTATE = 512;

    private final ClientIpResolver ips;
    private final CurrentRequest current;

    public RequestMetadataFilter(ProjectServiceConfig config, CurrentRequest current) {
        this.ips = new ClientIpResolver(config.http().trustedProxies().orElse(List.of()));
        this.current = current;
    }

    @ServerRequestFilter
    public void capture(ContainerRequestContext context, HttpServerRequest request) {
        Map<String, String> traceContext = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), traceContext, Map::put);
        RequestMetadata metadata = new RequestMetadata(
                ips.resolve(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                        request.getHeader("X-Forwarded-For")),
                truncate(request.getHeader("User-Agent")),
                requestId(request.getHeader(REQUEST_ID)),
                traceId(Span.current().getSpanContext(), request.getHeader(CloudEvents.TRACEPARENT_HEADER)),
                traceContext.get(CloudEvents.TRACEPARENT_HEADER),
                tracestate(traceContext.get(CloudEvents.TRACESTATE_HEADER)));
        context.setProperty(PROPERTY, metadata);
        current.metadata(metadata);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object metadata = request.getProperty(PROPERTY);
        String id = metadata instanceof RequestMetadata captured
                ? captured.requestId()
                : requestId(request.getHeaderString(REQUEST_ID));
        response.getHeaders().putSingle(REQUEST_ID, id);
    }

    static String requestId(String incoming) {
        return incoming != null && SAFE_REQUEST_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The server span's trace id; the incoming header's only if there is no span (tracing switched off). */
    static String traceId(SpanContext span, String traceparent) {
        return span.isValid() ? span.getTraceId() : traceId(traceparent);
    }

    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var matcher = TRACEPARENT.matcher(traceparent.trim());
        return matcher.matches() && !NO_TRACE.equals(matcher.group(1)) ? matcher.group(1) : null;
    }

    static String tracestate(String tracestate) {
        return tracestate == null || tracestate.isEmpty() || tracestate.length() > MAX_TRACESTATE ? null : tracestate;
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT
                ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
    }
}
