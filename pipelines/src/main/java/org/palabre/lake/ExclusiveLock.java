package org.palabre.lake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on a file, held while a run writes the lake or builds the warehouse, so
 * that two runs never clean up each other's work. The system releases it when the process ends,
 * even on {@code kill -9}, so a crashed run never leaves a stale lock behind.
 */
public final class ExclusiveLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private ExclusiveLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails at once, saying what holds it. */
  public static ExclusiveLock take(Path lockFile, String what) throws IOException {
    Files.createDirectories(lockFile.getParent());
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("another palabre run is using " + what + " (" + lockFile + "); wait for it to finish");
    }
    return new ExclusiveLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
