package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private static final PasswordPolicy POLICY = new PasswordPolicy();

  private static FieldError refusal(String username, String password) {
    try {
      POLICY.check("password", username, password);
    } catch (InvalidRequestException e) {
      assertThat(e.errors()).hasSize(1);
      if (password != null && !password.isEmpty()) {
        assertThat(e.getMessage()).doesNotContain(password);
      }
      return e.errors().get(0);
    }
    throw new AssertionError("accepted: " + password);
  }

  @Test
  void aLongUncommonPasswordPasses() {
    assertThatCode(() -> POLICY.check("password", "ada", "Quartz-Lantern-Meadow-42"))
        .doesNotThrowAnyException();
  }

  @Test
  void shorterThanTwelveCharactersIsRefusedNamingTheFieldButNotThePassword() {
    FieldError error = refusal("ada", "short-Pw-9x");
    assertThat(error.field()).isEqualTo("password");
    assertThat(error.value()).isEqualTo("(hidden)");
    assertThat(error.allowed()).contains("at least 12 characters").contains("has 11");
    assertThat(refusal("ada", null).allowed()).contains("has 0");
    assertThat(refusal("ada", "").allowed()).contains("at least 12");
  }

  @Test
  void charactersAreCountedNotBytes() {
    assertThatCode(() -> POLICY.check("password", "ada", "ééééééééééé9"))
        .doesNotThrowAnyException();
    assertThat(refusal("ada", "éééééééééé9").allowed()).contains("has 11");
  }

  @Test
  void beyondBcryptsSeventyTwoBytesIsRefused() {
    assertThat(refusal("ada", "Quartz-Lantern-" + "x".repeat(60)).allowed())
        .contains("at most 72 bytes");
    assertThatCode(() -> POLICY.check("password", "ada", "Quartz-Lantern-" + "x".repeat(57)))
        .doesNotThrowAnyException();
  }

  @Test
  void thePasswordMayNeitherBeNorContainTheUsernameInAnyCase() {
    assertThat(refusal("Margaret", "margaret1234").allowed()).contains("username");
    assertThat(refusal("margaret", "My-MARGARET-Lantern").allowed()).contains("username");
    assertThat(refusal("lantern.admin", "LANTERN.ADMIN").allowed()).contains("username");
  }

  @Test
  void commonPasswordsAreRefusedInAnyCase() {
    assertThat(POLICY.commonPasswords()).isGreaterThan(5_000);
    assertThat(refusal("ada", "1qaz2wsx3edc").allowed()).contains("30,000 most common");
    assertThat(refusal("ada", "QAZWSXEDCRFV").allowed()).contains("most common");
    assertThat(refusal("ada", "LeaveMeAlone").allowed()).contains("most common");
  }

  @Test
  void theErrorNamesTheFieldItWasGivenAs() {
    assertThatThrownBy(() -> POLICY.check("newPassword", "ada", "tiny"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("newPassword=(hidden) is not allowed: at least 12 characters");
  }

  @Test
  void generatedPasswordsPassAndDiffer() {
    String first = POLICY.generate("abc");
    assertThatCode(() -> POLICY.check("password", "abc", first)).doesNotThrowAnyException();
    assertThat(first).hasSize(20).doesNotContainPattern("[0O1lI]");
    assertThat(POLICY.generate("abc")).isNotEqualTo(first);
  }
}
