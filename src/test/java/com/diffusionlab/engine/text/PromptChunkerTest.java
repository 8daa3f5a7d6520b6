package com.diffusionlab.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PromptChunkerTest {

  // ids worked out from the byte table: 'a' is 97 - 33 + 256, 'b' 98 - 33 + 256, ',' 44 - 33 + 256
  private static final int A = 320;
  private static final int B = 321;
  private static final int COMMA = 267;
  private static final int CAT = 2368;
  private static final int START = 49406;
  private static final int END = 49407;

  private static ClipTokenizer tokenizer;
  private static PromptChunker chunker;

  @BeforeAll
  static void load() {
    tokenizer = ClipTokenizer.bundled();
    chunker = new PromptChunker(tokenizer);
  }

  static Stream<Arguments> oracleCases() {
    return Fixtures.cases("a1111-chunk-cases.json").stream()
        .map(
            c ->
                Arguments.of(
                    c.get("pad").stringValue()
                        + ": "
                        + Fixtures.visible(c.get("prompt").stringValue()),
                    c));
  }

  /** Expected chunks from AUTOMATIC1111's own tokenize_line, run outside the repository. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oracleCases")
  void matchesAutomatic1111(String name, JsonNode testCase) {
    ClipTokenizer padded =
        testCase.get("pad").stringValue().equals("zero")
            ? tokenizer.withPadToken(ClipTokenizer.OPEN_CLIP_PAD_TOKEN)
            : tokenizer;
    TokenizedPrompt prompt = new PromptChunker(padded).chunk(testCase.get("prompt").stringValue());
    List<TokenChunk> expected =
        testCase
            .get("chunks")
            .valueStream()
            .map(
                c -> new TokenChunk(Fixtures.ints(c.get("ids")), Fixtures.floats(c.get("weights"))))
            .toList();
    assertThat(prompt.chunks()).isEqualTo(expected);
    assertThat(prompt.tokenCount()).isEqualTo(testCase.get("tokenCount").intValue());
  }

  @Test
  void givesAnEmptyPromptOneChunkOfStartEndAndPadding() {
    TokenizedPrompt prompt = chunker.chunk("");
    assertThat(prompt.chunkCount()).isOne();
    assertThat(prompt.tokenCount()).isZero();
    assertThat(prompt.chunks().getFirst().ids()).containsExactly(ids(START, END, END, 75));
    assertThat(prompt.chunks().getFirst().weights()).containsOnly(1.0f).hasSize(77);
    assertThat(chunker.emptyChunk()).isEqualTo(prompt.chunks().getFirst());
  }

  @Test
  void padsAfterTheEndTokenWithThePadToken() {
    PromptChunker openClip =
        new PromptChunker(tokenizer.withPadToken(ClipTokenizer.OPEN_CLIP_PAD_TOKEN));
    assertThat(openClip.chunk("a photo of a cat").chunks().getFirst().ids())
        .startsWith(START, 320, 1125, 539, 320, 2368, END, 0)
        .endsWith(0);
    assertThat(openClip.emptyChunk().ids()).containsExactly(ids(START, END, 0, 75));
  }

  @Test
  void weighsEachTokenByItsSegment() {
    TokenChunk chunk = chunker.chunk("(cat:1.5) [a]").chunks().getFirst();
    assertThat(Arrays.copyOf(chunk.ids(), 4)).containsExactly(START, CAT, A, END);
    assertThat(Arrays.copyOf(chunk.weights(), 4))
        .containsExactly(1.0f, 1.5f, (float) (1 / 1.1), 1.0f);
  }

  @Test
  void fillsAChunkWithSeventyFiveTokensBeforeStartingTheNext() {
    assertThat(chunker.chunk("a ".repeat(75)).chunkCount()).isOne();
    TokenizedPrompt longer = chunker.chunk("a ".repeat(76));
    assertThat(longer.chunkCount()).isEqualTo(2);
    assertThat(longer.tokenCount()).isEqualTo(76);
    assertThat(longer.chunks().get(1).ids()).startsWith(START, A, END, END);
  }

  @Test
  void movesTheWordsAfterANearbyCommaToTheNextChunk() {
    // 70 a, a comma, 10 b: when the 76th token arrives the comma is 5 tokens from the chunk's end,
    // within 20, so the chunk ends after it and all ten b go to the next chunk
    TokenizedPrompt prompt = chunker.chunk("a ".repeat(70) + ", " + "b ".repeat(10));
    assertThat(prompt.chunks().get(0).ids())
        .containsExactly(
            concat(new int[] {START}, repeat(A, 70), new int[] {COMMA}, repeat(END, 5)));
    assertThat(prompt.chunks().get(1).ids())
        .containsExactly(concat(new int[] {START}, repeat(B, 10), repeat(END, 66)));
    assertThat(prompt.tokenCount()).isEqualTo(81);
  }

  @Test
  void keepsTheWordsAfterAFarCommaInTheFullChunk() {
    // the comma is 25 tokens from the end: too far, the chunk is cut at 75 tokens
    TokenizedPrompt prompt = chunker.chunk("a ".repeat(50) + ", " + "b ".repeat(30));
    assertThat(prompt.chunks().get(0).ids())
        .containsExactly(
            concat(
                new int[] {START},
                repeat(A, 50),
                new int[] {COMMA},
                repeat(B, 24),
                new int[] {END}));
    assertThat(prompt.chunks().get(1).ids())
        .containsExactly(concat(new int[] {START}, repeat(B, 6), repeat(END, 70)));
  }

  @Test
  void neverMovesWordsWhenBacktrackIsOff() {
    PromptChunker noBacktrack = new PromptChunker(tokenizer, new PromptParser(), 0);
    TokenizedPrompt prompt = noBacktrack.chunk("a ".repeat(70) + ", " + "b ".repeat(10));
    assertThat(prompt.chunks().get(1).ids())
        .containsExactly(concat(new int[] {START}, repeat(B, 6), repeat(END, 70)));
  }

  @Test
  void startsANewChunkAtBreak() {
    TokenizedPrompt prompt = chunker.chunk("a BREAK b");
    assertThat(prompt.chunkCount()).isEqualTo(2);
    assertThat(prompt.chunks().get(0).ids()).startsWith(START, A, END, END);
    assertThat(prompt.chunks().get(1).ids()).startsWith(START, B, END, END);
    assertThat(prompt.tokenCount()).isEqualTo(2);
  }

  @Test
  void chunksPlainTextWithEmphasisOff() {
    TokenizedPrompt prompt = chunker.chunk(List.of(new PromptSegment("(a) BREAK b", 1.0)));
    assertThat(prompt.chunkCount()).isOne();
    assertThat(prompt.chunks().getFirst().weights()).containsOnly(1.0f);
  }

  @Test
  void takesTheContextLengthFromTheTokenizer(@TempDir Path dir) throws IOException {
    ClipTokenizer tiny = ClipTokenizer.fromHuggingFaceFolder(TinyVocabulary.write(dir, 8));
    TokenizedPrompt prompt = new PromptChunker(tiny).chunk("lower ".repeat(7));
    int l = TinyVocabulary.LOWER;
    int s = TinyVocabulary.START;
    int e = TinyVocabulary.END;
    assertThat(prompt.chunks())
        .extracting(TokenChunk::ids)
        .containsExactly(new int[] {s, l, l, l, l, l, l, e}, new int[] {s, l, e, e, e, e, e, e});
    assertThat(prompt.chunkLength()).isEqualTo(8);
  }

  @Test
  void padsPromptsToTheSameChunkCount() {
    TokenizedPrompt positive = chunker.chunk("a ".repeat(100));
    TokenizedPrompt negative = chunker.chunk("b");
    List<TokenizedPrompt> padded = chunker.padToSameChunkCount(List.of(positive, negative));
    assertThat(padded).extracting(TokenizedPrompt::chunkCount).containsExactly(2, 2);
    assertThat(padded.get(0)).isSameAs(positive);
    assertThat(padded.get(1).chunks().get(0)).isEqualTo(negative.chunks().get(0));
    assertThat(padded.get(1).chunks().get(1)).isEqualTo(chunker.emptyChunk());
    assertThat(padded.get(1).tokenCount()).isOne();
  }

  @Test
  void flattensChunksRowByRow() {
    TokenizedPrompt prompt = chunker.chunk("a ".repeat(76));
    int[] ids = prompt.flatIds();
    assertThat(ids).hasSize(154);
    assertThat(Arrays.copyOfRange(ids, 77, 80)).containsExactly(START, A, END);
    assertThat(prompt.flatWeights()).hasSize(154).containsOnly(1.0f);
  }

  @Test
  void refusesANegativeBacktrack() {
    assertThatThrownBy(() -> new PromptChunker(tokenizer, new PromptParser(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commaBacktrack must not be negative, got -1");
  }

  @Test
  void refusesPaddingToFewerChunks() {
    TokenizedPrompt prompt = chunker.chunk("a ".repeat(76));
    assertThatThrownBy(() -> prompt.padTo(1, chunker.emptyChunk()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunkCount 1 is below the prompt's 2 chunks");
  }

  @Test
  void keepsChunksImmutable() {
    int[] ids = {START, A, END};
    float[] weights = {1f, 2f, 1f};
    TokenChunk chunk = new TokenChunk(ids, weights);
    ids[1] = B;
    chunk.weights()[1] = 5f;
    assertThat(chunk.ids()).containsExactly(START, A, END);
    assertThat(chunk.weights()).containsExactly(1f, 2f, 1f);
    assertThatThrownBy(() -> new TokenChunk(ids, new float[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 3 ids and 2 weights");
  }

  @Test
  void refusesChunksOfDifferentLengths() {
    TokenChunk three = new TokenChunk(new int[3], new float[3]);
    TokenChunk four = new TokenChunk(new int[4], new float[4]);
    assertThatThrownBy(() -> new TokenizedPrompt(List.of(three, four), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk 0 has 3, chunk 1 has 4");
    assertThatThrownBy(() -> new TokenizedPrompt(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] ids(int start, int end, int pad, int padCount) {
    return concat(new int[] {start, end}, repeat(pad, padCount));
  }

  private static int[] repeat(int id, int count) {
    return IntStream.generate(() -> id).limit(count).toArray();
  }

  private static int[] concat(int[]... parts) {
    return Stream.of(parts).flatMapToInt(IntStream::of).toArray();
  }
}
