package com.diffusionlab.governance;

import com.diffusionlab.models.ModelVersion;

/**
 * A version's golden-prompt grid beside the one of the version of its name approved before it.
 *
 * @param goldenSweepId the sweep of the version's latest approval; null when it has none
 * @param previous the version of the same name approved before it with a golden sweep; null when
 *     there is none
 * @param previousSweepId that version's golden sweep; null with {@code previous}
 */
public record GoldenComparison(
    ModelVersion version, Long goldenSweepId, ModelVersion previous, Long previousSweepId) {}
