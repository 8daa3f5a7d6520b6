package com.diffusionlab.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Which requests belong to the REST API, also while the container renders one's error. */
final class ApiPaths {

  static final String ROOT = "/api";

  /** The OpenAPI description and its UI: served by springdoc, not by the API's controllers. */
  static final String DOCS = "/api/docs";

  /**
   * Actuator's endpoints (only Prometheus' is exposed): behind the API's authentication, for
   * administrators, on the application's port or the management port.
   */
  static final String ACTUATOR = "/actuator";

  private ApiPaths() {}

  /**
   * The request's path within the application; for an error dispatch the path of the request that
   * failed, not the error page's.
   */
  static String path(HttpServletRequest request) {
    String uri =
        request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    instanceof String failed
            ? failed
            : request.getRequestURI();
    String context = request.getContextPath();
    return !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  static boolean isApi(HttpServletRequest request) {
    return isApi(path(request));
  }

  static boolean isApi(String path) {
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  static boolean isDocs(String path) {
    return path.equals(DOCS) || path.startsWith(DOCS + "/");
  }
}
