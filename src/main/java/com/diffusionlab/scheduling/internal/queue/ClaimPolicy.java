package com.diffusionlab.scheduling.internal.queue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which queued jobs a worker claims, and in which order: the SQL that db-scheduler's lock-and-fetch
 * runs with (see {@link QueueDialect#customization(ClaimPolicy)}).
 *
 * <ul>
 *   <li><b>Device class.</b> A worker claims the jobs that ask for no device class and those that
 *       ask for its own; a job asking for another class waits for a worker of that class.
 *   <li><b>Model affinity within a slack.</b> The fair-share order is {@code execution_time} (each
 *       job's start tag, in virtual seconds: device-seconds divided by the session's weight). Let
 *       {@code head} be the earliest tag among the waiting jobs this worker can serve. Jobs for a
 *       model the worker holds loaded whose tag is at most {@code head + slack} come first, in tag
 *       order; then every other job, in tag order.
 * </ul>
 *
 * <p>The bound: a job J is passed over only by jobs whose tag is at most {@code slack} later than
 * the head, hence than J's own tag. Strict start-time fair queueing runs J before any job with a
 * later tag; with affinity, the work run ahead of J is at most the work that fair queueing runs
 * with tags up to {@code tag(J) + slack}: for each other session, at most {@code slack × its
 * weight} device-seconds (plus one job) more than strict order. Fair share keeps holding in the
 * long run, and no job is overtaken by more than that: a loaded model never starves a session.
 * Slack 0 leaves only ties of the fair order to affinity.
 *
 * <p>Values go into the SQL as literals (a device class and hex hashes, checked against their
 * patterns here), because db-scheduler binds only its own parameters.
 */
public final class ClaimPolicy {
  private static final Pattern DEVICE_CLASS = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{1,64}");

  /** Every job, in fair-share order: no device class, no models loaded. */
  public static final ClaimPolicy ANY = new ClaimPolicy(null, List::of, Duration.ZERO);

  private final String deviceClass;
  private final Supplier<? extends Collection<String>> loadedModels;
  private final Duration slack;

  /**
   * @param deviceClass the class of device this worker runs jobs on ({@code cpu}, {@code gpu}), or
   *     null for a worker that takes every job
   * @param loadedModels the content hashes of the models this worker holds loaded now (asked at
   *     every claim)
   * @param slack how far behind the head of the fair-share order, in virtual seconds, a job for a
   *     loaded model may be and still go first
   */
  public ClaimPolicy(
      String deviceClass, Supplier<? extends Collection<String>> loadedModels, Duration slack) {
    if (deviceClass != null && !DEVICE_CLASS.matcher(deviceClass).matches()) {
      throw new IllegalArgumentException(
          "deviceClass='" + deviceClass + "' is not allowed: lower-case letters, digits and -");
    }
    if (slack == null || slack.isNegative()) {
      throw new IllegalArgumentException("slack=" + slack + " is not allowed: 0 or more");
    }
    this.deviceClass = deviceClass;
    this.loadedModels = loadedModels;
    this.slack = slack;
  }

  /** The class of device this worker serves, or null for every job. */
  public String deviceClass() {
    return deviceClass;
  }

  public Duration slack() {
    return slack;
  }

  /** db-scheduler's select of due jobs with this policy's condition and order. */
  String selectDueQuery(
      String tableName, String andCondition, boolean orderByPriority, String limitPart) {
    return "select * from "
        + tableName
        + " where picked = ? and execution_time <= ? "
        + andCondition
        + andCondition(null)
        + orderPart(tableName, orderByPriority)
        + limitPart;
  }

  /**
   * {@code and …} restricting a query on the queue to the jobs this worker can serve.
   *
   * @param alias the queue table's alias in the query, or null
   */
  String andCondition(String alias) {
    if (deviceClass == null) {
      return "";
    }
    String column = column(alias, "device_class");
    return " and (" + column + " is null or " + column + " = '" + deviceClass + "') ";
  }

  /** {@code order by …}: loaded models within the slack of the head first, then fair order. */
  String orderPart(String tableName, boolean orderByPriority) {
    String priority = orderByPriority ? "priority desc, " : "";
    List<String> hashes =
        loadedModels.get().stream().filter(hash -> HASH.matcher(hash).matches()).toList();
    if (hashes.isEmpty()) {
      return " order by " + priority + "execution_time asc ";
    }
    String head =
        "(select min(head.execution_time) from "
            + tableName
            + " head where head.picked = false"
            + andCondition("head")
            + ")";
    return " order by "
        + priority
        + "case when model_hash in ("
        + hashes.stream().map(hash -> "'" + hash + "'").collect(Collectors.joining(", "))
        + ") and execution_time <= "
        + head
        + " + interval '"
        + seconds(slack)
        + "' second then 0 else 1 end, execution_time asc ";
  }

  private static String seconds(Duration duration) {
    long micros = duration.toNanos() / 1_000;
    return BigDecimal.valueOf(micros, 6).toPlainString();
  }

  private static String column(String alias, String name) {
    return alias == null ? name : alias + "." + name;
  }
}
