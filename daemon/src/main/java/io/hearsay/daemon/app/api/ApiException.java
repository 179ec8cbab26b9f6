package io.hearsay.daemon.app.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the local API refuses: an HTTP status and a JSON error naming the field and what is accepted. */
final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final int status;
    final String field;
    final String accepted;

    ApiException(final int status, final String message, final String field, final String accepted)
    {
        super(message);
        this.status = status;
        this.field = field;
        this.accepted = accepted;
    }

    static ApiException badField(final String field, final Object value, final String accepted)
    {
        return new ApiException(400, "field '" + field + "' = " + value + " is not accepted", field, accepted);
    }

    /** {@code {"error": ..., "field": ..., "accepted": ...}} (field and accepted only when known) */
    ObjectNode toJson()
    {
        final ObjectNode json = JsonNodeFactory.instance.objectNode().put("error", getMessage());
        if (null != field)
        {
            json.put("field", field);
        }
        if (null != accepted)
        {
            json.put("accepted", accepted);
        }
        return json;
    }
}
