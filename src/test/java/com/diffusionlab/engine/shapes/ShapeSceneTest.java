package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShapeSceneTest {

  @Test
  void statesEverythingItShows() {
    ShapeScene scene =
        scene(
            NamedColour.BLUE,
            Position.LEFT,
            new PlacedShape(16, 20, 11),
            new PlacedShape(16, 40, 11));
    assertThat(scene.count()).isEqualTo(2);
    assertThat(scene.attributes())
        .isEqualTo(
            new CaptionAttributes(
                NamedColour.RED,
                ShapeKind.STAR,
                2,
                Optional.of(SizeClass.SMALL),
                Optional.of(Position.LEFT),
                Optional.of(NamedColour.BLUE)));
  }

  @Test
  void refusesTheShapesColourAsBackground() {
    assertThatThrownBy(() -> scene(NamedColour.RED, Position.CENTRE, new PlacedShape(32, 32, 11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("background must differ from the shapes' colour, both are RED");
  }

  @Test
  void refusesNoneOrMoreThanThreeShapes() {
    assertThatThrownBy(() -> scene(NamedColour.BLUE, Position.CENTRE))
        .hasMessage("objects must hold 1 to 3 shapes, got 0");
    PlacedShape a = new PlacedShape(8, 32, 10);
    PlacedShape b = new PlacedShape(24, 32, 10);
    PlacedShape c = new PlacedShape(40, 32, 10);
    PlacedShape d = new PlacedShape(56, 32, 10);
    assertThatThrownBy(() -> scene(NamedColour.BLUE, Position.CENTRE, a, b, c, d))
        .hasMessage("objects must hold 1 to 3 shapes, got 4");
  }

  @Test
  void refusesAnExtentOutsideTheSizeClass() {
    assertThatThrownBy(() -> scene(NamedColour.BLUE, Position.CENTRE, new PlacedShape(32, 32, 14)))
        .hasMessage("objects[0] has extent 14.0, size SMALL allows 10.0 to 12.0");
  }

  @Test
  void refusesShapesReachingOutOfTheImage() {
    assertThatThrownBy(() -> scene(NamedColour.BLUE, Position.LEFT, new PlacedShape(4, 32, 10)))
        .hasMessageStartingWith("objects[0] = PlacedShape[centreX=4.0")
        .hasMessageEndingWith("reaches outside the image (0 to 64)");
  }

  @Test
  void refusesShapesCloserThanTheMinimumGap() {
    // boxes 16 ± 5 and 28 ± 5 on the x axis: 2 pixels apart; same rows
    assertThatThrownBy(
            () ->
                scene(
                    NamedColour.BLUE,
                    Position.CENTRE,
                    new PlacedShape(26, 32, 10),
                    new PlacedShape(38, 32, 10)))
        .hasMessage("objects[0] and objects[1] are 2.0 pixels apart, at least 4.0 are needed");
  }

  @Test
  void refusesAPositionTheShapesAreNotAt() {
    assertThatThrownBy(() -> scene(NamedColour.BLUE, Position.TOP, new PlacedShape(16, 32, 11)))
        .hasMessage("position is TOP but the shapes' mean centre (16.0, 32.0) lies at LEFT");
  }

  private static ShapeScene scene(
      NamedColour background, Position position, PlacedShape... objects) {
    return new ShapeScene(
        ShapeKind.STAR, NamedColour.RED, SizeClass.SMALL, position, background, List.of(objects));
  }
}
