package com.diffusionlab.engine.text;

/**
 * One BPE merge rule: two adjacent symbols that become one.
 *
 * @param line the rule's line in its file, for error messages
 */
record MergeRule(String first, String second, int line) {

  String joined() {
    return first + second;
  }
}
