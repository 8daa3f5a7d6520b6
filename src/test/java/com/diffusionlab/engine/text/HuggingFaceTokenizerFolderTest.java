package com.diffusionlab.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the made-up folder of {@link TinyVocabulary} and broken variants of it. */
class HuggingFaceTokenizerFolderTest {

  private static final String VOCABULARY = TinyVocabulary.VOCABULARY;
  private static final String MERGES = TinyVocabulary.MERGES;

  @TempDir Path dir;

  @Test
  void mergesByRankFromTheFiles() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, MERGES);
    // l o w e r</w> -> (l o) lo w e r</w> -> (lo w) low e r</w> -> (e r</w>) low er</w> ->
    // lower</w>
    assertThat(tokenizer.encode("lower")).containsExactly(13);
    // l o w</w>: only (l o) applies, since no rule joins lo and w</w>
    assertThat(tokenizer.encode("low")).containsExactly(10, 7);
    // r o w</w>: no rule applies at all
    assertThat(tokenizer.encode("row")).containsExactly(4, 1, 7);
    // upper case is lowered first; each word is merged on its own
    assertThat(tokenizer.encode("LOWER low")).containsExactly(13, 10, 7);
  }

  @Test
  void readsSpecialTokensAndDefaultsFromTheVocabulary() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, MERGES);
    assertThat(tokenizer.startId()).isEqualTo(14);
    assertThat(tokenizer.endId()).isEqualTo(15);
    assertThat(tokenizer.padId()).isEqualTo(15);
    assertThat(tokenizer.contextLength()).isEqualTo(77);
    assertThat(tokenizer.vocabularySize()).isEqualTo(18);
  }

  @Test
  void givesTheUnknownTokenForSymbolsTheVocabularyLacks() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, MERGES);
    // 's' is not in the vocabulary; Hugging Face's tokenizer falls back to unk_token, which is
    // <|endoftext|> unless the config names another
    assertThat(tokenizer.encode("slow")).containsExactly(15, 10, 7);
    write("special_tokens_map.json", "{\"unk_token\": \"!\"}");
    assertThat(ClipTokenizer.fromHuggingFaceFolder(dir).encode("slow")).containsExactly(16, 10, 7);
  }

  @Test
  void readsContextLengthAndPadTokenFromTheConfig() throws IOException {
    write("tokenizer_config.json", "{\"model_max_length\": 8, \"pad_token\": \"<|endoftext|>\"}");
    write(
        "special_tokens_map.json",
        "{\"pad_token\": {\"content\": \"!\", \"lstrip\": false}, \"bos_token\": \"<|startoftext|>\"}");
    ClipTokenizer tokenizer = load(VOCABULARY, MERGES);
    assertThat(tokenizer.contextLength()).isEqualTo(8);
    // special_tokens_map.json wins over tokenizer_config.json, as in Hugging Face's loader
    assertThat(tokenizer.padId()).isEqualTo(16);
  }

  @Test
  void takesAFirstLineWithoutHashAsARule() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, "l o\nlo w\ne r</w>\nlow er</w>");
    assertThat(tokenizer.encode("lower")).containsExactly(13);
  }

  @Test
  void readsAHeaderAfterAByteOrderMark() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, "\uFEFF" + MERGES);
    assertThat(tokenizer.encode("lower")).containsExactly(13);
  }

  @Test
  void ignoresBlankLinesAtTheEnd() throws IOException {
    ClipTokenizer tokenizer = load(VOCABULARY, MERGES + "\n\n  \n");
    assertThat(tokenizer.encode("lower")).containsExactly(13);
  }

  @Test
  void refusesAMissingFolderOrFile() throws IOException {
    assertThatThrownBy(() -> ClipTokenizer.fromHuggingFaceFolder(dir.resolve("absent")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("absent");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "file is missing");
  }

  @Test
  void refusesVocabularyThatIsNotJson() throws IOException {
    write("vocab.json", "{\"l\": 0,\n \"o\": 1,\n oops}");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "line 3: not valid JSON");
  }

  @Test
  void refusesVocabularyThatIsNotAnObject() throws IOException {
    write("vocab.json", "[1, 2]");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "expected a JSON object mapping tokens to ids");
  }

  @Test
  void refusesAnIdThatIsNotAWholeNumber() throws IOException {
    write("vocab.json", "{\"l\": 0,\n \"o\": \"1\"}");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "line 2: token 'o' has id 1, expected a whole number");
    write("vocab.json", "{\"l\": 0,\n \"o\": 1.5}");
    assertRefused("vocab.json", "line 2: token 'o' has id 1.5");
    write("vocab.json", "{\"l\": 0,\n \"o\": 99999999999}");
    assertRefused("vocab.json", "line 2: token 'o'");
    write("vocab.json", "{\"l\": 0,\n \"o\": -1}");
    assertRefused("vocab.json", "line 2: token 'o' has negative id -1");
  }

  @Test
  void refusesAnIdGivenTwice() throws IOException {
    write("vocab.json", "{\"l\": 0,\n \"o\": 0}");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "line 2: token 'o' has id 0, already given to 'l'");
  }

  @Test
  void refusesATokenListedTwice() throws IOException {
    write("vocab.json", "{\"l\": 0,\n \"l\": 1}");
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "line 2: token 'l' is listed twice");
  }

  @Test
  void refusesGapsInTheIds() throws IOException {
    write("vocab.json", VOCABULARY.replace("\",</w>\": 17", "\",</w>\": 40"));
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "line 4: id 40 leaves a gap; the 18 tokens must have ids 0 to 17");
  }

  @Test
  void refusesAVocabularyWithoutTheSpecialTokens() throws IOException {
    write("vocab.json", VOCABULARY.replace("<|startoftext|>", "<s>"));
    write("merges.txt", MERGES);
    assertRefused("vocab.json", "lacks the special token <|startoftext|>");
  }

  @Test
  void refusesARuleWithoutTwoSymbols() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", "#version: 0.2\nl o\nlo w er\n");
    assertRefused(
        "merges.txt", "line 3: expected two symbols separated by a space, found 'lo w er'");
    write("merges.txt", "#version: 0.2\nl o\n\nlo w\n");
    assertRefused("merges.txt", "line 3: expected two symbols");
  }

  @Test
  void refusesARuleMakingATokenTheVocabularyLacks() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", MERGES + "o w\n");
    assertRefused("merges.txt", "line 6: the rule makes 'ow', which vocab.json lacks");
  }

  @Test
  void refusesRulesThatAreNotUtf8() throws IOException {
    write("vocab.json", VOCABULARY);
    Files.write(dir.resolve("merges.txt"), new byte[] {'l', ' ', 'o', '\n', 'a', ' ', (byte) 0xFF});
    assertRefused("merges.txt", "line 2: not valid UTF-8 text");
  }

  @Test
  void refusesAContextLengthOutOfRange() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", MERGES);
    write("tokenizer_config.json", "{\"model_max_length\": 1000000000000000019884624838656}");
    assertRefused("tokenizer_config.json", "model_max_length is 1000000000000000019884624838656");
    write("tokenizer_config.json", "{\"model_max_length\": \"77\"}");
    assertRefused("tokenizer_config.json", "expected a whole number from 3 to 4096");
    write("tokenizer_config.json", "{\"model_max_length\": 2}");
    assertRefused("tokenizer_config.json", "model_max_length is 2");
  }

  @Test
  void refusesAPadTokenTheVocabularyLacks() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", MERGES);
    write("special_tokens_map.json", "{\"pad_token\": \"<pad>\"}");
    assertRefused("special_tokens_map.json", "pad_token '<pad>' is not in vocab.json");
    write("special_tokens_map.json", "{\"pad_token\": 7}");
    assertRefused("special_tokens_map.json", "pad_token is 7, expected a string");
  }

  @Test
  void refusesSpecialTokensOtherThanClips() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", MERGES);
    write("tokenizer_config.json", "{\"eos_token\": \"</s>\"}");
    assertRefused(
        "tokenizer_config.json", "eos_token is '</s>'; a CLIP tokenizer has <|endoftext|>");
  }

  @Test
  void refusesAConfigThatIsNotAnObject() throws IOException {
    write("vocab.json", VOCABULARY);
    write("merges.txt", MERGES);
    write("tokenizer_config.json", "[]");
    assertRefused("tokenizer_config.json", "expected a JSON object");
  }

  private ClipTokenizer load(String vocabulary, String merges) throws IOException {
    write("vocab.json", vocabulary);
    write("merges.txt", merges);
    return ClipTokenizer.fromHuggingFaceFolder(dir);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      String file, String message) {
    return assertThatThrownBy(() -> ClipTokenizer.fromHuggingFaceFolder(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(dir.resolve(file).toString())
        .hasMessageContaining(message);
  }
}
