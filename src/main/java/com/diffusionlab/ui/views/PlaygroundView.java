package com.diffusionlab.ui.views;

import com.diffusionlab.artifacts.Artifact;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerType;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.Estimate;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.scheduling.ImportedParameters;
import com.diffusionlab.scheduling.PngImporter;
import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.SettingField;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.RunFacts;
import com.diffusionlab.ui.components.MaskCanvas;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.access.AccessDeniedException;

/**
 * The playground: controls on the left (every generation parameter, with Generate and the estimate
 * in a bar that stays in view), the current run on the right (live progress with step previews and
 * a cancel button, then its images or how it ended). PNGs from Diffusion Lab or AUTOMATIC1111 can
 * be dropped in to prefill the form. Below about 900 px of width the two columns stack.
 */
@Route("")
@PageTitle("Playground · Diffusion Lab")
@PermitAll
public class PlaygroundView extends Div implements BeforeEnterObserver {

  private final GenerationService generations;
  private final RunService runs;
  private final ModelRegistry models;
  private final SessionService sessions;
  private final ArtifactStore artifacts;
  private final PngImporter importer;
  private final LabUser user;
  private final SecureRandom random = new SecureRandom();

  private final ComboBox<PlaygroundSession> session = new ComboBox<>("Session");
  private final ProgressBar usageBar = new ProgressBar(0, 1);
  private final Span usageText = new Span();
  private final TextField experiment = new TextField("Experiment", ExperimentService.DEFAULT, "");
  private final ComboBox<ModelVersion> model = new ComboBox<>("Model");
  private final TextArea prompt = new TextArea("Prompt");
  private final TextArea negative = new TextArea("Negative prompt");
  private final Select<String> sampler = new Select<>();
  private final Select<String> schedule = new Select<>();
  private final IntegerField steps = integerField(GenerationFields.STEPS);
  private final NumberField cfg = numberField(GenerationFields.CFG);
  private final IntegerField width = integerField(GenerationFields.WIDTH);
  private final IntegerField height = integerField(GenerationFields.HEIGHT);
  private final TextField seed = new TextField("Seed");
  private final Checkbox randomSeed = new Checkbox("Random seed each time", true);
  private final IntegerField batch = integerField(GenerationFields.BATCH);
  private final Select<String> rng = new Select<>();
  private final IntegerField clipSkip = integerField(GenerationFields.CLIP_SKIP);
  private final NumberField strength = numberField(GenerationFields.STRENGTH);
  private final Select<String> device = new Select<>();
  private final MaskCanvas mask = new MaskCanvas();
  private final Div estimate = new Div();
  private final Button launch = new Button("Generate");
  private final Button cancel = new Button("Cancel");
  private final PlaygroundOutput output;
  private final Div importNotes = new Div();
  private String initImage;
  private Long lastSeed;
  private Long currentRun;

  public PlaygroundView(
      GenerationService generations,
      RunService runs,
      ModelRegistry models,
      SessionService sessions,
      ArtifactStore artifacts,
      PngImporter importer,
      IdentityService identity) {
    this.generations = generations;
    this.runs = runs;
    this.models = models;
    this.sessions = sessions;
    this.artifacts = artifacts;
    this.importer = importer;
    this.user = identity.current();
    this.output = new PlaygroundOutput(user.role().canGenerate());
    addClassName("dlab-playground");
    Div columns = new Div(controls(), output);
    columns.addClassName("dlab-playground-columns");
    add(columns);
    loadChoices();
    // after the form is filled, so that filling it does not estimate once per field
    List<HasValue<?, ?>> estimated =
        List.of(
            model, prompt, sampler, schedule, steps, cfg, width, height, batch, rng, clipSkip,
            strength, device);
    estimated.forEach(field -> field.addValueChangeListener(e -> updateEstimate()));
    updateEstimate();
  }

