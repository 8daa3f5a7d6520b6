package com.diffusionlab.engine.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, as OpenAI's {@code simple_tokenizer} runs it: the text is
 * cleaned (ftfy's repairs, HTML references decoded twice, whitespace collapsed, lower case), split
 * by CLIP's pattern (runs of letters, single digits, runs of other symbols, English contractions,
 * the two special tokens), each piece's UTF-8 bytes written in the byte-level alphabet, the last
 * symbol marked {@code </w>}, and merged by rank; symbols the vocabulary lacks become the unknown
 * token, as in Hugging Face's {@code CLIPTokenizer}.
 *
 * <p>Where the ids can differ from OpenAI's: ftfy's heuristic mojibake repair is not reproduced
 * (text garbled already, such as {@code "cafÃ©"}, stays garbled; the other ftfy steps are); and
 * characters assigned after Unicode 14 may split or lower-case differently, as they do between
 * Python versions. Hugging Face's slow tokenizer differs from both in not decoding HTML references.
 *
 * <p>Instances are immutable and thread-safe; the per-word cache inside is bounded and shared by
 * copies made with {@link #withPadToken}.
 */
public final class ClipTokenizer {

  /** The token that opens every chunk. */
  public static final String START_TOKEN = "<|startoftext|>";

  /** The token that closes every chunk, and pads it in Stable Diffusion 1.x. */
  public static final String END_TOKEN = "<|endoftext|>";

  /**
   * The pad token of OpenCLIP text encoders (Stable Diffusion 2.x, SDXL's second encoder), id 0 in
   * CLIP's vocabulary.
   */
  public static final String OPEN_CLIP_PAD_TOKEN = "!";

  static final String BUNDLED_VOCABULARY = "bpe_simple_vocab_16e6.txt.gz";

  private static final int CACHE_CAPACITY = 16_384;

  /** Longer words are rare and would make the bounded cache large in bytes. */
  private static final int MAX_CACHED_WORD_LENGTH = 64;

  private static final Pattern SPLIT =
      Pattern.compile(
          Pattern.quote(START_TOKEN)
              + "|"
              + Pattern.quote(END_TOKEN)
              + "|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^"
              + PythonCharacters.WHITESPACE_CLASS
              // Python's case-insensitive matching counts U+0345, which folds to a Greek letter, as
              // a letter here and not in the run of letters: CLIP drops it
              + "\\p{L}\\p{N}\\u0345]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private final BpeModel model;
  private final TokenizerSettings settings;
  private final ClipTextCleaner cleaner;
  private final BoundedCache<String, int[]> cache;
  private final int startId;
  private final int endId;
  private final int padId;
  private final int unknownId;

  ClipTokenizer(BpeModel model, TokenizerSettings settings) {
    this(
        model,
        settings,
        new ClipTextCleaner(HtmlCharacterReferences.instance()),
        new BoundedCache<>(CACHE_CAPACITY));
  }

  private ClipTokenizer(
      BpeModel model,
      TokenizerSettings settings,
      ClipTextCleaner cleaner,
      BoundedCache<String, int[]> cache) {
    this.model = model;
    this.settings = settings;
    this.cleaner = cleaner;
    this.cache = cache;
    this.startId = requireId("start token", START_TOKEN);
    this.endId = requireId("end token", END_TOKEN);
    this.padId = requireId("pad token", settings.padToken());
    this.unknownId = requireId("unknown token", settings.unknownToken());
  }

  /**
   * CLIP's own vocabulary, shipped with the engine for single-file checkpoints, which carry no
   * tokenizer; set up as Stable Diffusion 1.x uses it (77 positions, padded with the end token).
   * Loading takes a few hundred milliseconds: keep the instance.
   */
  public static ClipTokenizer bundled() {
    Path source = Path.of(BUNDLED_VOCABULARY);
    try (InputStream in = ClipTokenizer.class.getResourceAsStream(BUNDLED_VOCABULARY)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUNDLED_VOCABULARY + " is missing");
      }
      return new ClipTokenizer(OpenAiBpeArchive.read(in, source), TokenizerSettings.CLIP_DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + BUNDLED_VOCABULARY, e);
    }
  }

  /**
   * Reads OpenAI's {@code bpe_simple_vocab_16e6.txt.gz}, with Stable Diffusion 1.x settings.
   *
   * @throws com.diffusionlab.engine.ModelFormatException naming the file (and line) if it cannot be
   *     used
   */
  public static ClipTokenizer fromOpenAiVocabulary(Path file) {
    return new ClipTokenizer(OpenAiBpeArchive.read(file), TokenizerSettings.CLIP_DEFAULTS);
  }

  /**
   * Reads a Hugging Face tokenizer folder ({@code vocab.json}, {@code merges.txt}, optionally
   * {@code tokenizer_config.json} for {@code model_max_length} and {@code special_tokens_map.json}
   * for the pad token).
   *
   * @throws com.diffusionlab.engine.ModelFormatException naming the file (and line) if the folder
   *     cannot be used
   */
  public static ClipTokenizer fromHuggingFaceFolder(Path folder) {
    return new HuggingFaceTokenizerFolder(folder).load();
  }

  /**
   * The same tokenizer padding with another token, e.g. {@link #OPEN_CLIP_PAD_TOKEN} for a Stable
   * Diffusion 2.x single-file checkpoint.
   *
   * @throws IllegalArgumentException if the vocabulary lacks the token
   */
  public ClipTokenizer withPadToken(String token) {
    Objects.requireNonNull(token, "token");
    return new ClipTokenizer(model, settings.withPadToken(token), cleaner, cache);
  }

  /** The ids of the text's tokens, without start or end token, however many there are. */
  public int[] encode(String text) {
    Objects.requireNonNull(text, "text");
    Matcher pieces = SPLIT.matcher(cleaner.clean(text));
    int[] ids = new int[16];
    int count = 0;
    while (pieces.find()) {
      int[] pieceIds = idsOf(pieces.group());
      if (count + pieceIds.length > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + pieceIds.length));
      }
      System.arraycopy(pieceIds, 0, ids, count, pieceIds.length);
      count += pieceIds.length;
    }
    return Arrays.copyOf(ids, count);
  }

  /**
   * The text of token ids as CLIP's {@code decode} gives it: bytes decoded as UTF-8, each {@code
   * </w>} turned into a space.
   *
   * @throws IllegalArgumentException naming the first id the vocabulary lacks
   */
  public String decode(int... ids) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < ids.length; i++) {
      String token = model.token(ids[i]);
      if (token == null) {
        throw new IllegalArgumentException(
            "ids["
                + i
                + "] = "
                + ids[i]
                + " is not in the vocabulary (0 to "
                + (vocabularySize() - 1)
                + ")");
      }
      for (int c = 0; c < token.length(); c++) {
        int b = ByteLevelAlphabet.byteOf(token.charAt(c));
        if (b >= 0) {
          bytes.write(b);
        } else {
          bytes.writeBytes(String.valueOf(token.charAt(c)).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8).replace(BpeModel.END_OF_WORD, " ");
  }

  /** The id of a token string as the vocabulary spells it (e.g. {@code ",</w>"}). */
  public OptionalInt tokenId(String token) {
    Integer id = model.id(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  public int startId() {
    return startId;
  }

  public int endId() {
    return endId;
  }

  public int padId() {
    return padId;
  }

  /** Token positions of the text encoder, start and end tokens included (77 for CLIP). */
  public int contextLength() {
    return settings.contextLength();
  }

  /** One more than the highest id: the rows the text encoder's token embedding must have. */
  public int vocabularySize() {
    return model.idCeiling();
  }

  private int[] idsOf(String piece) {
    if (piece.equals(START_TOKEN)) {
      return new int[] {startId};
    }
    if (piece.equals(END_TOKEN)) {
      return new int[] {endId};
    }
    String word = ByteLevelAlphabet.encode(piece);
    return word.length() <= MAX_CACHED_WORD_LENGTH ? cache.get(word, this::bpe) : bpe(word);
  }

  private int[] bpe(String word) {
    List<String> tokens = model.split(word);
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = model.id(tokens.get(i));
      ids[i] = id == null ? unknownId : id;
    }
    return ids;
  }

  private int requireId(String role, String token) {
    Integer id = model.id(token);
    if (id == null) {
      throw new IllegalArgumentException(
          role + " '" + token + "' is not in the vocabulary of " + model.idCeiling() + " tokens");
    }
    return id;
  }
}
