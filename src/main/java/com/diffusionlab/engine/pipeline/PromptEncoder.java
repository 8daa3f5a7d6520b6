package com.diffusionlab.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.text.PromptChunker;
import com.diffusionlab.engine.text.TokenChunk;
import com.diffusionlab.engine.text.TokenizedPrompt;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a prompt into the text embeddings the UNet attends to, as AUTOMATIC1111 does: 77-token
 * chunks encoded one by one and concatenated, each token's embedding scaled by its emphasis weight,
 * then the chunk rescaled to its original mean.
 */
final class PromptEncoder {

  private final PromptChunker chunker;
  private final ClipTextModel textEncoder;

  PromptEncoder(PromptChunker chunker, ClipTextModel textEncoder) {
    this.chunker = chunker;
    this.textEncoder = textEncoder;
  }

  /** Positive and negative prompt tokenized to the same number of chunks. */
  List<TokenizedPrompt> tokenize(String prompt, String negativePrompt) {
    return chunker.padToSameChunkCount(
        List.of(chunker.chunk(prompt), chunker.chunk(negativePrompt)));
  }

  /**
   * @return {@code (1, 77·chunks, hidden)} on the manager
   */
  NDArray encode(NDManager manager, TokenizedPrompt prompt, int clipSkip) {
    List<NDArray> chunks = new ArrayList<>();
    for (TokenChunk chunk : prompt.chunks()) {
      chunks.add(encodeChunk(manager, chunk, clipSkip));
    }
    return chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(new NDList(chunks), 1);
  }

  private NDArray encodeChunk(NDManager manager, TokenChunk chunk, int clipSkip) {
    int[] ids = chunk.ids();
    long[] longIds = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longIds[i] = ids[i];
    }
    NDArray z = textEncoder.encode(manager.create(longIds, new Shape(1, ids.length)), clipSkip);
    float[] weights = chunk.weights();
    boolean emphasised = false;
    for (float weight : weights) {
      emphasised |= weight != 1f;
    }
    if (!emphasised) {
      return z;
    }
    NDArray originalMean = z.toType(DataType.FLOAT32, false).mean();
    NDArray weighted =
        z.mul(
            manager
                .create(weights, new Shape(1, weights.length, 1))
                .toType(z.getDataType(), false));
    NDArray newMean = weighted.toType(DataType.FLOAT32, false).mean();
    return weighted.mul(originalMean.div(newMean).toType(z.getDataType(), false));
  }
}
