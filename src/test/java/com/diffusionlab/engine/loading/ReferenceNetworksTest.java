package com.diffusionlab.engine.loading;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.NativeKernels;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.vae.AutoencoderKL;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The networks, loaded from both checkpoint layouts, against outputs computed by an independent
 * float64 numpy implementation of the diffusers/transformers architectures (see
 * src/test/resources/reference/README.md for how the fixtures were made).
 */
class ReferenceNetworksTest {

  /** float32 against float64: the reference README measured ≤ 2e-6 from precision alone. */
  private static final float TOLERANCE = 1e-4f;

  private static TorchScriptKernels fused;
  private static TorchScriptKernels prepacked;

  @BeforeAll
  static void loadKernels() {
    fused = new TorchScriptKernels(Device.cpu());
    prepacked = TorchScriptKernels.forInference(Device.cpu());
  }

  @AfterAll
  static void closeKernels() {
    fused.close();
    prepacked.close();
  }

  static Stream<Arguments> models() {
    return Stream.of("tiny-sd1", "tiny-sd2")
        .flatMap(
            model ->
                Stream.of(
                    Arguments.of(model, "diffusers", "fused"),
                    Arguments.of(model, "single-file", "fused"),
                    Arguments.of(model, "diffusers", "prepacked"),
                    Arguments.of(model, "diffusers", "native")));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("models")
  void networksMatchTheIndependentReference(String model, String layoutKind, String kernelKind)
      throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/reference/" + model).toURI());
    JsonNode expected =
        JsonMapper.builder().build().readTree(root.resolve("expected.json").toFile());
    Path source =
        layoutKind.equals("diffusers") ? root : root.resolveSibling(model + ".safetensors");
    Path configs = layoutKind.equals("diffusers") ? null : root;
    Kernels kernels =
        switch (kernelKind) {
          case "fused" -> fused;
          case "prepacked" -> prepacked;
          default -> new NativeKernels();
        };
    try (CheckpointLayout layout = CheckpointLayout.resolve(source, configs);
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      assertThat(layout.components.values())
          .allSatisfy(
              binding -> {
                assertThat(binding.missing()).isEmpty();
                assertThat(binding.unexpected()).isEmpty();
                assertThat(binding.mismatched()).isEmpty();
              });
      JsonNode inputs = expected.get("inputs");
      JsonNode outputs = expected.get("outputs");

      ClipTextModel text =
          new ClipTextModel(
              layout.textConfig,
              Params.root(
                  layout.components.get("text_encoder").reader(manager, DataType.FLOAT32),
                  kernels));
      NDArray ids = array(manager, inputs.get("input_ids")).toType(DataType.INT64, false);
      assertClose(text.encode(ids, 1), outputs.get("text_encoder_last_hidden_state"));
      assertClose(text.encode(ids, 2), outputs.get("text_encoder_clip_skip_2"));

      UNet2DConditionModel unet =
          new UNet2DConditionModel(
              layout.unetConfig,
              Params.root(
                  layout.components.get("unet").reader(manager, DataType.FLOAT32), kernels));
      NDArray context = array(manager, inputs.get("unet_context"));
      for (String name : new String[] {"unet_8x8_t421", "unet_8x8_t13.7", "unet_5x7_t421"}) {
        JsonNode output = outputs.get(name);
        NDArray sample = array(manager, inputs.get(output.get("sample").asString()));
        NDArray t = manager.create(new float[] {(float) output.get("timestep").asDouble()});
        assertClose(unet.forward(sample, t, context), output);
      }

      AutoencoderKL vae =
          new AutoencoderKL(
              layout.vaeConfig,
              Params.root(layout.components.get("vae").reader(manager, DataType.FLOAT32), kernels));
      assertClose(
          vae.decode(array(manager, inputs.get("vae_decode_latent"))),
          outputs.get("vae_decode_image"));
      assertClose(
          vae.encode(array(manager, inputs.get("vae_encode_image"))),
          outputs.get("vae_encode_latent"));
    }
  }

  private static NDArray array(NDManager manager, JsonNode node) {
    JsonNode data = node.get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.get(i).asDouble();
    }
    JsonNode dims = node.get("shape");
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
    }
    return manager.create(values, new Shape(shape));
  }

  private static void assertClose(NDArray actual, JsonNode expected) {
    NDArray reference = array(actual.getManager(), expected);
    assertThat(actual.getShape()).isEqualTo(reference.getShape());
    float maxDiff = actual.sub(reference).abs().max().getFloat();
    assertThat(maxDiff).as("max |actual - reference|").isLessThan(TOLERANCE);
  }
}
