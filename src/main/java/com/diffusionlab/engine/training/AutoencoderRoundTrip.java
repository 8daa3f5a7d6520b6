package com.diffusionlab.engine.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.loading.ContentHasher;
import com.diffusionlab.engine.loading.LoadedModel;
import com.diffusionlab.engine.loading.ModelLoader;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.shapes.CaptionParser;
import com.diffusionlab.engine.shapes.ShapeChecker;
import com.diffusionlab.engine.shapes.ShapeSample;
import com.diffusionlab.engine.shapes.ShapeScene;
import com.diffusionlab.engine.vae.AutoencoderKL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the checker reads from dataset images as drawn, and from the same images after the model's
 * autoencoder has encoded and decoded them: the first is the checker's own accuracy, the second the
 * most any diffusion model on that autoencoder can reach. With these two the evaluation tells the
 * autoencoder's losses from the UNet's.
 */
final class AutoencoderRoundTrip {

  /** Accuracy on the images as drawn and after the round trip. */
  record Ceiling(int images, Adherence drawn, Adherence roundTrip) {}

  private static final int SIZE = ShapeScene.IMAGE_SIZE;
  private static final int BATCH = 16;

  private final ShapeChecker checker = new ShapeChecker();
  private final CaptionParser parser = new CaptionParser();

  Ceiling measure(ModelRef model, List<ShapeSample> samples) {
    AttributeTally drawn = new AttributeTally();
    AttributeTally roundTrip = new AttributeTally();
    try (TorchScriptKernels kernels = new TorchScriptKernels(Device.cpu());
        LoadedModel loaded =
            new ModelLoader(new ContentHasher())
                .load(model.path(), model.configSource(), null, Device.cpu(), kernels);
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (int from = 0; from < samples.size(); from += BATCH) {
        List<ShapeSample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
        List<RgbImage> decoded = roundTrip(loaded.vae(), manager, batch);
        for (int i = 0; i < batch.size(); i++) {
          var asked = parser.parse(batch.get(i).caption());
          drawn.add(checker.check(batch.get(i).image()), asked);
          roundTrip.add(checker.check(decoded.get(i)), asked);
        }
      }
    }
    return new Ceiling(samples.size(), drawn.adherence(), roundTrip.adherence());
  }

  private static List<RgbImage> roundTrip(
      AutoencoderKL vae, NDManager manager, List<ShapeSample> batch) {
    int plane = 3 * SIZE * SIZE;
    float[] pixels = new float[batch.size() * plane];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(batch.get(i).image().toNormalizedChw(), 0, pixels, i * plane, plane);
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray images = scope.create(pixels, new Shape(batch.size(), 3, SIZE, SIZE));
      float[] decoded = vae.decode(vae.encode(images)).clip(-1, 1).toFloatArray();
      List<RgbImage> result = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        float[] chw = Arrays.copyOfRange(decoded, i * plane, (i + 1) * plane);
        result.add(RgbImage.fromNormalizedChw(chw, SIZE, SIZE));
      }
      return result;
    }
  }
}
