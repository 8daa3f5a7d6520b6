package com.diffusionlab.engine.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns byte-pair merges from a word list, as BPE training does (Sennrich et al. 2016): each word
 * starts as its characters, the last marked {@code </w>}; the most frequent adjacent pair is joined
 * everywhere, left to right, and the rule recorded; until every word is one symbol. Applying the
 * rules by rank to a listed word repeats its training steps, so every listed word ends as one
 * token. Ties go to the alphabetically first pair, which makes the rules a function of the list.
 */
final class BpeTrainer {

  static final String END_OF_WORD = "</w>";

  /** One rule: join {@code first} and {@code second} into one symbol. */
  record Merge(String first, String second) {
    String joined() {
      return first + second;
    }
  }

  private static final Comparator<Map.Entry<Merge, Integer>> PRIORITY =
      Map.Entry.<Merge, Integer>comparingByValue()
          .reversed()
          .thenComparing(entry -> entry.getKey().first())
          .thenComparing(entry -> entry.getKey().second());

  List<Merge> train(List<String> words) {
    List<List<String>> symbols = new ArrayList<>();
    for (String word : words) {
      if (word.isEmpty()) {
        throw new IllegalArgumentException("words must not contain an empty word");
      }
      List<String> split = new ArrayList<>();
      for (int i = 0; i < word.length(); i++) {
        split.add(String.valueOf(word.charAt(i)));
      }
      split.set(split.size() - 1, split.getLast() + END_OF_WORD);
      symbols.add(split);
    }
    List<Merge> merges = new ArrayList<>();
    while (true) {
      Map<Merge, Integer> counts = new HashMap<>();
      for (List<String> word : symbols) {
        for (int i = 0; i + 1 < word.size(); i++) {
          counts.merge(new Merge(word.get(i), word.get(i + 1)), 1, Integer::sum);
        }
      }
      if (counts.isEmpty()) {
        return List.copyOf(merges);
      }
      Merge best = counts.entrySet().stream().min(PRIORITY).orElseThrow().getKey();
      merges.add(best);
      for (List<String> word : symbols) {
        join(word, best);
      }
    }
  }

  private static void join(List<String> word, Merge merge) {
    for (int i = 0; i + 1 < word.size(); i++) {
      if (word.get(i).equals(merge.first()) && word.get(i + 1).equals(merge.second())) {
        word.set(i, merge.joined());
        word.remove(i + 1);
      }
    }
  }
}
