package com.diffusionlab.engine.shapes;

import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * An endless, seeded sequence of captioned shape images. Item {@code i} depends only on the seed,
 * {@code i} and the grammar, never on which items were drawn before, so training can resume at any
 * index and shards can take disjoint index ranges. Immutable and thread-safe.
 */
public final class ShapeDataset {

  private final long seed;
  private final CaptionGrammar grammar;
  private final SceneGenerator scenes = new SceneGenerator();
  private final ShapeRenderer renderer = new ShapeRenderer();

  /** The dataset with {@link CaptionGrammar#defaults()}. */
  public ShapeDataset(long seed) {
    this(seed, CaptionGrammar.defaults());
  }

  public ShapeDataset(long seed, CaptionGrammar grammar) {
    this.seed = seed;
    this.grammar = Objects.requireNonNull(grammar, "grammar");
  }

  /**
   * Item {@code index}.
   *
   * @throws IllegalArgumentException if the index is negative
   */
  public ShapeSample sample(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    SplitMix64 random = SplitMix64.forItem(seed, index);
    ShapeScene scene = scenes.next(random);
    String caption = CaptionGrammar.caption(grammar.describe(scene, random));
    return new ShapeSample(index, scene, caption, renderer.render(scene));
  }

  /** The items from {@code firstIndex} on, in order, without end. */
  public Stream<ShapeSample> stream(long firstIndex) {
    if (firstIndex < 0) {
      throw new IllegalArgumentException("firstIndex must not be negative, got " + firstIndex);
    }
    return LongStream.iterate(firstIndex, i -> i + 1).mapToObj(this::sample);
  }

  public long seed() {
    return seed;
  }

  public CaptionGrammar grammar() {
    return grammar;
  }
}
