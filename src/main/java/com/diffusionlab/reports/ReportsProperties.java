package com.diffusionlab.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits for bundles a workspace imports ({@code dlab.imports.*}): archives are hostile input.
 *
 * @param maxBundleBytes the most a bundle may hold uncompressed, in all
 * @param maxBundleEntries the most files a bundle may hold
 * @param maxCompressionRatio the most any file may be compressed (a higher ratio is a zip bomb)
 */
@ConfigurationProperties("dlab.imports")
public record ReportsProperties(
    @DefaultValue("2147483648") long maxBundleBytes,
    @DefaultValue("100000") int maxBundleEntries,
    @DefaultValue("100") int maxCompressionRatio) {}
