package org.palabre.sources.workbooks;

import java.nio.file.Path;

/**
 * A delivered workbook that cannot be read, with a message for the person who sent it: what is
 * wrong, in which file (and sheet, where it is one sheet), and what to do. The caller rejects the
 * whole file with this message and the run goes on with the other files.
 *
 * <p>Unchecked, because a sheet is streamed: damage past the first rows surfaces from {@link
 * org.palabre.sources.tables.Table#hasNext()}, which cannot throw a checked exception. {@link
 * #problem()} lets the caller act on the kind of problem (a {@link Problem#TEXT_FILE} can be read
 * as CSV instead).
 */
public final class UnreadableWorkbookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of problem it is. */
  public enum Problem {
    /** The file is text (a CSV saved under a workbook's name): read it as CSV. */
    TEXT_FILE,
    /** Not an Excel workbook: another zip (.docx, .ods), another Office 97-2003 document, a PDF. */
    NOT_A_WORKBOOK,
    /** Password-protected (encrypted): it cannot be read without the password. */
    ENCRYPTED,
    /** A damaged file: a truncated or corrupt zip, malformed XML, unreadable records. */
    CORRUPT,
    /** Too many entries, too many bytes once inflated, or a compression ratio no workbook has. */
    ZIP_BOMB,
    /** An Excel 5.0/95 or older workbook, which nothing here reads. */
    UNSUPPORTED_VERSION
  }

  private final transient Path file;
  private final String sheet;
  private final Problem problem;

  UnreadableWorkbookException(Path file, String sheet, Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.sheet = sheet;
    this.problem = problem;
  }

  UnreadableWorkbookException(Path file, Problem problem, String message) {
    this(file, null, problem, message, null);
  }

  /** The file, as the caller named it. */
  public Path file() {
    return file;
  }

  /** The sheet the problem is on; null when it is the whole file. */
  public String sheet() {
    return sheet;
  }

  public Problem problem() {
    return problem;
  }
}
