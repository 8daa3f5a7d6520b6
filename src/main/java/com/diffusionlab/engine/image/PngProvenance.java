package com.diffusionlab.engine.image;

import java.util.List;
import java.util.Objects;

/** Which tool's generation metadata a PNG carries, as found by {@link ProvenanceDetector}. */
public sealed interface PngProvenance {

  /** Diffusion Lab's replay chunk: the image can be replayed exactly. */
  record DiffusionLab(ReplayMetadata replay) implements PngProvenance {
    public DiffusionLab {
      Objects.requireNonNull(replay, "replay");
    }
  }

  /**
   * AUTOMATIC1111 (or Forge, SD.Next, Fooocus in A1111 mode...) {@code parameters}: the settings
   * can be imported, an exact replay needs the same model and noise source.
   */
  record Automatic1111(GenerationInfotext infotext) implements PngProvenance {
    public Automatic1111 {
      Objects.requireNonNull(infotext, "infotext");
    }
  }

  /**
   * ComfyUI's node graph: {@code prompt} (the executed API graph) and/or {@code workflow} (the
   * editor graph), each JSON text or {@code null} when absent. Not replayable here: a graph is not
   * a fixed pipeline.
   */
  record ComfyUi(String promptJson, String workflowJson) implements PngProvenance {}

  /** No generation metadata this engine recognises; the text keywords found, in file order. */
  record Unrecognized(List<String> keywords) implements PngProvenance {
    public Unrecognized {
      keywords = List.copyOf(keywords);
    }
  }
}