  private Div controls() {
    session.setItemLabelGenerator(
        s -> s.name() + (s.shared() ? " (shared)" : "") + " · " + s.ownerName());
    session.addValueChangeListener(
        e -> {
          updateUsage();
          offerModels(e.getValue());
        });
    session.setId("session");
    usageBar.setId("session-usage");
    usageText.addClassName("dlab-field-note");
    model.setItemLabelGenerator(
        m ->
            m.name()
                + " · "
                + m.shortHash()
                + " · "
                + m.family()
                + (m.approved() ? "" : " · " + m.approval().name().toLowerCase(Locale.ROOT)));
    model.setId("model");
    model.addValueChangeListener(
        e -> {
          if (e.getValue() != null && e.isFromClient()) {
            fillDefaults(e.getValue());
          }
        });
    fullValueTooltip(session);
    fullValueTooltip(model);
    prompt.setId("prompt");
    prompt.setPlaceholder("two red circles at the top");
    prompt.setMinRows(2);
    prompt.setMaxRows(8);
    negative.setId("negative");
    negative.setMaxRows(6);
    sampler.setLabel("Sampler");
    sampler.setItems(Arrays.stream(SamplerType.values()).map(SamplerType::id).toList());
    sampler.setId("sampler");
    schedule.setLabel("Schedule");
    schedule.setItems(
        Stream.concat(Stream.of("default"), GenerationFields.SCHEDULES.stream()).toList());
    schedule.setId("schedule");
    steps.setStepButtonsVisible(true);
    steps.setId("steps");
    cfg.setStep(0.5);
    cfg.setId("cfg");
    width.setStep(8);
    height.setStep(8);
    width.setId("width");
    height.setId("height");
    seed.setId("seed");
    seed.setAllowedCharPattern("[0-9]");
    seed.setPlaceholder("random");
    // icons, not emoji: a browser without an emoji font shows an empty box for 🎲
    Button dice =
        new Button(
            VaadinIcon.RANDOM.create(),
            e -> seed.setValue(Long.toString(random.nextLong(1L << 32))));
    dice.setTooltipText("a new random seed");
    dice.setId("dice");
    Button reuse =
        new Button(
            VaadinIcon.ROTATE_LEFT.create(),
            e -> {
              if (lastSeed != null) {
                seed.setValue(Long.toString(lastSeed));
                randomSeed.setValue(false);
              }
            });
    reuse.setTooltipText("reuse the last run's seed");
    reuse.setId("reuse-seed");
    randomSeed.setId("random-seed");
    seed.addValueChangeListener(
        e -> {
          if (e.isFromClient() && !e.getValue().isBlank()) {
            randomSeed.setValue(false);
          }
        });
    batch.setId("batch");
    rng.setLabel("Noise");
    rng.setItems(GenerationFields.NOISE_GENERATORS);
    strength.setStep(0.05);
    // no setting of the images: which workers may run the job (none chosen: any of them)
    device.setLabel("Device");
    device.setItems("cpu", "gpu");
    device.setEmptySelectionAllowed(true);
    device.setEmptySelectionCaption("Any device");
    device.setTooltipText("Only a worker of this device class runs the job");
    device.setId("device-class");
    for (var field : List.of(prompt, negative)) {
      field.setValueChangeMode(ValueChangeMode.LAZY);
    }

    HorizontalLayout seedRow = new HorizontalLayout(seed, dice, reuse, randomSeed);
    seedRow.setAlignItems(FlexComponent.Alignment.BASELINE);
    seedRow.addClassName("dlab-seed-row");
    Div body =
        new Div(
            new H2("Playground"),
            session,
            usageBar,
            usageText,
            model,
            prompt,
            negative,
            row(sampler, schedule),
            row(steps, cfg),
            row(width, height, batch),
            seedRow,
            row(rng, clipSkip, device),
            experiment,
            imageToImage(),
            importPng());
    body.addClassName("dlab-controls-body");
    Div controls = new Div(body, actionBar());
    controls.addClassName("dlab-controls");
    controls.setId("controls");
    return controls;
  }

  /** Fields side by side that wrap onto the next line when the column is narrow. */
  private static Div row(Component... fields) {
    Div row = new Div(fields);
    row.addClassName("dlab-form-row");
    return row;
  }

  /** The chosen value in full as a tooltip and a wide list, for when the field cuts it short. */
  private static <T> void fullValueTooltip(ComboBox<T> picker) {
    picker.setOverlayWidth("min(36em, 90vw)");
    picker.addValueChangeListener(
        e ->
            picker.setTooltipText(
                e.getValue() == null ? null : picker.getItemLabelGenerator().apply(e.getValue())));
  }

