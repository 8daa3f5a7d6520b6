package com.diffusionlab.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API ({@code dlab.api.*}).
 *
 * @param maxBodySize the largest JSON, YAML or text request body; a larger one is refused with 413
 *     before it is read. Multipart uploads have their own limits ({@code
 *     spring.servlet.multipart.*}; images 20 MB where they are read).
 */
@ConfigurationProperties("dlab.api")
record ApiProperties(@DefaultValue("4MB") DataSize maxBodySize) {}
