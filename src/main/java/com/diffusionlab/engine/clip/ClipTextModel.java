package com.diffusionlab.engine.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import com.diffusionlab.engine.nn.Activations;
import com.diffusionlab.engine.nn.LayerNorm;
import com.diffusionlab.engine.nn.Linear;
import com.diffusionlab.engine.nn.MultiHeadAttention;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.Scoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The CLIP text transformer (transformers' {@code CLIPTextModel}): token and position embeddings, a
 * stack of pre-norm layers with causal self-attention, and a final layer norm. Parameter names are
 * those under {@code text_model.} in a diffusers text_encoder.
 */
public final class ClipTextModel {

  private final ClipTextConfig config;
  private final NDArray tokenEmbedding;
  private final NDArray positionEmbedding;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  public ClipTextModel(ClipTextConfig config, Params params) {
    this.config = config;
    Params textModel = params.child("text_model");
    Params embeddings = textModel.child("embeddings");
    int dim = config.hiddenSize();
    tokenEmbedding = embeddings.child("token_embedding").get("weight", config.vocabSize(), dim);
    positionEmbedding =
        embeddings.child("position_embedding").get("weight", config.maxPositions(), dim);
    UnaryOperator<NDArray> activation = Activations.byName("hidden_act", config.hiddenAct());
    Params encoder = textModel.child("encoder");
    for (int i = 0; i < config.layers(); i++) {
      layers.add(new EncoderLayer(encoder.child("layers", i), config, activation));
    }
    finalNorm = new LayerNorm(textModel.child("final_layer_norm"), dim, config.layerNormEps());
  }

  public ClipTextConfig config() {
    return config;
  }

  /**
   * Encodes token ids to per-token embeddings, as Stable Diffusion conditions on them.
   *
   * @param ids {@code (batch, tokens)} INT64, tokens ≤ max_position_embeddings
   * @param clipSkip 1 for the last layer; n uses the output of the n-th layer from the end (then
   *     the final layer norm), as AUTOMATIC1111's "Clip skip" does
   * @return {@code (batch, tokens, hidden)}
   */
  public NDArray encode(NDArray ids, int clipSkip) {
    if (clipSkip < 1 || clipSkip > layers.size()) {
      throw new IllegalArgumentException(
          "clipSkip=" + clipSkip + " is out of range: allowed 1.." + layers.size());
    }
    NDManager manager = ids.getManager();
    long tokens = ids.getShape().get(1);
    if (tokens > config.maxPositions()) {
      throw new IllegalArgumentException(
          "token count " + tokens + " exceeds max_position_embeddings=" + config.maxPositions());
    }
    NDArray positions = manager.arange(0, (int) tokens, 1, DataType.INT64);
    NDArray x = embed(ids, tokenEmbedding).add(embed(positions, positionEmbedding).expandDims(0));
    NDArray mask = causalMask(manager, tokens);
    int used = layers.size() - clipSkip + 1;
    for (int i = 0; i < used; i++) {
      x = layers.get(i).forward(x, mask);
    }
    return finalNorm.forward(x);
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private static NDArray causalMask(NDManager manager, long tokens) {
    int n = Math.toIntExact(tokens);
    float[] mask = new float[n * n];
    for (int row = 0; row < n; row++) {
      for (int col = row + 1; col < n; col++) {
        mask[row * n + col] = Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(mask, new Shape(1, 1, n, n));
  }

  private static final class EncoderLayer {
    private final LayerNorm norm1;
    private final MultiHeadAttention attention;
    private final LayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;
    private final UnaryOperator<NDArray> activation;

    EncoderLayer(Params params, ClipTextConfig config, UnaryOperator<NDArray> activation) {
      int dim = config.hiddenSize();
      norm1 = new LayerNorm(params.child("layer_norm1"), dim, config.layerNormEps());
      attention = MultiHeadAttention.clip(params.child("self_attn"), dim, config.heads());
      norm2 = new LayerNorm(params.child("layer_norm2"), dim, config.layerNormEps());
      Params mlp = params.child("mlp");
      fc1 = new Linear(mlp.child("fc1"), dim, config.intermediateSize(), true);
      fc2 = new Linear(mlp.child("fc2"), config.intermediateSize(), dim, true);
      this.activation = activation;
    }

    NDArray forward(NDArray x, NDArray mask) {
      return Scoped.run(x, () -> compute(x, mask), x, mask);
    }

    private NDArray compute(NDArray x, NDArray mask) {
      NDArray normed = norm1.forward(x);
      x = x.add(attention.forward(normed, normed, mask));
      return x.add(fc2.forward(activation.apply(fc1.forward(norm2.forward(x)))));
    }
  }
}