  /**
   * Generate and Cancel with the estimate beside them, in a bar that stays at the bottom of the
   * controls column however far it is scrolled; a viewer reads there why Generate is disabled.
   */
  private Div actionBar() {
    launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    launch.setId("launch");
    launch.addClickListener(e -> launch());
    launch.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
    cancel.setId("cancel");
    cancel.setEnabled(false);
    cancel.addClickListener(e -> cancelCurrent());
    estimate.setId("estimate");
    estimate.addClassName("dlab-estimate");
    Div bar = new Div(launch, cancel, estimate);
    bar.addClassName("dlab-action-bar");
    bar.setId("action-bar");
    if (!user.role().canGenerate()) {
      launch.setEnabled(false);
      cancel.setVisible(false);
      Span note =
          new Span(
              "Viewers can look at runs but not generate; ask an admin for the researcher role.");
      note.setId("viewer-note");
      note.addClassName("dlab-viewer-note");
      bar.add(note);
    }
    return bar;
  }

  private Details imageToImage() {
    MemoryBuffer buffer = new MemoryBuffer();
    Upload upload = new Upload(buffer);
    upload.setAcceptedFileTypes("image/png", "image/jpeg");
    upload.setMaxFileSize(20 << 20);
    upload.setDropLabel(new Span("Drop an init image (PNG or JPEG)"));
    upload.setId("init-upload");
    // an upload is stored as the user's (ArtifactStore): viewers, who cannot generate, store none
    upload.setEnabled(user.role().canGenerate());
    mask.setVisible(false);
    mask.setId("mask");
    Button clearMask = new Button("Clear mask", e -> mask.clear());
    Button removeInit =
        new Button(
            "Remove init image",
            e -> {
              initImage = null;
              mask.setVisible(false);
              updateEstimate();
            });
    upload.addSucceededListener(
        e -> {
          try (InputStream in = buffer.getInputStream()) {
            Artifact stored = artifacts.storeUploadedImage(in.readAllBytes());
            initImage = stored.sha256();
            mask.setImage(Formats.artifactUrl(initImage));
            mask.setVisible(true);
            updateEstimate();
          } catch (IOException | InvalidRequestException | AccessDeniedException ex) {
            error(ex.getMessage());
          }
        });
    VerticalLayout content =
        new VerticalLayout(
            upload,
            strength,
            new Span("Paint over the image to inpaint only there (white = repaint):"),
            mask,
            new HorizontalLayout(clearMask, removeInit));
    content.setPadding(false);
    Details details = new Details("img2img and inpainting", content);
    details.setId("img2img");
    return details;
  }

  private Details importPng() {
    MemoryBuffer buffer = new MemoryBuffer();
    Upload upload = new Upload(buffer);
    upload.setAcceptedFileTypes("image/png");
    upload.setMaxFileSize(20 << 20);
    upload.setDropLabel(new Span("Drop a PNG from Diffusion Lab or AUTOMATIC1111"));
    upload.setId("import-upload");
    importNotes.setId("import-notes");
    upload.addSucceededListener(
        e -> {
          try (InputStream in = buffer.getInputStream()) {
            apply(importer.read(in.readAllBytes()));
          } catch (IOException | RuntimeException ex) {
            error("cannot read that PNG: " + ex.getMessage());
          }
        });
    VerticalLayout content = new VerticalLayout(upload, importNotes);
    content.setPadding(false);
    Details details = new Details("Import parameters from a PNG", content);
    details.setId("import");
    return details;
  }

  private void loadChoices() {
    // a closed session admits no jobs: it is not offered
    List<PlaygroundSession> visible =
        sessions.visibleTo(user).stream().filter(s -> !s.closed()).toList();
    PlaygroundSession own =
        user.role().canGenerate()
            ? Optional.of(sessions.defaultFor(user)).filter(s -> !s.closed()).orElse(null)
            : null;
    session.setItems(own != null && !visible.contains(own) ? concat(own, visible) : visible);
    session.setValue(own != null ? own : visible.isEmpty() ? null : visible.get(0));
    if (session.isEmpty()) {
      session.setPlaceholder("none you can use");
      usageBar.setVisible(false);
    }
    List<ModelVersion> offered = offerModels(session.getValue());
    ModelVersion initial =
        offered.stream()
            .filter(m -> m.name().equals("tiny-shapes") && m.approved())
            .findFirst()
            .orElse(offered.isEmpty() ? null : offered.get(0));
    model.setValue(initial);
    fillDefaults(initial);
  }

