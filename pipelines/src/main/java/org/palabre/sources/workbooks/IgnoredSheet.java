package org.palabre.sources.workbooks;

/** A sheet of a workbook that is not read, and why: said in the file's load-report note. */
public record IgnoredSheet(String name, String reason) {}
