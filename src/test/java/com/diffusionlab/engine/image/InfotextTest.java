package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/**
 * Samples are written by hand in the layout AUTOMATIC1111 1.x saves (its {@code create_infotext}),
 * expected values read off them by hand following its {@code parse_generation_parameters} and
 * cross-checked by running that function (transcribed to a Python script) on the same text.
 */
class InfotextTest {
  private static final String A1111_SAMPLE =
      """
      a cat
      Negative prompt: blurry
      Steps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 7, Seed: 1234, Size: 512x512, \
      Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.10.1""";

  @Test
  void parsesTheUsualAutomatic1111Layout() {
    GenerationInfotext info = Infotext.parse(A1111_SAMPLE);

    assertThat(info.prompt()).isEqualTo("a cat");
    assertThat(info.negativePrompt()).isEqualTo("blurry");
    assertThat(info.fields().sequencedKeySet())
        .containsExactly(
            "Steps",
            "Sampler",
            "Schedule type",
            "CFG scale",
            "Seed",
            "Size",
            "Model hash",
            "Model",
            "Version");
    assertThat(info.steps()).hasValue(20);
    assertThat(info.sampler()).hasValue("Euler a");
    assertThat(info.scheduleType()).hasValue("Karras");
    assertThat(info.cfgScale()).hasValue(7.0);
    assertThat(info.seed()).hasValue(1234L);
    assertThat(info.width()).hasValue(512);
    assertThat(info.height()).hasValue(512);
    assertThat(info.modelHash()).hasValue("6ce0161689");
    assertThat(info.model()).hasValue("v1-5-pruned-emaonly");
    assertThat(info.version()).hasValue("v1.10.1");
    assertThat(info.denoisingStrength()).isEmpty();
    assertThat(info.clipSkip()).isEmpty();
    assertThat(info.rng()).isEmpty();
  }

  @Test
  void builderWritesAutomatic1111sOrderWhateverTheCallOrder() {
    GenerationInfotext info =
        GenerationInfotext.builder("a cat")
            .version("v1.10.1")
            .model("v1-5-pruned-emaonly")
            .seed(1234)
            .size(512, 512)
            .negativePrompt("blurry")
            .cfgScale(7.0)
            .modelHash("6ce0161689")
            .scheduleType("Karras")
            .sampler("Euler a")
            .steps(20)
            .build();

    assertThat(Infotext.format(info)).isEqualTo(A1111_SAMPLE);
  }

  @Test
  void ourFieldsGoBeforeVersionAndKnownOnesTakeTheirPlace() {
    GenerationInfotext info =
        GenerationInfotext.builder("p")
            .version("dlab 0.1")
            .field("Noise generator", "philox")
            .rng("CPU")
            .field("Model sha256", "ab12")
            .clipSkip(2)
            .denoisingStrength(0.75)
            .seed(7)
            .steps(4)
            .cfgScale(7.5)
            .field("VAE", "sdxl-vae")
            .build();

    assertThat(Infotext.format(info))
        .isEqualTo(
            "p\nSteps: 4, CFG scale: 7.5, Seed: 7, VAE: sdxl-vae, Denoising strength: 0.75,"
                + " Clip skip: 2, RNG: CPU, Noise generator: philox, Model sha256: ab12,"
                + " Version: dlab 0.1");
  }

  @Test
  void clipSkipOneIsOmittedAsAutomatic1111Does() {
    GenerationInfotext info =
        GenerationInfotext.builder("p").clipSkip(2).clipSkip(1).steps(1).build();

    assertThat(info.fields()).doesNotContainKey("Clip skip");
    assertThatThrownBy(() -> GenerationInfotext.builder("p").clipSkip(0))
        .hasMessageContaining("Clip skip is 0");
    assertThatThrownBy(() -> GenerationInfotext.builder("p").cfgScale(Double.NaN))
        .hasMessageContaining("CFG scale is NaN");
  }

  @Test
  void parsesMultiLinePromptsAndNegativePrompts() {
    String text =
        """
        masterpiece, a castle
        on a hill, sunset
        Negative prompt: lowres,
          bad anatomy
        Steps: 30, Sampler: DPM++ 2M, CFG scale: 5.5, Seed: 42, Size: 768x512
        """;

    GenerationInfotext info = Infotext.parse(text);

    assertThat(info.prompt()).isEqualTo("masterpiece, a castle\non a hill, sunset");
    // Each line is stripped, as AUTOMATIC1111 does.
    assertThat(info.negativePrompt()).isEqualTo("lowres,\nbad anatomy");
    assertThat(info.cfgScale()).hasValue(5.5);
    assertThat(info.width()).hasValue(768);
    assertThat(info.height()).hasValue(512);
  }

