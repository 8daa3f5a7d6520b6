package com.diffusionlab.identity;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.internal.ApiKeyChecks;
import com.diffusionlab.identity.internal.ApiKeyEntity;
import com.diffusionlab.identity.internal.ApiKeyRepository;
import com.diffusionlab.identity.internal.ApiKeySecrets;
import com.diffusionlab.identity.internal.UserEntity;
import com.diffusionlab.identity.internal.UserRepository;
import jakarta.servlet.Filter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: everyone creates, lists and revokes their own, administrators list and revoke
 * everyone's. A key's scope is at most what its user's role has use for (a viewer's keys only
 * read), and a request made with a key creates no key of a wider scope than its own. The rules hold
 * for the UI, the REST API and the command line alike.
 */
@Service
public class ApiKeyService {

  public static final int MAX_NAME_LENGTH = 64;

  /** Active keys a user may have at once: enough for every script, not a table to fill. */
  public static final int MAX_KEYS_PER_USER = 100;

  private static final String NAME_ALLOWED =
      "1 to " + MAX_NAME_LENGTH + " characters, not only spaces, no control characters";

  private final ApiKeyRepository keys;
  private final UserRepository users;
  private final ApiKeySecrets secrets;
  private final ApiKeyChecks checks;
  private final ApplicationEventPublisher events;

  ApiKeyService(
      ApiKeyRepository keys,
      UserRepository users,
      ApiKeySecrets secrets,
      ApiKeyChecks checks,
      ApplicationEventPublisher events) {
    this.keys = keys;
    this.users = users;
    this.secrets = secrets;
    this.checks = checks;
    this.events = events;
  }

  /**
   * A new key of the signed-in user; its secret is in the answer and nowhere else.
   *
   * @throws InvalidRequestException naming {@code name} (empty, too long, control characters, one
   *     of the user's keys already has it, too many keys) or {@code scope} (none, or wider than the
   *     user's role or the key this request was made with allows)
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional
  public IssuedApiKey create(String name, ApiKeyScope scope) {
    UserEntity user = signedIn();
    String checkedName = checkName(name);
    if (scope == null) {
      throw new InvalidRequestException("scope", "(none)", "one of READ, GENERATE, ADMIN");
    }
    ApiKeyScope widest = widestFor(user);
    if (scope.compareTo(widest) > 0) {
      String reason = "one of " + names(widest.andBelow()) + ": " + whyNoWider(user, widest);
      events.publishEvent(
          AuditEvent.refused("key.create", "key of " + user.username(), "scope " + scope));
      throw new InvalidRequestException("scope", scope.name(), reason);
    }
    if (keys.existsByUser_IdAndRevokedAtIsNullAndNameIgnoreCase(user.id(), checkedName)) {
      throw new InvalidRequestException(
          "name", checkedName, "a name none of your keys has yet (compared without case)");
    }
    if (keys.countByUser_IdAndRevokedAtIsNull(user.id()) >= MAX_KEYS_PER_USER) {
      throw new InvalidRequestException(
          "name",
          checkedName,
          "no new key: you have " + MAX_KEYS_PER_USER + " keys, the most one may have; revoke one");
    }
    String secret = secrets.generate();
    ApiKeyEntity key =
        keys.saveAndFlush(
            new ApiKeyEntity(
                user,
                checkedName,
                scope,
                ApiKeySecrets.hash(secret),
                ApiKeySecrets.prefix(secret),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    events.publishEvent(
        AuditEvent.succeeded("key.create", key.described(), "scope " + scope + ", " + checkedName));
    return new IssuedApiKey(key.toApiKey(), secret);
  }

  /** The signed-in user's keys that are not revoked, oldest first. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public List<ApiKey> mine() {
    return keys.activeOf(signedIn().id()).stream().map(ApiKeyEntity::toApiKey).toList();
  }

  /** Every user's keys that are not revoked, by user. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public List<ApiKey> all() {
    return keys.allActive().stream().map(ApiKeyEntity::toApiKey).toList();
  }

  /** The scopes the signed-in user may give a new key, narrowest first. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public List<ApiKeyScope> scopesAllowed() {
    return widestFor(signedIn()).andBelow();
  }

  /**
   * Revokes a key of the signed-in user, or anyone's for an administrator: it stops working at once
   * on this node and within {@code dlab.keys.recheck-after} on the others.
   *
   * @throws NotFoundException when there is no such key among those the caller may revoke (someone
   *     else's key answers the same as a missing one)
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional
  public ApiKey revoke(long id) {
    UserEntity user = signedIn();
    Optional<ApiKeyEntity> found = keys.findById(id).filter(key -> !key.revoked());
    if (found.isPresent() && !found.get().user().id().equals(user.id()) && !actsAsAdmin()) {
      events.publishEvent(
          AuditEvent.refused("key.revoke", found.get().described(), "not the caller's key"));
      found = Optional.empty();
    }
    ApiKeyEntity key = found.orElseThrow(() -> new NotFoundException("no API key " + id));
    key.revoke(Instant.now());
    checks.forgetKey(key.id());
    events.publishEvent(AuditEvent.succeeded("key.revoke", key.described()));
    return key.toApiKey();
  }

  /**
   * The filter that signs requests in with {@code Authorization: Bearer dlab_…}, for a security
   * chain: a wrong key is answered by {@code signIn}, a method its scope does not allow by {@code
   * denied}.
   */
  public Filter signInFilter(AuthenticationEntryPoint signIn, AccessDeniedHandler denied) {
    return new ApiKeyAuthenticationFilter(checks, signIn, denied);
  }

  private static String checkName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()
        || stripped.length() > MAX_NAME_LENGTH
        || stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("name", Usernames.shown(name), NAME_ALLOWED);
    }
    return stripped;
  }

  /** What the role has use for, and no wider than the key the request came with. */
  private static ApiKeyScope widestFor(UserEntity user) {
    ApiKeyScope widest = ApiKeyScope.highestFor(user.role());
    if (authentication() instanceof ApiKeyAuthentication key && key.scope().compareTo(widest) < 0) {
      return key.scope();
    }
    return widest;
  }

  private static String whyNoWider(UserEntity user, ApiKeyScope widest) {
    if (authentication() instanceof ApiKeyAuthentication key && key.scope() == widest) {
      return "no wider than the scope of the API key this request was made with";
    }
    return "a " + user.role().name().toLowerCase(Locale.ROOT) + "'s key does no more than the role";
  }

  private static String names(List<ApiKeyScope> scopes) {
    return String.join(", ", scopes.stream().map(ApiKeyScope::name).toList());
  }

  private static boolean actsAsAdmin() {
    Authentication authentication = authentication();
    return authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(authority -> Role.ADMIN.authority().equals(authority.getAuthority()));
  }

  private UserEntity signedIn() {
    Authentication authentication = authentication();
    if (authentication == null) {
      throw new AccessDeniedException("not signed in");
    }
    return users
        .findByUsername(authentication.getName())
        .orElseThrow(() -> new AccessDeniedException("unknown user " + authentication.getName()));
  }

  private static Authentication authentication() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
