package org.palabre.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.codes.ClasspathFolders;
import org.palabre.lake.Lake;
import org.palabre.model.InputFile;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;

/**
 * What a run does with each file of the input, decided before a byte of it is parsed: the files
 * found (each with its delivery key: its content, its family's context files and the readers'
 * code), those left out and why, and the files to read. A file whose delivery the lake holds is
 * not read again, whatever it is called now.
 *
 * @param files every file found, keyed
 * @param ignored the files left out, with why ("ignored: ..."), for the load report
 * @param stamps each file's size and modification time when it was hashed, to publish with it
 * @param contexts each family's context files (an empty list for most families)
 * @param statusByFile what becomes of each file, as the load report says it
 * @param toRead the files to read in this run
 */
public record DeliveryPlan(List<InputFile> files, List<String> ignored, Map<String, InputScanner.Stamp> stamps,
    Map<String, List<InputFile>> contexts, Map<String, String> statusByFile, List<InputFile> toRead) {

  /**
   * The plan of a run over {@code input}: each file found, keyed by its delivery ({@link #deliveryKey}),
   * and what becomes of it: read (new, or a new version of a file of the lake), or left out because
   * the lake holds its content already (under its name or another: counted once).
   */
  static DeliveryPlan of(Path input, Lake lake) throws IOException {
    Map<String, Lake.DeliveryMarker> published = lake.deliveries();
    Map<String, Lake.DeliveryMarker> publishedByFile = new HashMap<>();
    published.values().forEach(m -> publishedByFile.put(m.sourceFamily() + "/" + m.sourceFile(), m));
    InputScanner.Scan scan = InputScanner.scan(input, unchangedSinceRead(publishedByFile), stillWithdrawn(lake));
    Map<String, List<InputFile>> contexts = new HashMap<>();
    List<InputFile> keyed = new ArrayList<>();
    Map<String, String> readers = new HashMap<>();
    for (InputFile file : scan.files()) {
      List<InputFile> context = contexts.computeIfAbsent(file.sourceFamily(), family -> contextOf(input, family));
      String reader = readers.computeIfAbsent(file.sourceFamily(), DeliveryPlan::readerFingerprint);
      keyed.add(file.withDeliveryKey(deliveryKey(file, context, reader)));
    }
    Map<String, String> statusByFile = new LinkedHashMap<>();
    Map<String, InputFile> firstBySha = new HashMap<>();
    List<InputFile> toRead = new ArrayList<>();
    for (InputFile file : keyed) {
      Lake.DeliveryMarker known = published.get(file.deliveryKey());
      InputFile sameContent = firstBySha.putIfAbsent(file.deliveryKey(), file);
      Lake.DeliveryMarker earlier = publishedByFile.get(file.sourceFamily() + "/" + file.relativeName());
      if (known != null) {
        statusByFile.put(file.relativeName(), known.sourceFile().equals(file.relativeName())
            ? "unchanged (loaded in run " + known.runId() + ")"
            : "same content as " + known.sourceFile() + " (run " + known.runId() + "): counted once");
      } else if (sameContent != null) {
        statusByFile.put(file.relativeName(), "same content as " + sameContent.relativeName() + ": counted once");
      } else {
        statusByFile.put(file.relativeName(), earlier == null ? "loaded"
            : "loaded, replaces the version of run " + earlier.runId()
                + (earlier.fileSha256() != null && earlier.fileSha256().equals(file.sha256())
                    ? " (same file; the mappings, the readers or its context changed)" : ""));
        toRead.add(file);
      }
    }
    return new DeliveryPlan(keyed, scan.ignored(), scan.stamps(), contexts, statusByFile, toRead);
  }

  /** A file read in this run that changed while it was read: said in its status, and read again next run. */
  void changedWhileRead(String file, String change) {
    statusByFile.computeIfPresent(file, (k, status) -> status + "; " + change + " while it was read: it will be read again next run");
  }

  /** The family's context files in {@code input}, hashed, as input files (an empty list for most families). */
  static List<InputFile> contextOf(Path input, String familyName) {
    SourceFamily family = SourceFamilies.named(familyName).orElseThrow();
    try {
      List<InputFile> context = new ArrayList<>();
      for (Path file : family.contextFiles(input)) {
        String relative = input.relativize(file).toString().replace('\\', '/');
        context.add(new InputFile(file.toAbsolutePath().toString(), familyName, relative, InputScanner.sha256(file), Files.size(file)));
      }
      return context;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list the context files of " + familyName, e);
    }
  }

  /** The packages whose code reads the files: a change there reads every file again. */
  private static final List<String> READER_PACKAGES =
      List.of("org/palabre/sources", "org/palabre/model", "org/palabre/lake", "org/palabre/text", "org/palabre/codes",
          "org/palabre/privacy", "org/palabre/money");

  /**
   * What reading a family's files depends on besides the files: the lake's schemas, the family's
   * reader files of {@code schemas/} ({@link SourceFamily#readerSchemas}: its grammar, and the
   * mappings a reader still applies itself) and the readers' code. When any changes, the family's
   * files are read again and replace their earlier versions. The crosswalk that the models apply
   * is not part of it: a mapping change is a rebuild, never a re-read.
   */
  static String readerFingerprint(String familyName) {
    SourceFamily family = SourceFamilies.named(familyName).orElseThrow();
    StringBuilder identity = new StringBuilder(ClasspathFolders.digest("schemas/lake", ""));
    for (String schema : family.readerSchemas()) {
      identity.append('\n').append(schema).append(':')
          .append(org.apache.commons.codec.digest.DigestUtils.sha256Hex(org.palabre.codes.SchemaFiles.readString(schema)));
    }
    for (String code : READER_PACKAGES) {
      identity.append('\n').append(ClasspathFolders.digest(code, ".class"));
    }
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(identity.toString());
  }

  /** The file's content hash combined with its context's and the readers', so a change of either means a new delivery. */
  static String deliveryKey(InputFile file, List<InputFile> context, String readers) {
    StringBuilder identity = new StringBuilder(file.sha256()).append('\n').append(readers);
    context.stream().map(c -> c.relativeName() + ":" + c.sha256()).sorted().forEach(c -> identity.append('\n').append(c));
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(identity.toString());
  }

  /**
   * The hash a file had when it was read into the lake, when its marker vouches that it has not
   * changed since (same size and modification time, and it had been left alone for
   * {@link InputScanner#STABLE_MILLIS} before it was hashed): a re-run over gigabytes of unchanged
   * deliveries then reads none of their bytes. Markers written before these stamps existed vouch
   * for nothing.
   */
  static InputScanner.KnownHashes unchangedSinceRead(Map<String, Lake.DeliveryMarker> publishedByFile) {
    return (family, name, size, modified) -> {
      Lake.DeliveryMarker m = publishedByFile.get(family + "/" + name);
      boolean vouched = m != null && m.fileSha256() != null && m.sizeBytes() == size && m.fileModifiedMillis() == modified
          && modified + InputScanner.STABLE_MILLIS < m.hashedAtMillis();
      return vouched ? m.fileSha256() : null;
    };
  }

  /**
   * Files of the input that are withdrawn deliveries lying there unchanged (same family, name, size
   * and modification time as when they were withdrawn): not read again. A new copy of the file is
   * a new delivery and is read.
   */
  static InputScanner.Withdrawn stillWithdrawn(Lake lake) {
    Map<String, Lake.Withdrawal> byStamp = new HashMap<>();
    for (Lake.Withdrawal w : lake.withdrawals()) {
      for (Lake.DeliveryMarker m : w.deliveries()) {
        byStamp.put(m.sourceFamily() + "/" + m.sourceFile() + "|" + m.sizeBytes() + "|" + m.fileModifiedMillis(), w);
      }
    }
    return (family, name, size, modified) -> {
      Lake.Withdrawal w = byStamp.get(family + "/" + name + "|" + size + "|" + modified);
      return w == null ? null : "withdrawn in run " + w.runId() + " by " + w.withdrawnBy() + " (palabre withdraw): not"
          + " read again while it is unchanged; deliver it again (a new copy) to read it again";
    };
  }
}
