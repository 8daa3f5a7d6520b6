package com.diffusionlab.governance.internal.approval;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.ModelApprovalProperties;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.SweepDefinition;
import com.diffusionlab.scheduling.SweepYaml;
import com.diffusionlab.tracking.GenerationFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The golden-prompt sweep of an approval: the configured definition with the version being approved
 * as its model, in the approving administrator's own playground.
 */
@Component
public class GoldenSweeps {
  static final String PROPERTY = "dlab.governance.approval.golden-sweep";

  private final Path file;

  GoldenSweeps(ModelApprovalProperties properties) {
    this.file = properties.goldenSweep();
  }

  /**
   * @throws InvalidRequestException naming the setting when its file cannot be read or parsed
   */
  public SweepDefinition forVersion(ModelVersion version) {
    SweepDefinition golden;
    try {
      golden = SweepYaml.parse(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidRequestException(
          PROPERTY, file.toString(), "a readable sweep definition (" + e.getMessage() + ")");
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          e.errors().stream()
              .map(
                  error ->
                      new FieldError(
                          PROPERTY + " (" + file + "): " + error.field(),
                          error.value(),
                          error.allowed()))
              .toList());
    }
    String name = "golden " + version.name() + " " + version.shortHash();
    return new SweepDefinition(
        name.length() > SweepDefinition.MAX_NAME
            ? name.substring(0, SweepDefinition.MAX_NAME)
            : name,
        golden.experiment(),
        golden.description(),
        null,
        golden.base().with(GenerationFields.MODEL, version.contentHash()),
        golden.x(),
        golden.y(),
        golden.z());
  }
}
