package com.diffusionlab.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** The API's servlet filters: what is answered before Spring MVC, or after it gave up. */
@Configuration
class ApiFilters {

  /**
   * Request bodies over {@code dlab.api.max-body-size}: 413 once that much is read, also when the
   * Content-Length announces more. Refusing on the announcement alone would leave more unread than
   * the server drops (its swallow limit, 2 MB): it would close the connection, and a client still
   * sending would never see the answer.
   */
  @Bean
  FilterRegistrationBean<BodyLimit> apiBodyLimit(ApiProblems problems, ApiProperties properties) {
    FilterRegistrationBean<BodyLimit> registration =
        new FilterRegistrationBean<>(new BodyLimit(problems, properties.maxBodySize().toBytes()));
    registration.addUrlPatterns(ApiPaths.ROOT + "/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  /**
   * The container's error page for a request under {@code /api}: problem JSON, written before the
   * security filters. The error page itself ({@code /error}) is outside the API, so those filters
   * would judge it by the UI's rules and answer with the login page or an empty 403 instead of the
   * error.
   */
  @Bean
  FilterRegistrationBean<ErrorPage> apiErrorPage(ApiProblems problems) {
    FilterRegistrationBean<ErrorPage> registration =
        new FilterRegistrationBean<>(new ErrorPage(problems));
    registration.setDispatcherTypes(DispatcherType.ERROR);
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  static final class BodyLimit extends OncePerRequestFilter {
    private final ApiProblems problems;
    private final long limit;

    BodyLimit(ApiProblems problems, long limit) {
      this.problems = problems;
      this.limit = limit;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      chain.doFilter(
          isMultipart(request) ? request : new LimitedBodyRequest(request, limit), response);
    }

    /** Uploads are spooled by the multipart resolver under its own limits. */
    private static boolean isMultipart(HttpServletRequest request) {
      String type = request.getContentType();
      return type != null
          && type.regionMatches(
              true, 0, MediaType.MULTIPART_FORM_DATA_VALUE, 0, "multipart/".length());
    }
  }

  static final class ErrorPage extends OncePerRequestFilter {
    private final ApiProblems problems;

    ErrorPage(ApiProblems problems) {
      this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
      return false;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!ApiPaths.isApi(request)) {
        chain.doFilter(request, response);
        return;
      }
      Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      problems.write(
          response,
          failure instanceof Throwable thrown
              ? problems.answer(thrown, request)
              : problems.answer(status instanceof Integer code ? code : 500, request));
    }
  }
}
