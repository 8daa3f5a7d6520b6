package com.diffusionlab.engine.text;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Hugging Face CLIP tokenizer folder: {@code vocab.json} and {@code merges.txt}, with the
 * optional {@code tokenizer_config.json} and {@code special_tokens_map.json} (the latter wins where
 * both name a token, as in Hugging Face's loader).
 */
final class HuggingFaceTokenizerFolder {

  static final String VOCABULARY_FILE = "vocab.json";
  static final String MERGES_FILE = "merges.txt";
  static final String CONFIG_FILE = "tokenizer_config.json";
  static final String SPECIAL_TOKENS_FILE = "special_tokens_map.json";

  private static final long MAX_TABLE_BYTES = 64L << 20;
  private static final long MAX_CONFIG_BYTES = 1L << 20;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path folder;

  HuggingFaceTokenizerFolder(Path folder) {
    this.folder = folder;
  }

  /** The vocabulary, its merge rules and its settings, all checked against each other. */
  ClipTokenizer load() {
    if (!Files.isDirectory(folder)) {
      throw new ModelFormatException(folder, "is not a tokenizer folder");
    }
    Path vocabularyFile = folder.resolve(VOCABULARY_FILE);
    Map<String, Integer> vocabulary = readVocabulary(vocabularyFile);
    Path mergesFile = folder.resolve(MERGES_FILE);
    List<String> lines =
        TextFiles.lines(
            TextFiles.decodeUtf8(TextFiles.read(mergesFile, MAX_TABLE_BYTES), mergesFile),
            MergeRules.MAX_LINES);
    List<MergeRule> merges = MergeRules.parse(lines, mergesFile, false, 0);
    for (MergeRule merge : merges) {
      if (!vocabulary.containsKey(merge.joined())) {
        throw new ModelFormatException(
            mergesFile,
            "line "
                + merge.line()
                + ": the rule makes '"
                + TextFiles.excerpt(merge.joined())
                + "', which "
                + VOCABULARY_FILE
                + " lacks");
      }
    }
    for (String special : new String[] {ClipTokenizer.START_TOKEN, ClipTokenizer.END_TOKEN}) {
      if (!vocabulary.containsKey(special)) {
        throw new ModelFormatException(vocabularyFile, "lacks the special token " + special);
      }
    }
    TokenizerSettings settings = readSettings(vocabulary);
    return new ClipTokenizer(new BpeModel(vocabulary, merges), settings);
  }

  private TokenizerSettings readSettings(Map<String, Integer> vocabulary) {
    Path configFile = folder.resolve(CONFIG_FILE);
    Path specialsFile = folder.resolve(SPECIAL_TOKENS_FILE);
    JsonNode config = readOptionalObject(configFile);
    JsonNode specials = readOptionalObject(specialsFile);
    int contextLength = TokenizerSettings.CLIP_DEFAULTS.contextLength();
    JsonNode maxLength = config.get("model_max_length");
    if (maxLength != null && !maxLength.isNull()) {
      if (!maxLength.isIntegralNumber()
          || !maxLength.canConvertToInt()
          || maxLength.intValue() < TokenizerSettings.MIN_CONTEXT_LENGTH
          || maxLength.intValue() > TokenizerSettings.MAX_CONTEXT_LENGTH) {
        throw new ModelFormatException(
            configFile,
            "model_max_length is "
                + maxLength
                + ", expected a whole number from "
                + TokenizerSettings.MIN_CONTEXT_LENGTH
                + " to "
                + TokenizerSettings.MAX_CONTEXT_LENGTH);
      }
      contextLength = maxLength.intValue();
    }
    requireToken("bos_token", ClipTokenizer.START_TOKEN, config, specials);
    requireToken("eos_token", ClipTokenizer.END_TOKEN, config, specials);
    String pad =
        knownToken("pad_token", config, specials, vocabulary)
            .orElse(TokenizerSettings.CLIP_DEFAULTS.padToken());
    String unknown =
        knownToken("unk_token", config, specials, vocabulary)
            .orElse(TokenizerSettings.CLIP_DEFAULTS.unknownToken());
    return new TokenizerSettings(contextLength, pad, unknown);
  }

  /** CLIP's split pattern names its two special tokens; a folder naming others is not CLIP's. */
  private void requireToken(String key, String expected, JsonNode config, JsonNode specials) {
    Optional<String> named = token(key, config, specials);
    if (named.isPresent() && !named.get().equals(expected)) {
      throw new ModelFormatException(
          fileNaming(key, specials),
          key + " is '" + named.get() + "'; a CLIP tokenizer has " + expected);
    }
  }

  private Optional<String> knownToken(
      String key, JsonNode config, JsonNode specials, Map<String, Integer> vocabulary) {
    Optional<String> named = token(key, config, specials);
    if (named.isPresent() && !vocabulary.containsKey(named.get())) {
      throw new ModelFormatException(
          fileNaming(key, specials), key + " '" + named.get() + "' is not in " + VOCABULARY_FILE);
    }
    return named;
  }

  private Optional<String> token(String key, JsonNode config, JsonNode specials) {
    JsonNode node = specials.has(key) ? specials.get(key) : config.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    // a token is written either as a string or as an AddedToken object with its content
    JsonNode content = node.isObject() ? node.get("content") : node;
    if (content == null || !content.isString()) {
      throw new ModelFormatException(
          fileNaming(key, specials), key + " is " + node + ", expected a string");
    }
    return Optional.of(content.stringValue());
  }

  private Path fileNaming(String key, JsonNode specials) {
    return folder.resolve(specials.has(key) ? SPECIAL_TOKENS_FILE : CONFIG_FILE);
  }

  private static JsonNode readOptionalObject(Path file) {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    byte[] bytes = TextFiles.read(file, MAX_CONFIG_BYTES);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw invalidJson(file, e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(file, "expected a JSON object");
    }
    return root;
  }

  private static Map<String, Integer> readVocabulary(Path file) {
    byte[] bytes = TextFiles.read(file, MAX_TABLE_BYTES);
    Map<String, Integer> ids = new HashMap<>();
    Map<Integer, String> tokens = new HashMap<>();
    int highestId = -1;
    int highestIdLine = 0;
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ModelFormatException(file, "expected a JSON object mapping tokens to ids");
      }
      JsonToken next;
      while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
        String token = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        String where = "line " + line + ": token '" + TextFiles.excerpt(token) + "'";
        if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT
            || parser.getNumberType() != JsonParser.NumberType.INT) {
          throw new ModelFormatException(
              file, where + " has id " + parser.getString() + ", expected a whole number");
        }
        int id = parser.getIntValue();
        if (id < 0) {
          throw new ModelFormatException(file, where + " has negative id " + id);
        }
        if (ids.put(token, id) != null) {
          throw new ModelFormatException(file, where + " is listed twice");
        }
        String other = tokens.put(id, token);
        if (other != null) {
          throw new ModelFormatException(
              file, where + " has id " + id + ", already given to '" + other + "'");
        }
        if (id > highestId) {
          highestId = id;
          highestIdLine = line;
        }
      }
      if (next != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new ModelFormatException(
            file,
            "line "
                + parser.currentTokenLocation().getLineNr()
                + ": expected a JSON object mapping tokens to ids");
      }
    } catch (JacksonException e) {
      throw invalidJson(file, e);
    }
    if (highestId >= ids.size()) {
      throw new ModelFormatException(
          file,
          "line "
              + highestIdLine
              + ": id "
              + highestId
              + " leaves a gap; the "
              + ids.size()
              + " tokens must have ids 0 to "
              + (ids.size() - 1));
    }
    return ids;
  }

  private static ModelFormatException invalidJson(Path file, JacksonException e) {
    String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
    return new ModelFormatException(file, line + "not valid JSON: " + e.getOriginalMessage(), e);
  }
}
