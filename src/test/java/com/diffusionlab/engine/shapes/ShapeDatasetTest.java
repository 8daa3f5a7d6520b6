package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShapeDatasetTest {

  private static final long SEED = 42;
  private static final int SAMPLES = 5000;

  private static List<ShapeSample> samples;

  @BeforeAll
  static void draw() {
    ShapeDataset dataset = new ShapeDataset(SEED);
    long start = System.nanoTime();
    samples = IntStream.range(0, SAMPLES).mapToObj(dataset::sample).toList();
    double seconds = (System.nanoTime() - start) / 1e9;
    // a figure for the report, not an assertion: machines differ
    System.out.printf("rendered %d samples at %.0f per second%n", SAMPLES, SAMPLES / seconds);
  }

  @Test
  void anIndexGivesTheSameSampleWhateverCameBefore() {
    ShapeDataset fresh = new ShapeDataset(SEED);
    for (int index : new int[] {4999, 17, 0, 2500}) {
      ShapeSample again = fresh.sample(index);
      ShapeSample first = samples.get(index);
      assertThat(again.scene()).isEqualTo(first.scene());
      assertThat(again.caption()).isEqualTo(first.caption());
      assertThat(again.image().rgb()).isEqualTo(first.image().rgb());
      assertThat(again.index()).isEqualTo(index);
    }
  }

  @Test
  void streamsFromAnyIndexInOrder() {
    List<ShapeSample> streamed = new ShapeDataset(SEED).stream(10).limit(3).toList();
    assertThat(streamed).extracting(ShapeSample::index).containsExactly(10L, 11L, 12L);
    assertThat(streamed)
        .extracting(ShapeSample::scene)
        .containsExactly(samples.get(10).scene(), samples.get(11).scene(), samples.get(12).scene());
  }

  @Test
  void samplesFarBeyondIntRange() {
    ShapeDataset dataset = new ShapeDataset(SEED);
    long index = 5_000_000_000L;
    assertThat(dataset.sample(index).image().rgb()).isEqualTo(dataset.sample(index).image().rgb());
  }

  @Test
  void seedsAndNeighbouringIndicesGiveDifferentScenes() {
    ShapeDataset other = new ShapeDataset(SEED + 1);
    long differing =
        IntStream.range(0, 100)
            .filter(i -> !other.sample(i).scene().equals(samples.get(i).scene()))
            .count();
    assertThat(differing).isEqualTo(100);
    long repeats =
        IntStream.range(1, SAMPLES)
            .filter(i -> samples.get(i).scene().equals(samples.get(i - 1).scene()))
            .count();
    assertThat(repeats).isZero();
  }

  @Test
  void drawsEveryValueAboutEquallyOften() {
    // binomial: for a share p of 5000 draws the standard deviation is √(5000·p·(1−p)), about 21
    // draws for p = 1/10; 25 % off the expected count is more than 5 standard deviations
    assertBalanced(ShapeScene::shape, ShapeKind.values().length);
    assertBalanced(ShapeScene::colour, NamedColour.values().length);
    assertBalanced(ShapeScene::background, NamedColour.values().length);
    assertBalanced(ShapeScene::size, SizeClass.values().length);
    assertBalanced(ShapeScene::position, Position.values().length);
    assertBalanced(ShapeScene::count, ShapeScene.MAX_OBJECTS);
  }

  @Test
  void captionsStateWhatTheSceneShowsAndLeaveOutAboutHalfOfTheRest() {
    CaptionParser parser = new CaptionParser();
    Map<Attribute, Integer> stated = new EnumMap<>(Attribute.class);
    for (ShapeSample sample : samples) {
      CaptionAttributes said = parser.parse(sample.caption());
      ShapeScene scene = sample.scene();
      assertThat(said.colour()).isEqualTo(scene.colour());
      assertThat(said.shape()).isEqualTo(scene.shape());
      assertThat(said.count()).isEqualTo(scene.count());
      said.size().ifPresent(size -> assertThat(size).isEqualTo(scene.size()));
      said.position().ifPresent(position -> assertThat(position).isEqualTo(scene.position()));
      said.background().ifPresent(colour -> assertThat(colour).isEqualTo(scene.background()));
      said.size().ifPresent(size -> stated.merge(Attribute.SIZE, 1, Integer::sum));
      said.position().ifPresent(position -> stated.merge(Attribute.POSITION, 1, Integer::sum));
      said.background().ifPresent(colour -> stated.merge(Attribute.BACKGROUND, 1, Integer::sum));
    }
    // default probability ½: 2500 ± 35 (one standard deviation)
    assertThat(stated.values()).allSatisfy(count -> assertThat(count).isBetween(2300, 2700));
  }

  @Test
  void captionProbabilitiesOfOneAndZeroGiveFullAndBareCaptions() {
    ShapeSample full = new ShapeDataset(SEED, new CaptionGrammar(1, 1, 1)).sample(3);
    ShapeSample bare = new ShapeDataset(SEED, new CaptionGrammar(0, 0, 0)).sample(3);
    assertThat(new CaptionParser().parse(full.caption())).isEqualTo(full.scene().attributes());
    CaptionAttributes stated = new CaptionParser().parse(bare.caption());
    assertThat(stated.size()).isEmpty();
    assertThat(stated.position()).isEmpty();
    assertThat(stated.background()).isEmpty();
    // the caption does not change the scene: the draws for it come after the scene's
    assertThat(bare.scene()).isEqualTo(full.scene()).isEqualTo(samples.get(3).scene());
  }

  @Test
  void imagesAreOfTheDatasetSize() {
    assertThat(samples.getFirst().image().width()).isEqualTo(ShapeScene.IMAGE_SIZE);
    assertThat(samples.getFirst().image().height()).isEqualTo(ShapeScene.IMAGE_SIZE);
  }

  @Test
  void refusesNegativeIndices() {
    ShapeDataset dataset = new ShapeDataset(SEED);
    assertThatThrownBy(() -> dataset.sample(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index must not be negative, got -1");
    assertThatThrownBy(() -> dataset.stream(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("firstIndex must not be negative, got -5");
  }

  private static void assertBalanced(Function<ShapeScene, Object> attribute, int values) {
    Map<Object, Long> counts =
        samples.stream()
            .map(ShapeSample::scene)
            .collect(Collectors.groupingBy(attribute, Collectors.counting()));
    double expected = SAMPLES / (double) values;
    assertThat(counts).hasSize(values);
    assertThat(counts.values())
        .allSatisfy(
            count ->
                assertThat(count).isBetween((long) (0.75 * expected), (long) (1.25 * expected)));
  }
}
