package com.diffusionlab.api;

import com.diffusionlab.identity.AccountChanges;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.Theme;
import com.diffusionlab.identity.UserAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users: administrators add them with a one-time password, change roles, disable and re-enable them
 * and reset passwords; everyone reads their own account, changes their password and theme.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UsersApi {

  /** A new user; {@code password} is one-time: the user must change it at first sign-in. */
  record NewUser(String username, String role, String password) {}

  /** What to change; absent fields stay. */
  record UserChanges(String role, Boolean enabled) {}

  /** A new one-time password. */
  record PasswordReset(String password) {}

  /** One's own new password, with the current one. */
  record PasswordChange(String currentPassword, String newPassword) {}

  /** One's own settings; absent fields stay. */
  record MySettings(String theme) {}

  private final IdentityService identity;

  UsersApi(IdentityService identity) {
    this.identity = identity;
  }

  @GetMapping
  @Operation(summary = "Every user (administrators)")
  List<UserAccount> list() {
    return identity.accounts();
  }

  @PostMapping
  @Operation(
      summary = "Add a user with a role and a one-time password (administrators)",
      description = "The user signs in with it once and must then change it.")
  ResponseEntity<UserAccount> create(@RequestBody NewUser body) {
    UserAccount created =
        identity.create(body.username(), body.password(), Role.parse("role", body.role()));
    return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
  }

  @GetMapping("/me")
  @Operation(summary = "Your own account")
  UserAccount me() {
    return identity.me();
  }

  @PutMapping("/me")
  @Operation(summary = "Your own settings: theme LIGHT or DARK")
  UserAccount mySettings(@RequestBody MySettings body) {
    return body.theme() == null
        ? identity.me()
        : identity.setTheme(Theme.parse("theme", body.theme()));
  }

  @PutMapping("/me/password")
  @Operation(summary = "Change your own password (the current one is required)")
  ResponseEntity<Void> changePassword(@RequestBody PasswordChange body) {
    identity.changePassword(body.currentPassword(), body.newPassword());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{username}")
  @Operation(summary = "A user (administrators)")
  UserAccount user(@PathVariable String username) {
    return identity.account(username);
  }

  @PatchMapping("/{username}")
  @Operation(
      summary = "Change a user's role, or disable or re-enable them (administrators)",
      description =
          "The last enabled administrator can be neither disabled nor demoted, and nobody"
              + " disables themselves.")
  UserAccount update(@PathVariable String username, @RequestBody UserChanges body) {
    Role role = body.role() == null ? null : Role.parse("role", body.role());
    return identity.update(username, new AccountChanges(role, body.enabled()));
  }

  @PostMapping("/{username}/unlock")
  @Operation(
      summary = "Unlock an account that too many failed sign-ins locked (administrators)",
      description =
          "Also clears the account's count of failed sign-ins, and so any delay; an account that"
              + " is not locked stays as it is.")
  UserAccount unlock(@PathVariable String username) {
    return identity.unlock(username);
  }

  @PostMapping("/{username}/password-reset")
  @Operation(
      summary = "Set a one-time password, to be changed at the next sign-in (administrators)")
  UserAccount resetPassword(@PathVariable String username, @RequestBody PasswordReset body) {
    return identity.resetPassword(username, body.password());
  }
}
