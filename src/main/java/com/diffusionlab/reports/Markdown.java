package com.diffusionlab.reports;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders user-written Markdown (experiment descriptions, notes) as HTML that is safe to put into a
 * page: CommonMark with GitHub's tables, raw HTML shown as text rather than passed through, and
 * link and image addresses kept only when they are {@code http}, {@code https} or {@code mailto}
 * (anything else, {@code javascript:} and {@code data:} included, becomes an empty address).
 *
 * <p>Links get {@code rel="nofollow noopener"}: a description is written by any user, so its links
 * should neither pass ranking to wherever they point nor give the opened page a handle on ours.
 *
 * <p>The output is also well-formed XML (void elements self-closed, only the XML entities), so it
 * can go into a page that is parsed either way.
 */
public final class Markdown {

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .extensions(EXTENSIONS)
          .escapeHtml(true)
          .sanitizeUrls(true)
          // The default sanitizer also lets data: through, which has no business in a link.
          .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
          .attributeProviderFactory(
              context ->
                  (node, tagName, attributes) -> {
                    if (node instanceof Link) {
                      attributes.put("rel", "nofollow noopener");
                    }
                  })
          .build();

  private Markdown() {}

  /** The Markdown as safe HTML; null or blank gives the empty string. */
  public static String toSafeHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return RENDERER.render(PARSER.parse(markdown));
  }
}
