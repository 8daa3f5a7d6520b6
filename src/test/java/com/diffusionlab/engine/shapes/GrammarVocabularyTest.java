package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.text.ClipTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written folder read back by the engine's own CLIP tokenizer. */
class GrammarVocabularyTest {

  @TempDir static Path folder;

  private static final GrammarVocabulary VOCABULARY = new GrammarVocabulary();
  private static ClipTokenizer tokenizer;

  @BeforeAll
  static void writeAndLoad() throws IOException {
    VOCABULARY.writeTo(folder);
    tokenizer = ClipTokenizer.fromHuggingFaceFolder(folder);
  }

  @Test
  void makesEveryGrammarWordOneToken() {
    for (String word : CaptionGrammar.vocabulary()) {
      int[] ids = tokenizer.encode(word);
      assertThat(ids).as(word).hasSize(1);
      assertThat(tokenizer.decode(ids)).isEqualTo(word + " ");
      assertThat(VOCABULARY.tokens().get(ids[0])).isEqualTo(word + "</w>");
    }
  }

  @Test
  void encodesACaptionAsOneTokenAWordAndFitsTheLongest() {
    String longest = "three small orange triangles at the bottom on a purple background";
    assertThat(longest.split(" ")).hasSize(CaptionGrammar.longestCaptionWords());
    int[] ids = tokenizer.encode(longest);
    assertThat(ids).hasSize(11);
    assertThat(ids.length + 2).isLessThanOrEqualTo(tokenizer.contextLength());
    assertThat(tokenizer.contextLength()).isEqualTo(16);
  }

  @Test
  void putsTheLettersFirstAndTheSpecialTokensLast() {
    int size = VOCABULARY.size();
    assertThat(tokenizer.vocabularySize()).isEqualTo(size);
    assertThat(tokenizer.startId()).isEqualTo(size - 2);
    assertThat(tokenizer.endId()).isEqualTo(size - 1);
    assertThat(tokenizer.padId()).isEqualTo(size - 1);
    assertThat(VOCABULARY.tokens().subList(0, 3)).containsExactly("a", "b", "c");
    assertThat(VOCABULARY.tokens().subList(26, 28)).containsExactly("a</w>", "b</w>");
    // small: 52 letters, one token per merge (at most the 36 words' letters less one each), 2
    assertThat(size).isLessThan(52 + 36 * 9 + 2);
    System.out.println(
        "grammar vocabulary: " + size + " tokens, " + VOCABULARY.merges().size() + " merges");
  }

  @Test
  void splitsOtherWordsIntoLettersAndOtherCharactersIntoTheUnknownToken() {
    int[] dog = tokenizer.encode("dog");
    assertThat(dog)
        .containsExactly(
            tokenizer.tokenId("d").orElseThrow(),
            tokenizer.tokenId("o").orElseThrow(),
            tokenizer.tokenId("g</w>").orElseThrow());
    // CLIP's unknown token is its end token
    assertThat(tokenizer.encode("7")).containsExactly(tokenizer.endId());
  }

  @Test
  void writesTheFilesAHuggingFaceClipTokenizerReads() throws IOException {
    List<String> merges = Files.readAllLines(folder.resolve("merges.txt"));
    assertThat(merges.getFirst()).isEqualTo("#version: 0.2");
    assertThat(merges.subList(1, merges.size())).isEqualTo(VOCABULARY.merges());
    assertThat(Files.readString(folder.resolve("tokenizer_config.json")))
        .contains("\"model_max_length\" : 16", "\"tokenizer_class\" : \"CLIPTokenizer\"");
    assertThat(Files.readString(folder.resolve("special_tokens_map.json")))
        .contains("\"bos_token\" : \"<|startoftext|>\"", "\"eos_token\" : \"<|endoftext|>\"");
  }
}
