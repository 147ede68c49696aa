package org.palabre.model;

import java.io.Serializable;

/**
 * An input row that did not make it into the lake, with everything needed to find and fix it:
 * the file, the line where the row starts, a reason naming the column and what to do, and the
 * row's raw text. Line 0 means the whole file. A rejected cell (a figure that cannot be read in a
 * row whose other figures load) carries its column. A workbook's rows carry their sheet (lines are
 * the sheet's rows); a text file's sheet is null.
 */
public record Rejection(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    String sourceSheet,
    long sourceLine,
    Integer sourceColumn,
    String reason,
    String raw)
    implements Serializable {}
