package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.RecommendedSettings;
import com.diffusionlab.engine.loading.CardRecommendations;
import com.diffusionlab.engine.shapes.GrammarVocabulary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelCardTest {

  @Test
  void theCardStatesTheRecipeTheFiguresAndLeavesRoomForTheEvaluation() {
    GrammarVocabulary vocabulary = new GrammarVocabulary();
    String card =
        ModelCard.markdown(
            TinyShapesArchitecture.standard(vocabulary.size(), vocabulary.contextLength()),
            TrainingOptions.standard(Path.of("models/tiny-shapes"), 7, 90),
            new ModelCard.Figures(1740, 31.5, 0.01234, 2890, 58.5, 0.0456),
            "dlab train-tiny --out models/tiny-shapes --minutes 90 --seed 7");

    assertThat(card)
        .contains(
            "1000-step noise schedule with scaled_linear betas from 0.00085 to 0.012, epsilon")
        .contains("dlab train-tiny --out models/tiny-shapes --minutes 90 --seed 7")
        .contains("(seed 7)")
        .contains("| 1740 | 16 | 31.5 | 0.01234 |")
        .contains("| 2890 | 32 | 58.5 | 0.04560 |")
        .contains("AdamW 0.001, cooled to a tenth over the last 30%)")
        .contains("AdamW 0.001 cooled to a tenth over the last 30%, EMA")
        .contains("ε with 0.2 offset noise")
        .contains("<!-- evaluation:start -->")
        .contains("<!-- evaluation:end -->");
    assertThat(CardRecommendations.parse(card).recommended())
        .as("what the workspace defaults to for the model")
        .isEqualTo(new RecommendedSettings(3.0, 20, "euler", 64, 64));
  }
}
