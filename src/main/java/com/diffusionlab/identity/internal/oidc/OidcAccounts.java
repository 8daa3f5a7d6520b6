package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.Usernames;
import com.diffusionlab.identity.internal.UserEntity;
import com.diffusionlab.identity.internal.UserRepository;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's account of someone the identity provider signed in, made at their first sign-in
 * and brought up to date at every one: linked for ever by the issuer and their subject there; named
 * by their {@code preferred_username}, else their e-mail address, at the first sign-in; given the
 * role their claim maps to each time. A name another account already has (a local user's) is never
 * taken over: the sign-in is refused, saying so.
 */
public class OidcAccounts {

  private final UserRepository users;
  private final ApplicationEventPublisher events;

  OidcAccounts(UserRepository users, ApplicationEventPublisher events) {
    this.users = users;
    this.events = events;
  }

  /**
   * The username of the account of {@code who}, made or updated to have {@code role}.
   *
   * @throws OidcRefusal when the account is disabled, or a new one cannot be named
   */
  @Transactional
  public String signIn(ProviderIdentity who, Role role) {
    Optional<UserEntity> linked = users.findByOidcIssuerAndOidcSubject(who.issuer(), who.subject());
    if (linked.isPresent()) {
      return update(linked.get(), role);
    }
    String username = who.username();
    if (users.existsByUsernameKey(Usernames.key(username))) {
      String reason =
          "the username "
              + username
              + " belongs to another account of this workspace (a local one or another"
              + " identity's), which is never taken over: ask an administrator";
      events.publishEvent(
          AuditEvent.refused("user.provision", "user " + username, reason).by(username, null));
      throw new OidcRefusal(username, reason);
    }
    try {
      users.saveAndFlush(
          UserEntity.external(username, who.issuer(), who.subject(), role, Instant.now()));
    } catch (DataIntegrityViolationException raced) {
      // the same person's first sign-in in two tabs at once: the other one made the account
      throw new OidcRefusal(
          username, "your account was being made at the same time: sign in again");
    }
    events.publishEvent(
        AuditEvent.succeeded(
                "user.provision",
                "user " + username,
                "through " + who.issuer() + " (subject " + who.subject() + ") as " + role)
            .by(username, null));
    return username;
  }

  private String update(UserEntity user, Role role) {
    if (!user.enabled()) {
      throw new OidcRefusal(
          user.username(),
          user.username() + " is disabled in this workspace: ask an administrator");
    }
    if (user.role() != role) {
      events.publishEvent(
          AuditEvent.succeeded(
                  "user.role",
                  "user " + user.username(),
                  user.role() + " → " + role + " from the identity provider's claim")
              .by(user.username(), null));
      user.role(role);
    }
    return user.username();
  }
}