  @Test
  void unquotesQuotedValuesWithCommasColonsQuotesAndUnicode() {
    String text =
        "a dog\nSteps: 20, Sampler: Euler, Lora hashes: \"detail: 1a2b3c, style: 4d5e6f\","
            + " Emphasis: \"say \\\"hi\\\" \\u00e9\", Note: \"猫, ✓\\nnext\", Seed: 1";

    GenerationInfotext info = Infotext.parse(text);

    assertThat(info.fields())
        .containsExactly(
            Map.entry("Steps", "20"),
            Map.entry("Sampler", "Euler"),
            Map.entry("Lora hashes", "detail: 1a2b3c, style: 4d5e6f"),
            Map.entry("Emphasis", "say \"hi\" é"),
            Map.entry("Note", "猫, ✓\nnext"),
            Map.entry("Seed", "1"));
  }

  @Test
  void keepsUnknownFieldsOfARealHiresInfotextInOrder() {
    String text =
        "1girl, solo\nNegative prompt: EasyNegative\nSteps: 25, Sampler: DPM++ 2M Karras, CFG scale: 7,"
            + " Seed: 3846578, Size: 512x768, Model hash: 4199bcdd14, Model: revAnimated_v122,"
            + " Denoising strength: 0.45, Clip skip: 2, Hires upscale: 2, Hires steps: 15,"
            + " Hires upscaler: Latent, TI hashes: \"EasyNegative: c74b4e810b03\", Version: v1.6.0";

    GenerationInfotext info = Infotext.parse(text);

    assertThat(info.fields().sequencedKeySet())
        .containsExactly(
            "Steps",
            "Sampler",
            "CFG scale",
            "Seed",
            "Size",
            "Model hash",
            "Model",
            "Denoising strength",
            "Clip skip",
            "Hires upscale",
            "Hires steps",
            "Hires upscaler",
            "TI hashes",
            "Version");
    assertThat(info.field("TI hashes")).hasValue("EasyNegative: c74b4e810b03");
    assertThat(info.field("Hires upscaler")).hasValue("Latent");
    assertThat(info.denoisingStrength()).hasValue(0.45);
    assertThat(info.clipSkip()).hasValue(2);
    assertThat(info.height()).hasValue(768);
    assertThat(Infotext.format(info)).isEqualTo(text);
  }

  @Test
  void aLastLineWithFewerThanThreeFieldsIsPartOfThePrompt() {
    GenerationInfotext info = Infotext.parse("a cat\nSteps: 20, Seed: 1");

    assertThat(info.prompt()).isEqualTo("a cat\nSteps: 20, Seed: 1");
    assertThat(info.fields()).isEmpty();
    assertThat(Infotext.parse("just a prompt").prompt()).isEqualTo("just a prompt");
    assertThat(Infotext.parse("a\nNegative prompt: b").negativePrompt()).isEqualTo("b");
    assertThat(Infotext.parse("").prompt()).isEmpty();
  }

  @Test
  void keepsEmptyValuesAndUnparseableQuotesAndLastDuplicate() {
    GenerationInfotext info =
        Infotext.parse("p\nAa: , Bb: \"bad \\x escape\", Cc: \"open, Dd: 4, Cc: 5");

    // AUTOMATIC1111 drops the empty value (an IndexError it catches); here it is kept.
    assertThat(info.field("Aa")).hasValue("");
    // Not valid JSON: kept as written, as its unquote does.
    assertThat(info.field("Bb")).hasValue("\"bad \\x escape\"");
    // A repeated key keeps its first position and its last value, as a Python dict.
    assertThat(info.fields().sequencedKeySet()).containsExactly("Aa", "Bb", "Cc", "Dd");
    assertThat(info.field("Cc")).hasValue("5");
  }

  @Test
  void oneLetterKeysAreNotFieldsForAutomatic1111() {
    // Its key pattern needs two characters: "A: 1" is skipped, the rest still parse.
    GenerationInfotext info = Infotext.parse("p\nA: 1, Bb: 2, Cc: 3, Dd: 4");

    assertThat(info.fields().sequencedKeySet()).containsExactly("Bb", "Cc", "Dd");
  }

