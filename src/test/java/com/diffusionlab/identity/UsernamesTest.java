package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

class UsernamesTest {

  @Test
  void lettersDigitsDotsUnderscoresDashesAndAtSignsFromTwoToSixtyFour() {
    for (String name :
        new String[] {"ab", "Ada.Lovelace", "x_1-y", "ada@example.com", "a".repeat(64)}) {
      assertThatCode(() -> Usernames.check("username", name)).doesNotThrowAnyException();
    }
    for (String name : new String[] {"a", "a".repeat(65), "ada lovelace", "ada/..", "", "ädä"}) {
      assertThatThrownBy(() -> Usernames.check("username", name))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("username=")
          .hasMessageContaining(Usernames.ALLOWED);
    }
    assertThatThrownBy(() -> Usernames.check("username", null))
        .hasMessageContaining("username=(none)");
  }

  @Test
  void aHostileValueIsEchoedCutShort() {
    assertThatThrownBy(() -> Usernames.check("username", "<" + "x".repeat(10_000)))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void namesAreComparedWithoutCase() {
    assertThat(Usernames.key("Ada")).isEqualTo(Usernames.key("ADA"));
  }

  @Test
  void rolesAndThemesParseInAnyCaseAndNameTheFieldOtherwise() {
    assertThat(Role.parse("role", "researcher")).isEqualTo(Role.RESEARCHER);
    assertThat(Theme.parse("theme", "Dark")).isEqualTo(Theme.DARK);
    assertThatThrownBy(() -> Role.parse("role", "superuser"))
        .hasMessage("role=superuser is not allowed: one of ADMIN, RESEARCHER, VIEWER");
    assertThatThrownBy(() -> Theme.parse("theme", "blue"))
        .hasMessage("theme=blue is not allowed: one of LIGHT, DARK");
  }
}
