package com.diffusionlab.ui.views;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.ModelApproval;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.ui.components.InlineErrors;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * An administrator's approval or retirement of a model version, with the reason it is kept with.
 */
class ModelMoveDialog extends Dialog {

  /**
   * @param verb what the button says: Approve, Retire or Reject
   * @param move the service call, given the version's id and the reason
   */
  ModelMoveDialog(
      ModelVersion version,
      String verb,
      String explanation,
      BiFunction<Long, String, ModelApproval> move,
      Consumer<ModelApproval> done) {
    setHeaderTitle(verb + " " + version.label());
    TextArea reason = new TextArea("Reason");
    reason.setId("model-move-reason");
    reason.setWidthFull();
    reason.setMaxLength(1000);
    reason.setHelperText("kept in the version's history and the audit log");
    InlineErrors errors = new InlineErrors().field("reason", reason);
    add(new VerticalLayout(new Paragraph(explanation), reason, errors.other()));
    Button confirm =
        new Button(
            verb,
            click -> {
              try {
                ModelApproval made = move.apply(version.id(), reason.getValue());
                close();
                done.accept(made);
              } catch (InvalidRequestException refused) {
                errors.show(refused);
              } catch (NotFoundException gone) {
                errors.show(gone.getMessage());
              }
            });
    confirm.setId("model-move-confirm");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", click -> close()), confirm);
    setWidth("min(34em, 96vw)");
  }
}
