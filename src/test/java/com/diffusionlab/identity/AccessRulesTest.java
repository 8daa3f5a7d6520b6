package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class AccessRulesTest {

  enum Action {
    READ,
    EDIT,
    DOWNLOAD
  }

  private static final AccessRules<Action> RULES =
      AccessRules.of("thing", Action.READ)
          .allow(Action.READ, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .allow(Action.EDIT, Relation.ADMIN, Relation.OWNER)
          .allow(Action.DOWNLOAD, Relation.ADMIN, Relation.OWNER, Relation.MEMBER)
          .reading(Action.DOWNLOAD)
          .build();

  private static final LabUser ADMIN = new LabUser(1, "ada", Role.ADMIN);
  private static final LabUser RESEARCHER = new LabUser(2, "rob", Role.RESEARCHER);
  private static final LabUser VIEWER = new LabUser(3, "vic", Role.VIEWER);

  private final List<Object> published = new ArrayList<>();

  @Test
  void relationsGoAdminThenOwnerThenMember() {
    assertThat(Relation.of(ADMIN, 2, false)).isEqualTo(Relation.ADMIN);
    assertThat(Relation.of(RESEARCHER, 2, false)).isEqualTo(Relation.OWNER);
    assertThat(Relation.of(RESEARCHER, 9, true)).isEqualTo(Relation.MEMBER);
    assertThat(Relation.of(RESEARCHER, 9, false)).isEqualTo(Relation.OUTSIDER);
  }

  @Test
  void viewersTakeOnlyReadingActionsWhateverTheirRelation() {
    assertThat(RULES.allows(VIEWER, Relation.OWNER, Action.READ)).isTrue();
    assertThat(RULES.allows(VIEWER, Relation.OWNER, Action.DOWNLOAD)).isTrue();
    assertThat(RULES.allows(VIEWER, Relation.OWNER, Action.EDIT)).isFalse();
    assertThat(RULES.allows(RESEARCHER, Relation.OWNER, Action.EDIT)).isTrue();
    assertThat(RULES.allows(RESEARCHER, Relation.MEMBER, Action.EDIT)).isFalse();
  }

  @Test
  void whatOneMayNotReadDoesNotExistAndRefusedChangesAreAudited() {
    assertThatThrownBy(
            () ->
                RULES.require(
                    RESEARCHER, Relation.OUTSIDER, Action.EDIT, "thing 4", published::add))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("thing 4 does not exist");
    assertThatThrownBy(
            () ->
                RULES.require(RESEARCHER, Relation.MEMBER, Action.EDIT, "thing 4", published::add))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("only an administrator or its owner may edit thing 4");
    assertThatThrownBy(
            () -> RULES.require(VIEWER, Relation.OWNER, Action.EDIT, "thing 4", published::add))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("viewers may only look: they cannot edit thing 4");
    assertThat(published)
        .hasSize(3)
        .allSatisfy(
            event -> {
              assertThat(((AuditEvent) event).action()).isEqualTo("thing.edit");
              assertThat(((AuditEvent) event).outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
              assertThat(((AuditEvent) event).target()).isEqualTo("thing 4");
            });
  }

  @Test
  void readingRefusalsAreNotAuditedAndAllowedActionsPass() {
    assertThatThrownBy(
            () ->
                RULES.require(
                    VIEWER, Relation.OUTSIDER, Action.DOWNLOAD, "thing 4", published::add))
        .isInstanceOf(NotFoundException.class);
    RULES.require(VIEWER, Relation.MEMBER, Action.DOWNLOAD, "thing 4", published::add);
    RULES.require(ADMIN, Relation.ADMIN, Action.EDIT, "thing 4", published::add);
    assertThat(published).isEmpty();
  }

  @Test
  void everyActionMustBeGivenItsRelations() {
    assertThatThrownBy(
            () -> AccessRules.of("thing", Action.READ).allow(Action.READ, Relation.ADMIN).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("thing rules do not say who may EDIT");
  }
}
