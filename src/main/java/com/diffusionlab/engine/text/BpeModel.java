package com.diffusionlab.engine.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A byte-level BPE vocabulary and its merge rules: token strings to ids and back, and the split of
 * one word into tokens by applying merges in rank order, as CLIP's {@code bpe()} does.
 */
final class BpeModel {

  /** Marks the last symbol of a word. */
  static final String END_OF_WORD = "</w>";

  // never changed after construction, and never handed out
  private final Map<String, Integer> idOfToken;
  private final String[] tokenOfId;
  private final Map<String, Integer> rankOfPair;

  /**
   * @param idOfToken every token and its id (ids are small: they index an embedding table); the
   *     model takes the map over, and no one else may keep it
   * @param merges merge rules in rank order; a pair listed twice keeps its later rank, as a Python
   *     dict built from the list would
   */
  BpeModel(Map<String, Integer> idOfToken, List<MergeRule> merges) {
    this.idOfToken = idOfToken;
    int highest = idOfToken.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    this.tokenOfId = new String[highest + 1];
    idOfToken.forEach((token, id) -> tokenOfId[id] = token);
    this.rankOfPair = HashMap.newHashMap(merges.size());
    for (int rank = 0; rank < merges.size(); rank++) {
      MergeRule rule = merges.get(rank);
      rankOfPair.put(pairKey(rule.first(), rule.second()), rank);
    }
  }

  /** The id of a token, or null if the vocabulary lacks it. */
  Integer id(String token) {
    return idOfToken.get(token);
  }

  /** The token of an id, or null if no token has it. */
  String token(int id) {
    return id >= 0 && id < tokenOfId.length ? tokenOfId[id] : null;
  }

  /** One more than the highest id: the rows a token embedding table needs. */
  int idCeiling() {
    return tokenOfId.length;
  }

  /**
   * Splits one byte-level word into tokens: its characters, the last one carrying {@link
   * #END_OF_WORD}, merged pairwise by lowest rank until no listed pair is left.
   *
   * <p>CLIP rescans the whole word for each merge, which is quadratic in its length and lets a
   * hostile prompt stall a worker; this keeps the candidate pairs in a queue instead. The result is
   * the same because each round still joins every occurrence of the lowest-ranked pair, left to
   * right, before any pair the round creates is considered (no such pair can share its rank).
   */
  List<String> split(String word) {
    Symbols symbols = new Symbols(word);
    PriorityQueue<Candidate> queue = new PriorityQueue<>();
    for (int left = 0; left + 1 < word.length(); left++) {
      offer(queue, symbols, left);
    }
    List<Candidate> round = new ArrayList<>();
    while (!queue.isEmpty()) {
      Candidate lowest = queue.poll();
      round.add(lowest);
      while (!queue.isEmpty() && queue.peek().rank() == lowest.rank()) {
        round.add(queue.poll());
      }
      for (Candidate candidate : round) {
        if (symbols.holds(candidate)) {
          int left = candidate.left();
          symbols.join(left);
          offer(queue, symbols, symbols.previous(left));
          offer(queue, symbols, left);
        }
      }
      round.clear();
    }
    return symbols.toList();
  }

  /** Queues the pair starting at {@code left}, if there is one and a rule joins it. */
  private void offer(PriorityQueue<Candidate> queue, Symbols symbols, int left) {
    if (left < 0 || symbols.next(left) < 0) {
      return;
    }
    String first = symbols.at(left);
    String second = symbols.at(symbols.next(left));
    Integer rank = rankOfPair.get(pairKey(first, second));
    if (rank != null) {
      queue.add(new Candidate(rank, left, first, second));
    }
  }

  /** A pair that a rule joins, as it stood when queued; ordered by rank, then position. */
  private record Candidate(int rank, int left, String first, String second)
      implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate other) {
      return rank != other.rank
          ? Integer.compare(rank, other.rank)
          : Integer.compare(left, other.left);
    }
  }

  /** The symbols of a word as a linked list over their starting positions. */
  private static final class Symbols {
    private final String[] text;
    private final int[] previous;
    private final int[] next;

    Symbols(String word) {
      int length = word.length();
      text = new String[length];
      previous = new int[length];
      next = new int[length];
      for (int i = 0; i < length; i++) {
        text[i] = String.valueOf(word.charAt(i));
        previous[i] = i - 1;
        next[i] = i + 1 < length ? i + 1 : -1;
      }
      text[length - 1] += END_OF_WORD;
    }

    String at(int position) {
      return text[position];
    }

    int previous(int position) {
      return previous[position];
    }

    int next(int position) {
      return next[position];
    }

    /** Whether the candidate's two symbols are still adjacent and unchanged. */
    boolean holds(Candidate candidate) {
      int left = candidate.left();
      int right = next[left];
      return text[left] != null
          && right >= 0
          && text[left].equals(candidate.first())
          && text[right].equals(candidate.second());
    }

    /** Joins the symbol at {@code left} with the one after it. */
    void join(int left) {
      int right = next[left];
      text[left] += text[right];
      text[right] = null;
      next[left] = next[right];
      if (next[right] >= 0) {
        previous[next[right]] = left;
      }
    }

    List<String> toList() {
      List<String> list = new ArrayList<>();
      for (int position = 0; position >= 0; position = next[position]) {
        list.add(text[position]);
      }
      return list;
    }
  }

  // merge symbols never contain whitespace: the byte-level alphabet has none, and rule files are
  // split on it
  private static String pairKey(String first, String second) {
    return first + ' ' + second;
  }
}
