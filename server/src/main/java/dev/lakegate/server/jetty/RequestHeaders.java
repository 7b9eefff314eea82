package dev.lakegate.server.jetty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/** A request's header fields as the logs and the lake take them: each name with its values in order of arrival. */
final class RequestHeaders {
  private RequestHeaders() {}

  static Map<String, List<String>> asMap(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>(1)).add(field.getValue());
    }
    return headers;
  }
}
