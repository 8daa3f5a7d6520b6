package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.SweepDefinitionException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A YAML event stream that refuses aliases ({@code *name}) as soon as one appears, so that an alias
 * bomb ("billion laughs") fails at its first alias instead of growing, and that remembers the last
 * event's line for SnakeYAML errors that carry none (nesting depth, document size).
 */
final class AliasFreeParser implements Parser {

  private final Parser parser;
  private int line = 1;

  AliasFreeParser(Parser parser) {
    this.parser = parser;
  }

  /** The 1-based line of the last event read. */
  int line() {
    return line;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return inspected(parser.peekEvent());
  }

  @Override
  public Event getEvent() {
    return inspected(parser.getEvent());
  }

  private Event inspected(Event event) {
    if (event == null) {
      return null;
    }
    line = event.getStartMark().getLine() + 1;
    if (event instanceof AliasEvent alias) {
      throw SweepDefinitionException.document(
          line,
          "the alias *"
              + alias.getAnchor()
              + " is not allowed; a sweep definition writes each value out");
    }
    return event;
  }
}
