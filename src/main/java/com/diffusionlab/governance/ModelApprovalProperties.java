package com.diffusionlab.governance;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model approval settings ({@code dlab.governance.approval.*}).
 *
 * @param goldenSweep the sweep definition (YAML, usually under {@code experiments/}) that an
 *     approval runs on the version it approves; its base model is replaced by that version
 */
@ConfigurationProperties("dlab.governance.approval")
public record ModelApprovalProperties(
    @DefaultValue("experiments/golden-prompts.yaml") Path goldenSweep) {}
