package com.diffusionlab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

class MarkdownTest {

  @Test
  void aScriptElementIsShownAsText() {
    String html = Markdown.toSafeHtml("<script>alert(1)</script>");

    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void inlineHtmlWithAnEventHandlerIsShownAsText() {
    String html =
        Markdown.toSafeHtml("a cat <img src=x onerror=alert(1)> and <b onmouseover=\"x\">b</b>");

    assertThat(html)
        .doesNotContain("<img")
        .doesNotContain("<b ")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;b onmouseover=&quot;x&quot;&gt;");
  }

  @Test
  void aRawHtmlBlockIsShownAsText() {
    String html = Markdown.toSafeHtml("<div onclick=\"steal()\">\n*hello*\n</div>\n\nafter");

    assertThat(html).doesNotContain("<div").contains("&lt;div onclick=&quot;steal()&quot;&gt;");
    assertThat(html).contains("<p>after</p>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>"
      })
  void aLinkToAnythingButTheWebOrMailLosesItsAddress(String markdown) {
    String html = Markdown.toSafeHtml(markdown);

    // The link text may still read "javascript:…": as text it does nothing.
    assertThat(html).contains("href=\"\"").doesNotContainPattern("href=\"[^\"]");
  }

  @Test
  void anImageWithAScriptAddressLosesItsAddress() {
    String html = Markdown.toSafeHtml("![cat](javascript:alert(1))");

    assertThat(html).isEqualTo("<p><img src=\"\" alt=\"cat\" /></p>\n");
  }

  @Test
  void webLinksStayAndAreMarkedNofollowNoopener() {
    String html = Markdown.toSafeHtml("See [the paper](https://arxiv.org/abs/2112.10752).");

    assertThat(html)
        .isEqualTo(
            "<p>See <a rel=\"nofollow noopener\" href=\"https://arxiv.org/abs/2112.10752\">"
                + "the paper</a>.</p>\n");
  }

  @Test
  void tablesAndEmphasisAreRendered() {
    String html = Markdown.toSafeHtml("**cfg** sweep\n\n| cfg | seeds |\n|---|---|\n| 7 | 3 |");

    assertThat(html)
        .contains("<strong>cfg</strong>")
        .contains("<th>cfg</th>")
        .contains("<td>7</td>");
  }

  @Test
  void nothingGivesNothing() {
    assertThat(Markdown.toSafeHtml(null)).isEmpty();
    assertThat(Markdown.toSafeHtml("  \n")).isEmpty();
  }

  @Test
  void theOutputIsWellFormedXmlSoThatTheReportStaysParseable() throws Exception {
    String html =
        Markdown.toSafeHtml(
            "# Title\n\nline one  \nline two &amp; &copy; <br>\n\n---\n\n![a](https://x.org/a.png)\n\n"
                + "| a |\n|---|\n| 1 |");

    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader("<div>" + html + "</div>")));
    assertThat(html).contains("<br />").contains("<hr />").contains("©");
  }
}
