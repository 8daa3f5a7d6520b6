package com.diffusionlab.engine.text;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads OpenAI's {@code bpe_simple_vocab_16e6.txt.gz}, which holds only merge rules, and builds the
 * vocabulary from them as CLIP's {@code simple_tokenizer} does: the 256 byte characters, the same
 * with {@code </w>}, one token per merge rule, then the start and end tokens.
 */
final class OpenAiBpeArchive {

  private static final long MAX_TEXT_BYTES = 64L << 20;

  private OpenAiBpeArchive() {}

  static BpeModel read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file, "file is missing");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  static BpeModel read(InputStream compressed, Path source) {
    byte[] text;
    try (InputStream in = new GZIPInputStream(compressed)) {
      text = TextFiles.readLimited(in, MAX_TEXT_BYTES, source);
    } catch (IOException e) {
      throw new ModelFormatException(source, "is not a readable gzip file: " + e.getMessage(), e);
    }
    List<String> lines = TextFiles.lines(TextFiles.decodeUtf8(text, source), MergeRules.MAX_LINES);
    List<MergeRule> merges = MergeRules.parse(lines, source, true, MergeRules.CLIP_MERGE_COUNT);
    return new BpeModel(vocabulary(merges), merges);
  }

  private static Map<String, Integer> vocabulary(List<MergeRule> merges) {
    char[] alphabet = ByteLevelAlphabet.charactersInVocabularyOrder();
    Map<String, Integer> ids = HashMap.newHashMap(2 * alphabet.length + merges.size() + 2);
    int next = 0;
    for (char c : alphabet) {
      ids.put(String.valueOf(c), next++);
    }
    for (char c : alphabet) {
      ids.put(c + BpeModel.END_OF_WORD, next++);
    }
    // a token made by two rules keeps the later id, as CLIP's dict(zip(vocab, range(...))) does
    for (MergeRule merge : merges) {
      ids.put(merge.joined(), next++);
    }
    ids.put(ClipTokenizer.START_TOKEN, next++);
    ids.put(ClipTokenizer.END_TOKEN, next);
    return ids;
  }
}
