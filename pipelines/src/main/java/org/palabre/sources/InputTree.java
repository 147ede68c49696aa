package org.palabre.sources;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The regular files under a folder of the input, with the input folder as the boundary: what a
 * delivery holds and Palabre may open. Everything else is listed with the reason it was passed
 * over, and the walk goes on:
 *
 * <ul>
 *   <li>folders and files that cannot be listed or read (permissions) are skipped;
 *   <li>symbolic links are followed only to a regular file inside the input folder; a link that
 *       leads outside it (to {@code /etc/passwd}), a broken link and a link to a folder are not
 *       followed;
 *   <li>FIFOs, sockets and devices are never opened (opening a FIFO waits for a writer forever).
 * </ul>
 *
 * <pre>{@code
 * InputTree.Listing listing = InputTree.walk(input, input.resolve("iati"));
 * listing.files();    // regular files, sorted
 * listing.ignored();  // "iati/link.xml: a symbolic link that leads outside the input folder ..."
 * }</pre>
 */
public final class InputTree {

  /** A path under the input that was not read, and why (relative to the input folder). */
  public record Ignored(String relativeName, String reason) {
    @Override
    public String toString() {
      return relativeName + ": " + reason;
    }
  }

  /** What a walk found. */
  public record Listing(List<Path> files, List<Ignored> ignored) {}

  private InputTree() {}

  /**
   * Walks {@code folder} (inside {@code input}, or {@code input} itself). Only a folder that does
   * not exist gives an empty listing silently; nothing here throws for what the tree holds.
   */
  public static Listing walk(Path input, Path folder) {
    List<Path> files = new ArrayList<>();
    List<Ignored> ignored = new ArrayList<>();
    Path boundary = realOrSelf(input);
    if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return new Listing(files, ignored);
    }
    try {
      Files.walkFileTree(folder, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                files.add(file);
              } else if (attrs.isSymbolicLink()) {
                link(input, boundary, file, files, ignored);
              } else if (attrs.isOther()) {
                ignored.add(new Ignored(relative(input, file), "not a regular file (a FIFO, socket or device): never"
                    + " opened; deliver regular files only"));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              ignored.add(new Ignored(relative(input, file), "cannot be read (" + why(e) + "): skipped, the rest of the"
                  + " delivery is read; give Palabre read access to it and run again"));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              if (e != null) {
                ignored.add(new Ignored(relative(input, dir), "could not be listed to its end (" + why(e) + "): what was"
                    + " listed before is read; run again once the folder can be read"));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // SimpleFileVisitor never rethrows: a failure here is of the walk itself
      ignored.add(new Ignored(relative(input, folder), "cannot be listed (" + why(e) + "): skipped"));
    }
    files.sort(Comparator.naturalOrder());
    ignored.sort(Comparator.comparing(Ignored::relativeName));
    return new Listing(files, ignored);
  }

  private static void link(Path input, Path boundary, Path file, List<Path> files, List<Ignored> ignored) {
    String name = relative(input, file);
    Path target;
    try {
      target = file.toRealPath();
    } catch (NoSuchFileException | FileSystemLoopException e) {
      ignored.add(new Ignored(name, "a broken symbolic link: not followed"));
      return;
    } catch (IOException e) {
      ignored.add(new Ignored(name, "a symbolic link that cannot be followed (" + why(e) + "): not read"));
      return;
    }
    if (!target.startsWith(boundary)) {
      ignored.add(new Ignored(name, "a symbolic link that leads outside the input folder (to " + target + "): not"
          + " followed; copy the file into the input folder to deliver it"));
    } else if (Files.isRegularFile(target)) {
      files.add(file);
    } else if (Files.isDirectory(target)) {
      ignored.add(new Ignored(name, "a symbolic link to a folder: not followed (its files are read where they are)"));
    } else {
      ignored.add(new Ignored(name, "a symbolic link to something that is not a regular file (a FIFO, socket or"
          + " device): never opened"));
    }
  }

  /** The reason of a failure, in words: "permission denied" rather than an exception's class. */
  public static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it disappeared while the input was read";
    }
    String message = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      message = fs.getReason();
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static Path realOrSelf(Path input) {
    try {
      return input.toRealPath();
    } catch (IOException e) {
      return input.toAbsolutePath().normalize();
    }
  }

  private static String relative(Path input, Path file) {
    return input.relativize(file).toString().replace('\\', '/');
  }
}
