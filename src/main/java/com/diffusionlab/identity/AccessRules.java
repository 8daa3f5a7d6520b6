package com.diffusionlab.identity;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;

/**
 * One kind of object's rules: for each action, the relations ({@link Relation}) that may take it. A
 * VIEWER takes only the reading actions whatever their relation. Someone who may not read the
 * object is told that it does not exist ({@link NotFoundException}, the answer for a missing one,
 * so that ids cannot be probed); someone who may read it but not take the action is refused ({@link
 * AccessDeniedException}). The table in docs/security.md is these tables ({@code
 * ObjectRulesDocumentationTest} compares them).
 *
 * @param <A> the kind's actions
 */
public final class AccessRules<A extends Enum<A>> {

  private final String kind;
  private final A read;
  private final Set<A> reading;
  private final Map<A, Set<Relation>> allowed;

  private AccessRules(String kind, A read, Set<A> reading, Map<A, Set<Relation>> allowed) {
    this.kind = kind;
    this.read = read;
    this.reading = reading;
    this.allowed = allowed;
  }

  /**
   * Starts the rules of one kind of object.
   *
   * @param kind the object's name in messages and the documentation ("run", "session")
   * @param read the action whose refusal hides the object
   */
  public static <A extends Enum<A>> Builder<A> of(String kind, A read) {
    return new Builder<>(kind, read);
  }

  public String kind() {
    return kind;
  }

  /** Whether a user of this relation to the object may take the action. */
  public boolean allows(LabUser user, Relation relation, A action) {
    return allowed.get(action).contains(relation)
        && (reading.contains(action) || user.role().canGenerate());
  }

  /**
   * Checks the action; a refused action that would have changed something is published for the
   * audit log ({@code run.tag}, refused, with the reason), whether the object was hidden or not.
   *
   * @param object how messages name the object, e.g. "run 7"
   * @throws NotFoundException when the user may not read the object
   * @throws AccessDeniedException when they may read it but not take the action
   */
  public void require(
      LabUser user, Relation relation, A action, String object, ApplicationEventPublisher events) {
    RuntimeException refused = null;
    if (!allows(user, relation, read)) {
      refused = new NotFoundException(object + " does not exist");
    } else if (!allows(user, relation, action)) {
      refused = new AccessDeniedException(refusal(user, action, object));
    }
    if (refused == null) {
      return;
    }
    if (!reading.contains(action)) {
      events.publishEvent(
          AuditEvent.refused(
              kind.replace(' ', '-')
                  + "."
                  + action.name().toLowerCase(Locale.ROOT).replace('_', '-'),
              object,
              refused.getMessage()));
    }
    throw refused;
  }

  private String refusal(LabUser user, A action, String object) {
    String verb = words(action);
    if (!user.role().canGenerate() && !reading.contains(action)) {
      return "viewers may only look: they cannot " + verb + " " + object;
    }
    String who =
        allowed.get(action).stream()
            .filter(relation -> relation != Relation.OUTSIDER)
            .map(AccessRules::words)
            .collect(Collectors.joining(" or "));
    return "only " + (who.isEmpty() ? "nobody" : who) + " may " + verb + " " + object;
  }

  /** The relations allowed each action, in the actions' order: the documented table. */
  public Map<A, Set<Relation>> table() {
    return Collections.unmodifiableMap(allowed);
  }

  /** Whether a VIEWER may take the action (when their relation allows it). */
  public boolean reading(A action) {
    return reading.contains(action);
  }

  private static String words(Enum<?> value) {
    if (value instanceof Relation relation) {
      return switch (relation) {
        case ADMIN -> "an administrator";
        case OWNER -> "its owner";
        case MEMBER -> "a member of its session";
        case OUTSIDER -> "anyone";
      };
    }
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Rules under construction; every action must be given its relations. */
  public static final class Builder<A extends Enum<A>> {
    private final String kind;
    private final A read;
    private final Set<A> reading;
    private final Map<A, Set<Relation>> allowed;

    private Builder(String kind, A read) {
      this.kind = kind;
      this.read = read;
      this.reading = EnumSet.of(read);
      this.allowed = new EnumMap<>(read.getDeclaringClass());
    }

    /** The relations that may take the action. */
    public Builder<A> allow(A action, Relation... relations) {
      allowed.put(
          action,
          relations.length == 0
              ? Collections.unmodifiableSet(EnumSet.noneOf(Relation.class))
              : Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(relations))));
      return this;
    }

    /** Actions that only read, which VIEWERs may take too (the read action always is one). */
    @SafeVarargs
    public final Builder<A> reading(A... actions) {
      reading.addAll(Arrays.asList(actions));
      return this;
    }

    /**
     * @throws IllegalStateException when an action has no relations given
     */
    public AccessRules<A> build() {
      for (A action : read.getDeclaringClass().getEnumConstants()) {
        if (!allowed.containsKey(action)) {
          throw new IllegalStateException(kind + " rules do not say who may " + action);
        }
      }
      return new AccessRules<>(
          kind, read, Collections.unmodifiableSet(reading), Collections.unmodifiableMap(allowed));
    }
  }
}