  /**
   * The versions the session runs: approved ones, and drafts too in a sandbox. The chosen model
   * stays chosen while the session offers it.
   */
  private List<ModelVersion> offerModels(PlaygroundSession chosen) {
    boolean drafts = chosen != null && chosen.draftsAllowed();
    List<ModelVersion> offered =
        models.all().stream()
            .filter(
                m ->
                    m.usable() || (drafts && m.available() && m.approval() == ApprovalStatus.DRAFT))
            .toList();
    ModelVersion kept = model.getValue();
    model.setItems(offered);
    if (kept != null) {
      offered.stream().filter(m -> m.id() == kept.id()).findFirst().ifPresent(model::setValue);
    }
    return offered;
  }

  /**
   * The one place the form's settings come from when it opens and when the model changes: what the
   * model's card recommends, else the configured defaults ({@code dlab.defaults.*}), as {@link
   * GenerationService#defaultsFor} completes them. The prompt stays; the negative prompt takes the
   * default only while it is empty, so that changing the model keeps what was written.
   *
   * @param chosen null when no model is usable: the form then keeps what it has
   */
  private void fillDefaults(ModelVersion chosen) {
    if (chosen == null) {
      return;
    }
    GenerationSettings settings = generations.defaultsFor(chosen.contentHash());
    if (negative.isEmpty()) {
      negative.setValue(settings.negativePrompt() == null ? "" : settings.negativePrompt());
    }
    steps.setValue(settings.steps());
    cfg.setValue(settings.cfg());
    sampler.setValue(settings.sampler());
    schedule.setValue(settings.schedule() == null ? "default" : settings.schedule());
    width.setValue(settings.width());
    height.setValue(settings.height());
    batch.setValue(settings.batch());
    rng.setValue(settings.rng());
    clipSkip.setValue(settings.clipSkip());
    // the strength only applies with an init image, so the completed settings leave it unset
    strength.setValue(generations.defaults().strength());
  }

  private static List<PlaygroundSession> concat(
      PlaygroundSession first, List<PlaygroundSession> rest) {
    ArrayList<PlaygroundSession> all = new ArrayList<>(rest);
    all.add(0, first);
    return all;
  }

  private void updateUsage() {
    PlaygroundSession current = session.getValue();
    if (current == null) {
      return;
    }
    SessionUsage usage = sessions.usage(current.id());
    usageBar.setValue(usage.fraction());
    usageText.setText(
        String.format(
            Locale.ROOT,
            "%s device-seconds (cost %s); up to %d×%d px, %d steps, batch %d, %d jobs at once",
            Formats.usage(usage),
            Formats.money(usage.cost()),
            (int) Math.sqrt(current.quota().maxPixels()),
            (int) Math.sqrt(current.quota().maxPixels()),
            current.quota().maxSteps(),
            current.quota().maxBatch(),
            current.quota().maxConcurrentJobs()));
  }

  private GenerationSubmission submission(boolean forLaunch) {
    Long chosenSeed =
        randomSeed.getValue() && forLaunch
            ? null
            : seed.isEmpty() ? null : Long.valueOf(seed.getValue());
    String maskHash = null;
    if (initImage != null && forLaunch) {
      maskHash =
          mask.mask().map(bytes -> artifacts.storeUploadedImage(bytes).sha256()).orElse(null);
    }
    return new GenerationSubmission(
        session.getValue() == null ? null : session.getValue().id(),
        experiment.getValue(),
        device.getValue(),
        new GenerationSettings(
            model.getValue() == null ? null : model.getValue().contentHash(),
            null,
            prompt.getValue(),
            negative.getValue(),
            chosenSeed,
            steps.getValue(),
            cfg.getValue(),
            sampler.getValue(),
            "default".equals(schedule.getValue()) ? null : schedule.getValue(),
            null,
            width.getValue(),
            height.getValue(),
            batch.getValue(),
            rng.getValue(),
            clipSkip.getValue(),
            initImage == null ? null : strength.getValue(),
            initImage,
            maskHash));
  }

  private void updateEstimate() {
    try {
      Estimate e = generations.estimate(submission(false));
      estimate.setText(
          String.format(
              Locale.ROOT,
              "Estimate: %s ± %s · peak memory %s · %.1f device-seconds · cost %s · %s",
              Formats.seconds(e.seconds()),
              Formats.seconds((e.secondsHigh() - e.secondsLow()) / 2),
              Formats.bytes(e.peakMemoryBytes()),
              e.deviceSeconds(),
              Formats.money(e.cost()),
              RunFacts.basis(e.basis().name(), e.basedOnRuns())));
      estimate.getStyle().remove("color");
    } catch (RuntimeException ex) {
      estimate.setText(ex.getMessage());
      estimate.getStyle().set("color", "var(--lumo-error-text-color)");
    }
  }

