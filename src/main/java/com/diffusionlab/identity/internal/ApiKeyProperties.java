package com.diffusionlab.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API keys are checked ({@code dlab.keys.*}).
 *
 * @param recheckAfter how long a node trusts a key it has checked before it reads it from the
 *     database again: the longest a key revoked, or a user disabled or demoted, on another web node
 *     keeps working here (on the node where it happened, it stops at once)
 * @param cacheSize how many checked keys a node keeps; more are checked again
 */
@ConfigurationProperties("dlab.keys")
public record ApiKeyProperties(
    @DefaultValue("10s") Duration recheckAfter, @DefaultValue("10000") int cacheSize) {}
