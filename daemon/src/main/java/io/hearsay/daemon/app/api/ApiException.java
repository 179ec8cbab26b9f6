package io.hearsay.daemon.app.api;

import io.hearsay.records.run.Json;

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

    String toJson()
    {
        final StringBuilder sb = new StringBuilder("{\"error\":");
        sb.append(Json.write(getMessage()));
        if (null != field)
        {
            sb.append(",\"field\":");
            sb.append(Json.write(field));
        }
        if (null != accepted)
        {
            sb.append(",\"accepted\":");
            sb.append(Json.write(accepted));
        }
        return sb.append('}').toString();
    }
}