  private void launch() {
    try {
      UI ui = UI.getCurrent();
      Run run = generations.submit(submission(true), event -> ui.access(() -> show(event)));
      currentRun = run.id();
      lastSeed = run.settings().seed();
      seed.setValue(Long.toString(run.settings().seed()));
      launch.setEnabled(false);
      cancel.setEnabled(true);
      output.submitted(run);
    } catch (RuntimeException ex) {
      error(ex.getMessage());
    }
  }

  /** A queued run ends at once; a running one stops at its next step and reports it. */
  private void cancelCurrent() {
    if (currentRun == null) {
      return;
    }
    generations.cancel(currentRun);
    runs.find(currentRun).filter(run -> run.status().finished()).ifPresent(this::finished);
  }

  private void show(RunProgress event) {
    if (currentRun == null || event.runId() != currentRun) {
      return;
    }
    if (event.status().finished()) {
      finished(runs.find(event.runId()).orElseThrow());
      return;
    }
    output.progress(event);
  }

  private void finished(Run run) {
    currentRun = null;
    launch.setEnabled(user.role().canGenerate());
    cancel.setEnabled(false);
    updateUsage();
    output.finished(run);
  }

  private void apply(ImportedParameters imported) {
    importNotes.removeAll();
    GenerationSettings imports = imported.settings();
    if (imports == null) {
      importNotes.add(new Span(imported.source() + ": " + String.join("; ", imported.notes())));
      return;
    }
    show(imports);
    Span source =
        new Span(
            "Read from "
                + imported.source()
                + (imported.modelFound() ? "" : " (model not found here)"));
    source.setId("import-source");
    importNotes.add(source);
    if (!imported.unknownFields().isEmpty()) {
      Span unknown = new Span("Not used here: " + String.join(", ", imported.unknownFields()));
      unknown.setId("import-unknown");
      importNotes.add(new Div(unknown));
    }
    imported.notes().forEach(note -> importNotes.add(new Div(new Span(note))));
    updateEstimate();
  }

  /** Puts settings into the form; fields the settings leave unset keep what the form has. */
  private void show(GenerationSettings settings) {
    prompt.setValue(settings.prompt() == null ? "" : settings.prompt());
    negative.setValue(settings.negativePrompt() == null ? "" : settings.negativePrompt());
    setIfPresent(steps, settings.steps());
    setIfPresent(cfg, settings.cfg());
    if (settings.sampler() != null) {
      // the importer has already swapped a sampler this workspace lacks for one it has
      SamplerFactory.find(settings.sampler()).map(SamplerType::id).ifPresent(sampler::setValue);
    }
    schedule.setValue(
        settings.schedule() == null ? "default" : settings.schedule().toLowerCase(Locale.ROOT));
    setIfPresent(width, settings.width());
    setIfPresent(height, settings.height());
    if (settings.seed() != null) {
      seed.setValue(Long.toString(settings.seed()));
      randomSeed.setValue(false);
    }
    setIfPresent(batch, settings.batch());
    setIfPresent(rng, settings.rng());
    setIfPresent(clipSkip, settings.clipSkip());
    setIfPresent(strength, settings.strength());
    if (settings.model() != null) {
      models.find(settings.model()).ifPresent(model::setValue);
    }
  }

  /** A whole-number field labelled and bounded as the field catalogue says. */
  private static IntegerField integerField(String name) {
    SettingField field = GenerationFields.require(name);
    IntegerField input = new IntegerField(field.label());
    if (field.min() != null) {
      input.setMin(field.min().intValue());
    }
    if (field.max() != null) {
      input.setMax(field.max().intValue());
    }
    return input;
  }

  private static NumberField numberField(String name) {
    SettingField field = GenerationFields.require(name);
    NumberField input = new NumberField(field.label());
    if (field.min() != null) {
      input.setMin(field.min());
    }
    if (field.max() != null) {
      input.setMax(field.max());
    }
    return input;
  }

  private static <T> void setIfPresent(HasValue<?, T> field, T value) {
    if (value != null) {
      field.setValue(value);
    }
  }

  private static void error(String message) {
    Notification notification = Notification.show(message, 8000, Notification.Position.MIDDLE);
    notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    updateUsage();
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    updateUsage();
  }
}
