package com.diffusionlab.api;

import com.diffusionlab.identity.ApiKey;
import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.ApiKeyService;
import com.diffusionlab.identity.IssuedApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys: everyone creates, lists and revokes their own; administrators list ({@code ?all=true})
 * and revoke anyone's. A key is sent as {@code Authorization: Bearer dlab_…}.
 */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys")
class KeysApi {

  /** A new key: a name to recognise it by and its scope (READ, GENERATE or ADMIN). */
  record NewKey(String name, String scope) {}

  /** A key just created: the only answer that ever carries its secret. */
  record CreatedKey(
      long id,
      String name,
      ApiKeyScope scope,
      String prefix,
      String username,
      Instant createdAt,
      String secret) {

    static CreatedKey of(IssuedApiKey issued) {
      ApiKey key = issued.key();
      return new CreatedKey(
          key.id(),
          key.name(),
          key.scope(),
          key.prefix(),
          key.username(),
          key.createdAt(),
          issued.secret());
    }
  }

  private final ApiKeyService keys;

  KeysApi(ApiKeyService keys) {
    this.keys = keys;
  }

  @PostMapping
  @Operation(
      summary = "Create an API key of your own",
      description =
          "scope READ (GET only), GENERATE (also submit, replay, cancel, tag, annotate, export;"
              + " a researcher's powers at most) or ADMIN (all your role allows), never more than"
              + " your role. The answer carries the secret once: it is stored only as a hash.")
  ResponseEntity<CreatedKey> create(@RequestBody NewKey body) {
    ApiKeyScope scope = body.scope() == null ? null : ApiKeyScope.parse("scope", body.scope());
    IssuedApiKey issued = keys.create(body.name(), scope);
    return ResponseEntity.created(URI.create("/api/v1/keys/" + issued.key().id()))
        .body(CreatedKey.of(issued));
  }

  @GetMapping
  @Operation(
      summary = "Your API keys (with all=true: everyone's, for administrators)",
      description = "Revoked keys are not listed; no secret is ever listed.")
  List<ApiKey> list(@RequestParam(defaultValue = "false") boolean all) {
    return all ? keys.all() : keys.mine();
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Revoke an API key (yours, or anyone's for administrators)",
      description = "It stops working at once; someone else's key answers 404 like a missing one.")
  ResponseEntity<Void> revoke(@PathVariable long id) {
    keys.revoke(id);
    return ResponseEntity.noContent().build();
  }
}
