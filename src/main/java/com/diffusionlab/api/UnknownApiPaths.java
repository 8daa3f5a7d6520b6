package com.diffusionlab.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Takes every path under {@code /api} that no endpoint maps, for any method, and answers 404.
 * Without it such a request falls through to the UI's catch-all mapping and gets the UI's HTML page
 * with 200. It comes after the controllers' mappings, so a known path asked with another method
 * still gets 405; the OpenAPI pages are left to springdoc.
 */
@Component
class UnknownApiPaths extends AbstractHandlerMapping {

  private final HttpRequestHandler notFound;

  UnknownApiPaths(ApiProblems problems) {
    // written here: Spring MVC gives the exceptions of handlers that are not controller methods
    // to its own resolvers, not to the API's advice
    this.notFound =
        (request, response) ->
            problems.write(
                response,
                problems.answer(
                    new NoHandlerFoundException(
                        request.getMethod(), ApiPaths.path(request), new HttpHeaders()),
                    request));
    // before the UI's and the static resources' catch-all mappings (LOWEST_PRECEDENCE - 1)
    setOrder(Ordered.LOWEST_PRECEDENCE - 2);
  }

  @Override
  protected Object getHandlerInternal(HttpServletRequest request) {
    String path = ApiPaths.path(request);
    return ApiPaths.isApi(path) && !ApiPaths.isDocs(path) ? notFound : null;
  }
}
