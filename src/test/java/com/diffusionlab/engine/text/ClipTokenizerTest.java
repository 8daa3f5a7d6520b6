package com.diffusionlab.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ClipTokenizerTest {

  /**
   * Expected ids from OpenAI's own simple_tokenizer.py with ftfy, run outside the repository (see
   * the file's provenance field).
   */
  private static final String ORACLE_CASES = "clip-tokenizer-cases.json";

  private static ClipTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = ClipTokenizer.bundled();
  }

  static Stream<Arguments> oracleCases() {
    return Fixtures.cases(ORACLE_CASES).stream()
        .map(c -> Arguments.of(Fixtures.visible(c.get("text").stringValue()), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oracleCases")
  void matchesOpenAiClip(String name, JsonNode testCase) {
    assertThat(tokenizer.encode(testCase.get("text").stringValue()))
        .containsExactly(Fixtures.ints(testCase.get("ids")));
  }

  @Test
  void encodesTheReferencePrompt() {
    // published reference: 49406, 320, 1125, 539, 320, 2368, 49407 with start and end tokens
    assertThat(tokenizer.encode("a photo of a cat")).containsExactly(320, 1125, 539, 320, 2368);
    assertThat(tokenizer.startId()).isEqualTo(49406);
    assertThat(tokenizer.endId()).isEqualTo(49407);
  }

  @Test
  void writesEachDigitAsItsOwnWord() {
    // byte tokens come in ascending character order: '!' (33) is id 0, so a digit d is d - 33, and
    // with </w> 256 more; CLIP's pattern splits numbers digit by digit
    assertThat(tokenizer.encode("1234567890"))
        .containsExactly(272, 273, 274, 275, 276, 277, 278, 279, 280, 271);
  }

  @Test
  void mergesByRankAsTheRulesFileLists() {
    // ranks read from the rules file (line = rank + 2, id = 512 + rank):
    // "cat": a t</w> (rank 24) before c a (260), then c at</w> (1856) -> id 2368
    assertThat(tokenizer.encode("cat")).containsExactly(2368);
    // "don't" -> "don" + "'t": o n</w> (13), then d on</w> (335) -> 847; ' t</w> (201) -> 713
    assertThat(tokenizer.encode("don't")).containsExactly(847, 713);
    // the cat emoji's UTF-8 bytes F0 9F 90 B1 are written ð Ł Ĳ ±; ð Ł (46), then ðŁ Ĳ (1562),
    // then ðŁĲ ±</w> (22467) -> 22979
    assertThat(tokenizer.encode("\uD83D\uDC31")).containsExactly(22979);
  }

  @Test
  void lowerCasesAndCollapsesWhitespace() {
    assertThat(tokenizer.encode("  A   PHOTO\tOF\n\nA CAT  "))
        .containsExactly(tokenizer.encode("a photo of a cat"));
  }

  @Test
  void decodesHtmlReferencesBeforeSplitting() {
    // "&amp;amp;" is "&" after ftfy's pass and CLIP's two; "&" is byte 38 -> 38 - 33 + 256
    assertThat(tokenizer.encode("&amp;amp;")).containsExactly(261);
    assertThat(tokenizer.encode("&lt;")).containsExactly(tokenizer.encode("<"));
  }

  @Test
  void givesTheSpecialTokensWrittenInText() {
    assertThat(tokenizer.encode("<|startoftext|>a<|endoftext|>"))
        .containsExactly(49406, 320, 49407);
  }

  @Test
  void encodesHostileTextWithoutBlowingUp() {
    // a word of 100,000 letters: CLIP's rescanning merge loop would take minutes
    assertThat(tokenizer.encode("ab".repeat(50_000))).isNotEmpty();
    // a terminal escape with 100,000 parameters is removed whole, as ftfy does
    assertThat(tokenizer.encode("\u001B[" + "1;".repeat(50_000) + "mcat")).containsExactly(2368);
  }

  @Test
  void encodesNothingForBlankText() {
    assertThat(tokenizer.encode("")).isEmpty();
    assertThat(tokenizer.encode(" \t\n ")).isEmpty();
  }

  @Test
  void decodesAsClipDoes() {
    assertThat(tokenizer.decode(320, 1125, 539, 320, 2368)).isEqualTo("a photo of a cat ");
    assertThat(tokenizer.decode(tokenizer.encode("Café 🐱"))).isEqualTo("café 🐱 ");
    assertThatThrownBy(() -> tokenizer.decode(320, 49408))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ids[1] = 49408");
  }

  @Test
  void describesTheVocabulary() {
    assertThat(tokenizer.vocabularySize()).isEqualTo(49408);
    assertThat(tokenizer.contextLength()).isEqualTo(77);
    assertThat(tokenizer.padId()).isEqualTo(49407);
    // ',' is byte 44 -> 44 - 33 + 256
    assertThat(tokenizer.tokenId(",</w>")).hasValue(267);
    assertThat(tokenizer.tokenId("no such token")).isEmpty();
  }

  @Test
  void padsWithAnotherTokenOnRequest() {
    ClipTokenizer openClip = tokenizer.withPadToken(ClipTokenizer.OPEN_CLIP_PAD_TOKEN);
    assertThat(openClip.padId()).isZero();
    assertThat(openClip.encode("a photo of a cat")).containsExactly(320, 1125, 539, 320, 2368);
    assertThat(tokenizer.padId()).isEqualTo(49407);
    assertThatThrownBy(() -> tokenizer.withPadToken("<pad>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'<pad>'");
  }

  @Test
  void givesTheSameIdsFromManyThreads() throws Exception {
    List<String> texts = new ArrayList<>();
    for (JsonNode c : Fixtures.cases(ORACLE_CASES)) {
      texts.add(c.get("text").stringValue());
    }
    ClipTokenizer fresh = ClipTokenizer.bundled();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<int[]>>> results = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        int offset = worker;
        results.add(
            pool.submit(
                () -> {
                  List<int[]> ids = new ArrayList<>();
                  for (int i = 0; i < texts.size(); i++) {
                    ids.add(fresh.encode(texts.get((i + offset * 97) % texts.size())));
                  }
                  return ids;
                }));
      }
      for (int worker = 0; worker < 4; worker++) {
        List<int[]> ids = results.get(worker).get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(ids.get(i))
              .containsExactly(tokenizer.encode(texts.get((i + worker * 97) % texts.size())));
        }
      }
    }
  }

  @Test
  void readsTheArchiveFromAFile(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("bpe.txt.gz");
    try (InputStream in = resource(ClipTokenizer.BUNDLED_VOCABULARY)) {
      Files.copy(in, copy);
    }
    ClipTokenizer fromFile = ClipTokenizer.fromOpenAiVocabulary(copy);
    assertThat(fromFile.encode("a photo of a cat")).containsExactly(320, 1125, 539, 320, 2368);
    assertThat(fromFile.vocabularySize()).isEqualTo(49408);
  }

  @Test
  void givesTheSameIdsFromAHuggingFaceFolder(@TempDir Path dir) throws IOException {
    writeHuggingFaceFolder(dir);
    ClipTokenizer fromFolder = ClipTokenizer.fromHuggingFaceFolder(dir);
    assertThat(fromFolder.startId()).isEqualTo(49406);
    assertThat(fromFolder.endId()).isEqualTo(49407);
    assertThat(fromFolder.vocabularySize()).isEqualTo(49408);
    for (JsonNode c : Fixtures.cases(ORACLE_CASES)) {
      String text = c.get("text").stringValue();
      assertThat(fromFolder.encode(text))
          .as(Fixtures.visible(text))
          .containsExactly(tokenizer.encode(text));
    }
  }

  @Test
  void refusesAFileThatIsNotGzip(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bpe.txt.gz"), "plain text");
    assertThatThrownBy(() -> ClipTokenizer.fromOpenAiVocabulary(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("gzip");
  }

  @Test
  void refusesAnArchiveWithTooFewRules(@TempDir Path dir) throws IOException {
    Path file = gzip(dir.resolve("bpe.txt.gz"), "#version: 0.2\ni n\nt h\n");
    assertThatThrownBy(() -> ClipTokenizer.fromOpenAiVocabulary(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("holds 2 merge rules, 48894 are needed");
  }

  @Test
  void refusesAMalformedRuleNamingItsLine(@TempDir Path dir) throws IOException {
    Path file = gzip(dir.resolve("bpe.txt.gz"), "#version: 0.2\ni n\nt h e\n");
    assertThatThrownBy(() -> ClipTokenizer.fromOpenAiVocabulary(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3: expected two symbols")
        .hasMessageContaining("'t h e'");
  }

  @Test
  void refusesAMissingArchive(@TempDir Path dir) {
    Path file = dir.resolve("absent.txt.gz");
    assertThatThrownBy(() -> ClipTokenizer.fromOpenAiVocabulary(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("missing");
  }

  /**
   * Writes vocab.json and merges.txt the way Hugging Face's CLIP folders hold them, built here
   * straight from CLIP's description of its vocabulary: byte characters, the same with {@code
   * </w>}, one token per rule, then the two special tokens.
   */
  private static void writeHuggingFaceFolder(Path dir) throws IOException {
    List<String> lines;
    try (InputStream in = new GZIPInputStream(resource(ClipTokenizer.BUNDLED_VOCABULARY))) {
      lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    List<String> rules = lines.subList(1, 48895);
    List<String> alphabet = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
      if (printable) {
        alphabet.add(String.valueOf((char) b));
      }
    }
    for (int c = 256; alphabet.size() < 256; c++) {
      alphabet.add(String.valueOf((char) c));
    }
    ObjectNode vocabulary = JsonMapper.builder().build().createObjectNode();
    int id = 0;
    for (String c : alphabet) {
      vocabulary.put(c, id++);
    }
    for (String c : alphabet) {
      vocabulary.put(c + "</w>", id++);
    }
    for (String rule : rules) {
      vocabulary.put(rule.replace(" ", ""), id++);
    }
    vocabulary.put("<|startoftext|>", id++);
    vocabulary.put("<|endoftext|>", id);
    Files.writeString(dir.resolve("vocab.json"), vocabulary.toString());
    Files.writeString(
        dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", rules) + "\n");
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        """
        {"model_max_length": 77, "bos_token": {"__type": "AddedToken", "content": "<|startoftext|>"},
         "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "unk_token": "<|endoftext|>"}
        """);
  }

  private static InputStream resource(String name) {
    return ClipTokenizer.class.getResourceAsStream(name);
  }

  private static Path gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
