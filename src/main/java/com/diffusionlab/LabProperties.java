package com.diffusionlab;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a Diffusion Lab installation ({@code dlab.*}, or environment variables such as {@code
 * DLAB_DATA_DIR}).
 *
 * @param dataDir database file, artifacts and other state (default {@code ./data})
 * @param modelsDir model folders and files to register (default {@code ./models})
 * @param pricePerDeviceHour what an hour of device time costs, for estimates and the ledger
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param defaultModel the model the playground starts with, by name
 */
@ConfigurationProperties("dlab")
public record LabProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("./models") Path modelsDir,
    @DefaultValue("0.50") double pricePerDeviceHour,
    @DefaultValue("cpu") String device,
    @DefaultValue("tiny-shapes") String defaultModel) {}
