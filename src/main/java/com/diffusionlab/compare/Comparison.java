package com.diffusionlab.compare;

import com.diffusionlab.tracking.Run;
import java.util.List;

/**
 * Runs side by side, in the order asked for.
 *
 * @param settings every generation setting, the model by name and content hash
 * @param prompts each run's prompt diffed word by word against the first run's
 * @param figures timings per stage, memory, device-seconds, cost and the estimate
 * @param steps each run's seconds per step, for the per-step chart
 * @param images the runs' images paired by seed
 */
public record Comparison(
    List<Run> runs,
    List<SettingRow> settings,
    List<List<DiffToken>> prompts,
    List<SettingRow> figures,
    List<List<Double>> steps,
    List<ImageRow> images) {}