  @Test
  void readsWindowsLineEnds() {
    GenerationInfotext info =
        Infotext.parse("a cat\r\nNegative prompt: x\r\nSteps: 1, Seed: 2, Size: 3x4\r\n");

    assertThat(info.prompt()).isEqualTo("a cat");
    assertThat(info.negativePrompt()).isEqualTo("x");
    assertThat(info.height()).hasValue(4);
  }

  @Test
  void quotesAsPythonsJsonDumpsWithoutAsciiEscaping() {
    // json.dumps(v, ensure_ascii=False) by hand: quotes and backslashes escaped, \n short,
    // other control characters as lowercase \\u00XX, non-ASCII kept.
    assertThat(Infotext.quote("plain value")).isEqualTo("plain value");
    assertThat(Infotext.quote("a, b")).isEqualTo("\"a, b\"");
    assertThat(Infotext.quote("k: v")).isEqualTo("\"k: v\"");
    assertThat(Infotext.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(Infotext.quote("a\nb\\c")).isEqualTo("\"a\\nb\\\\c\"");
    assertThat(Infotext.quote("猫: \u0001\u001f")).isEqualTo("\"猫: \\u0001\\u001f\"");
    assertThat(Infotext.quote(" padded")).isEqualTo("\" padded\"");
    assertThat(Infotext.quote("猫")).isEqualTo("猫");
  }

  @Test
  void roundTripsAwkwardValues() {
    SequencedMap<String, String> fields = new LinkedHashMap<>();
    fields.put("Steps", "20");
    fields.put("Sampler", "Euler a");
    fields.put("Lora hashes", "a: 1, b: 2");
    fields.put("Quote", "\"quoted\"");
    fields.put("Backslash", "C:\\models\\x.safetensors");
    fields.put("Lines", "one\ntwo\r\nthree\ttab");
    fields.put("Unicode", "日本語 ✓ é");
    fields.put("Spaces", "  around  ");
    fields.put("Empty", "");
    fields.put("Slash/dash-key", "v");
    GenerationInfotext info =
        new GenerationInfotext("line one\nline two, with comma", "neg: one\nneg two", fields);

    assertThat(Infotext.parse(Infotext.format(info))).isEqualTo(info);
  }

  @Test
  void typedAccessorsNameTheFieldThatDoesNotParse() {
    GenerationInfotext info =
        Infotext.parse(
            "p\nSteps: twenty, CFG scale: 7.5.1, Seed: 99999999999999999999, Size: 512*512,"
                + " Clip skip: 2.0, Denoising strength: 1e-1");

    assertThatThrownBy(info::steps)
        .isInstanceOf(MetadataFormatException.class)
        .hasMessage("infotext field 'Steps' is 'twenty'; expected an integer");
    assertThatThrownBy(info::cfgScale)
        .hasMessage("infotext field 'CFG scale' is '7.5.1'; expected a decimal number");
    assertThatThrownBy(info::seed)
        .hasMessage(
            "infotext field 'Seed' is '99999999999999999999'; expected an integer in range");
    assertThatThrownBy(info::width)
        .hasMessage("infotext field 'Size' is '512*512'; expected WIDTHxHEIGHT, as 512x768");
    assertThatThrownBy(info::clipSkip).hasMessageContaining("'Clip skip' is '2.0'");
    assertThat(info.denoisingStrength()).hasValue(0.1);
  }

  @Test
  void longQuotedValuesDoNotOverflowTheStack() {
    String longValue = "x, \\\"".repeat(50_000);

    GenerationInfotext info =
        Infotext.parse("p\nSteps: 1, Long: \"" + longValue + "\", Seed: 2, Size: 1x1");

    assertThat(info.field("Long")).hasValue("x, \"".repeat(50_000));
    assertThat(info.seed()).hasValue(2L);
  }

  @Test
  void refusesKeysAutomatic1111CouldNotParseBack() {
    for (String key : new String[] {"x", "Bad:key", " lead", "-dash", "a,b"}) {
      assertThatThrownBy(() -> GenerationInfotext.builder("p").field(key, "v"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + key + "'");
    }
    assertThatThrownBy(() -> new GenerationInfotext("p", "", new LinkedHashMap<>(Map.of("x", "v"))))
        .hasMessageContaining("'x'");
  }
}
