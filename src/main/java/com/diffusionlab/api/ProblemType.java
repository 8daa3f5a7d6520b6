package com.diffusionlab.api;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of problem the REST API answers with, each with a stable type URI ({@code
 * /api/problems/<kind>}, which also describes it) and the HTTP status it comes with.
 */
enum ProblemType {
  MALFORMED_BODY(
      400,
      "Malformed request body",
      "The body cannot be read: it is empty, or not the JSON (or YAML, or text) the endpoint takes."
          + " The detail says where it goes wrong."),
  INVALID_FIELDS(
      400,
      "Invalid fields",
      "One or more fields or parameters are not allowed: errors[] lists each with its field, the"
          + " value given and what is allowed. Nothing was queued or charged."),
  INVALID_QUERY(
      400,
      "Invalid run query",
      "The run query does not parse or names an unknown field; position is the 1-based character"
          + " where it goes wrong."),
  INVALID_SWEEP(
      400,
      "Invalid sweep definition",
      "The sweep definition (YAML) is malformed or has a value that is not allowed; line is the"
          + " 1-based line at fault (when one is) and errors[] names the key."),
  BAD_REQUEST(
      400, "Bad request", "The request cannot be carried out as asked; the detail says why."),
  UNAUTHORIZED(
      401,
      "Sign-in required",
      "No credentials or wrong ones, or a revoked API key: sign in with an API key"
          + " (Authorization: Bearer dlab_…) or HTTP Basic (WWW-Authenticate names both). A"
          + " browser's signed-in session is taken for GET, HEAD and OPTIONS only: a request that"
          + " changes something must bring a key or a password."),
  FORBIDDEN(
      403,
      "Forbidden",
      "Signed in, but your role does not allow this (viewers look and cannot generate), the"
          + " object is someone else's, the API key's scope does not allow it (a READ key only"
          + " reads, a GENERATE key does no administration), or your password is one-time and"
          + " must be changed first."),
  NOT_FOUND(
      404,
      "Not found",
      "No such API endpoint (for any method), or no such object among those you can see."),
  METHOD_NOT_ALLOWED(
      405,
      "Method not allowed",
      "The endpoint exists but does not take this method; the Allow header lists those it takes."),
  NOT_ACCEPTABLE(
      406,
      "Not acceptable",
      "The endpoint cannot answer in any type the Accept header allows; the detail lists those it"
          + " can."),
  PAYLOAD_TOO_LARGE(
      413,
      "Payload too large",
      "The request body or the upload is larger than the limit the detail names."),
  UNSUPPORTED_MEDIA_TYPE(
      415,
      "Unsupported media type",
      "The endpoint does not take this Content-Type; the Accept header lists those it takes."),
  OVER_SESSION_LIMIT(
      403,
      "Over the session's limit",
      "The session never allows this job as asked: a size, step count or batch over its limit, a"
          + " model it does not allow, or the session is closed. errors[] names the field and"
          + " limit names the session's limit with the figures (name, allowed, requested); waiting"
          + " does not help, an administrator can change the session. Nothing was queued or"
          + " charged."),
  QUOTA_EXCEEDED(
      429,
      "Quota exceeded",
      "The session has no room for this job now: its budget, less what ended jobs used and what"
          + " queued and running jobs reserved, does not hold the job's estimate, or it has as many"
          + " jobs queued or running as it allows. errors[] names the field and limit the"
          + " session's limit with the figures (name, allowed, requested, used, reserved)."
          + " Retry-After is set when waiting helps (a job of the session has to end first)."
          + " Nothing was queued or charged."),
  SIGN_IN_DELAYED(
      429,
      "Sign-in delayed",
      "Too many failed sign-ins for this account or from this address: the credentials were not"
          + " checked. Try again after Retry-After seconds; each further failure makes the wait"
          + " longer, and enough of them lock the account."),
  ACCOUNT_LOCKED(
      423,
      "Account locked",
      "Too many failed sign-ins locked this account: no password signs in until an administrator"
          + " unlocks it (Users view, POST /api/v1/users/{username}/unlock or dlab users unlock)."),
  RATE_LIMITED(
      429,
      "Too many requests",
      "The caller made more requests than its rate limit allows (a token bucket per user and per"
          + " API key, reads and writes apart); the detail names the limit. Try again after"
          + " Retry-After seconds."),
  INTERNAL_ERROR(
      500,
      "Internal error",
      "Something unexpected failed on the server. errorId identifies the details in the server's"
          + " log; give it to the administrator."),
  NOT_READY(
      503,
      "Not ready",
      "The workspace is starting up (loading its models) or shutting down and accepts no work;"
          + " ask again after Retry-After seconds. GET /api/v1/ready says when it is ready.");

  /** Where the type URIs live; each answers with its description. */
  static final String BASE = "/api/problems/";

  /** The kinds that say no more than their status: what a bare status becomes. */
  private static final Set<ProblemType> GENERAL =
      EnumSet.of(
          BAD_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          NOT_FOUND,
          METHOD_NOT_ALLOWED,
          NOT_ACCEPTABLE,
          PAYLOAD_TOO_LARGE,
          UNSUPPORTED_MEDIA_TYPE,
          INTERNAL_ERROR);

  private final int status;
  private final String title;
  private final String description;

  ProblemType(int status, String title, String description) {
    this.status = status;
    this.title = title;
    this.description = description;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  String description() {
    return description;
  }

  /** The kind's name in its URI, e.g. {@code invalid-fields}. */
  String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  URI uri() {
    return URI.create(BASE + slug());
  }

  static Optional<ProblemType> bySlug(String slug) {
    return Arrays.stream(values()).filter(type -> type.slug().equals(slug)).findFirst();
  }

  /**
   * The general kind for a status that no more precise kind explains, e.g. for an error the
   * container raised; empty for statuses whose kinds have a narrower meaning (a 503 is not always
   * "not ready").
   */
  static Optional<ProblemType> forStatus(int status) {
    return GENERAL.stream().filter(type -> type.status == status).findFirst();
  }
}
