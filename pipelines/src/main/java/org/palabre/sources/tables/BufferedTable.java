package org.palabre.sources.tables;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.palabre.text.Labels;

/**
 * A {@link Table} whose first rows can be looked at before it is read, to find its header and
 * tell what kind of table it is: the rows looked at are given again, in order, when the table is
 * read. Only those rows are held in memory; the rest is streamed.
 */
public final class BufferedTable implements Table {

  private final Table table;
  private final Deque<TableRow> buffered = new ArrayDeque<>();

  public BufferedTable(Table table) {
    this.table = table;
  }

  /** The first rows of the table up to {@code nonBlankRows} non-blank ones (blank rows kept), without consuming them. */
  public List<TableRow> head(int nonBlankRows) {
    int nonBlank = (int) buffered.stream().filter(row -> !isBlank(row.cells())).count();
    while (nonBlank < nonBlankRows && table.hasNext()) {
      TableRow row = table.next();
      buffered.addLast(row);
      if (!isBlank(row.cells())) {
        nonBlank++;
      }
    }
    return new ArrayList<>(buffered);
  }

  /**
   * The line of the header row among the first {@code searchRows} non-blank rows: the first row,
   * not a comment ({@code #}), whose {@linkplain #columnKey column keys} {@code kind} recognises
   * (rows above it are a title block, merged headings); -1 when none is.
   */
  public long headerLine(int searchRows, Predicate<Set<String>> kind) {
    for (TableRow row : head(searchRows)) {
      if (isBlank(row.cells()) || row.cells().get(0) != null && row.cells().get(0).startsWith("#")) {
        continue;
      }
      Set<String> keys = new LinkedHashSet<>();
      row.cells().forEach(cell -> keys.add(columnKey(cell == null ? "" : cell.replace("\uFEFF", ""))));
      if (kind.test(keys)) {
        return row.line();
      }
    }
    return -1;
  }

  /** A header's key: lower case, no accents, words joined by underscores ("Date de début" is {@code date_de_debut}). */
  public static String columnKey(String name) {
    return Labels.normalise(name).replace(' ', '_');
  }

  /** True when every cell of a row is null or blank. */
  public static boolean isBlank(List<String> cells) {
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String sheet() {
    return table.sheet();
  }

  @Override
  public boolean typedCells() {
    return table.typedCells();
  }

  @Override
  public boolean hasNext() {
    return !buffered.isEmpty() || table.hasNext();
  }

  @Override
  public TableRow next() {
    return buffered.isEmpty() ? table.next() : buffered.pollFirst();
  }

  @Override
  public void close() throws IOException {
    table.close();
  }
}
