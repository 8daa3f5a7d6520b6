package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.CaptionAttributes;
import com.diffusionlab.engine.shapes.ShapeChecker;
import com.diffusionlab.engine.shapes.ShapeDataset;
import com.diffusionlab.engine.shapes.ShapeKind;
import com.diffusionlab.engine.shapes.ShapeSample;
import com.diffusionlab.engine.shapes.SizeClass;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AttributeTallyTest {

  private final ShapeChecker checker = new ShapeChecker();

  private static ShapeSample first(SizeClass size) {
    ShapeDataset dataset = new ShapeDataset(5);
    return LongStream.range(0, 100)
        .mapToObj(dataset::sample)
        .filter(s -> s.scene().size() == size && s.scene().count() == 2)
        .findFirst()
        .orElseThrow();
  }

  private static CaptionAttributes askingFor(ShapeKind shape, ShapeSample sample) {
    CaptionAttributes drawn = sample.scene().attributes();
    return new CaptionAttributes(
        drawn.colour(), shape, drawn.count(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void objectShapesAreTalliedOneByOneUnderTheSizeTheyWereFoundAt() {
    ShapeSample small = first(SizeClass.SMALL);
    ShapeSample large = first(SizeClass.LARGE);
    ShapeKind other = small.scene().shape() == ShapeKind.STAR ? ShapeKind.RING : ShapeKind.STAR;
    AttributeTally tally = new AttributeTally();

    tally.add(checker.check(small.image()), askingFor(small.scene().shape(), small));
    tally.add(checker.check(small.image()), askingFor(other, small));
    tally.add(checker.check(large.image()), askingFor(large.scene().shape(), large));

    Adherence adherence = tally.adherence();
    // two objects in each picture: 2 of the 4 small ones had the shape asked, both large ones did
    assertThat(adherence.objectShapes()).containsEntry(SizeClass.SMALL, 0.5);
    assertThat(adherence.objectShapes()).containsEntry(SizeClass.LARGE, 1.0);
    assertThat(adherence.accuracy().get(Attribute.SHAPE)).isEqualTo(2 / 3.0);
    assertThat(adherence.accuracy()).containsEntry(Attribute.COUNT, 1.0);
    assertThat(adherence.accuracy()).doesNotContainKey(Attribute.POSITION);
  }
}
