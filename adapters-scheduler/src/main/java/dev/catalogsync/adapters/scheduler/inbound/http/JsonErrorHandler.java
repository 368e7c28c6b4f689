package dev.catalogsync.adapters.scheduler.inbound.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a request line it cannot parse: 400, headers over the limit: 431, a failed
 * read) in the shape every route's errors have, {@code {"error": "..."}}, instead of Jetty's HTML page, and without
 * stack traces. A 4xx keeps Jetty's words about what was wrong with the request; a 5xx says only its status, since
 * its message may be a failure's own (SQL, a path).
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        RouteTable.write(response, callback, RouteResponse.error(code, describe(code, message)));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        RouteResponse answer = RouteResponse.error(status, describe(status, reason));
        fields.put(HttpHeader.CONTENT_TYPE, RouteResponse.JSON_CONTENT_TYPE);
        return ByteBuffer.wrap(answer.body());
    }

    private static String describe(int code, String message) {
        return code >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    }
}
