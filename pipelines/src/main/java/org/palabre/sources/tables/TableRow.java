package org.palabre.sources.tables;

import java.util.List;

/**
 * One row of a delivered table, as the file gives it: the sheet it is on (null for a text file),
 * the 1-based line (or sheet row) where it starts, and its cells as text. Workbook cells come
 * rendered ({@link Table#typedCells}): numbers in plain digits with a '.' decimal point ("1204",
 * "12.5"), dates as ISO dates ("2024-01-31", "2024-01-31T08:30" when they carry a time), booleans
 * as "TRUE"/"FALSE", formulas as their cached value, error cells as Excel writes them ("#DIV/0!").
 */
public record TableRow(String sheet, long line, List<String> cells) {}
