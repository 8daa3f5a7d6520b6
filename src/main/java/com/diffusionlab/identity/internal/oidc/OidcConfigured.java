package com.diffusionlab.identity.internal.oidc;

import java.util.Collection;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Sign-in through the identity provider is configured: some {@code dlab.security.oidc.*} has a
 * value (blank ones, as a compose file's unset variables give, do not count).
 */
final class OidcConfigured extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    boolean configured =
        Binder.get(context.getEnvironment())
            .bind(OidcProperties.PREFIX, Bindable.mapOf(String.class, Object.class))
            .map(OidcConfigured::anyValue)
            .orElse(false);
    return configured
        ? ConditionOutcome.match(OidcProperties.PREFIX + ".* is set")
        : ConditionOutcome.noMatch(OidcProperties.PREFIX + ".* is not set");
  }

  private static boolean anyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(OidcConfigured::anyValue);
    }
    if (value instanceof Collection<?> many) {
      return many.stream().anyMatch(OidcConfigured::anyValue);
    }
    return value != null && !value.toString().isBlank();
  }
}
