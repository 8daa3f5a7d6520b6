package com.diffusionlab.engine.shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CLIP tokenizer vocabulary just big enough for the {@link CaptionGrammar}, written as a Hugging
 * Face tokenizer folder. Ids run from 0 without gaps, in CLIP's order: the base symbols (the
 * letters a to z, which CLIP's byte-level alphabet writes as themselves, then each with {@code
 * </w>}), the symbols the merges make, then {@code <|startoftext|>} and {@code <|endoftext|>}. The
 * merges are learnt from the grammar's words, so each of them is one token. Other lower-case words
 * still split into letters; any other character becomes the unknown token, which is {@code
 * <|endoftext|>} as in CLIP. Immutable.
 */
public final class GrammarVocabulary {

  /** Token positions of the text encoder, start and end token included. */
  public static final int CONTEXT_LENGTH = 16;

  static final String START_TOKEN = "<|startoftext|>";
  static final String END_TOKEN = "<|endoftext|>";

  private static final String MERGES_HEADER = "#version: 0.2";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> tokens;
  private final List<BpeTrainer.Merge> merges;

  /**
   * The vocabulary of the caption grammar.
   *
   * @throws IllegalStateException if the grammar's longest caption does not fit the context
   */
  public GrammarVocabulary() {
    List<String> words = CaptionGrammar.vocabulary();
    int needed = CaptionGrammar.longestCaptionWords() + 2;
    if (needed > CONTEXT_LENGTH) {
      throw new IllegalStateException(
          "the longest caption needs "
              + needed
              + " positions with start and end token, the context has "
              + CONTEXT_LENGTH);
    }
    this.merges = new BpeTrainer().train(words);
    SequencedSet<String> ordered = new LinkedHashSet<>();
    for (char c = 'a'; c <= 'z'; c++) {
      ordered.add(String.valueOf(c));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ordered.add(c + BpeTrainer.END_OF_WORD);
    }
    for (String word : words) {
      for (char c : word.toCharArray()) {
        if (!ordered.contains(String.valueOf(c))) {
          throw new IllegalStateException(
              "grammar word '" + word + "' has '" + c + "', outside the base letters a to z");
        }
      }
    }
    for (BpeTrainer.Merge merge : merges) {
      ordered.add(merge.joined());
    }
    ordered.add(START_TOKEN);
    ordered.add(END_TOKEN);
    this.tokens = List.copyOf(ordered);
  }

  /** The tokens in id order: token {@code i} has id {@code i}. */
  public List<String> tokens() {
    return tokens;
  }

  /** The merge rules in rank order, each as its two symbols separated by a space. */
  public List<String> merges() {
    return merges.stream().map(merge -> merge.first() + " " + merge.second()).toList();
  }

  /** The rows the text encoder's token embedding needs. */
  public int size() {
    return tokens.size();
  }

  public int contextLength() {
    return CONTEXT_LENGTH;
  }

  /**
   * Writes {@code vocab.json}, {@code merges.txt}, {@code tokenizer_config.json} and {@code
   * special_tokens_map.json} into the folder, creating it if needed and replacing those files.
   */
  public void writeTo(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Files.createDirectories(folder);
    ObjectNode vocabulary = JSON.createObjectNode();
    for (int id = 0; id < tokens.size(); id++) {
      vocabulary.put(tokens.get(id), id);
    }
    Files.writeString(folder.resolve("vocab.json"), JSON.writeValueAsString(vocabulary));
    List<String> lines = new ArrayList<>();
    lines.add(MERGES_HEADER);
    lines.addAll(merges());
    Files.write(folder.resolve("merges.txt"), lines, StandardCharsets.UTF_8);

    ObjectNode specials = JSON.createObjectNode();
    specials.put("bos_token", START_TOKEN);
    specials.put("eos_token", END_TOKEN);
    specials.put("unk_token", END_TOKEN);
    specials.put("pad_token", END_TOKEN);
    Files.writeString(
        folder.resolve("special_tokens_map.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(specials));

    ObjectNode config = specials.deepCopy();
    config.put("tokenizer_class", "CLIPTokenizer");
    config.put("model_max_length", CONTEXT_LENGTH);
    config.put("do_lower_case", true);
    config.put("errors", "replace");
    config.put("add_prefix_space", false);
    Files.writeString(
        folder.resolve("tokenizer_config.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
  }
}
