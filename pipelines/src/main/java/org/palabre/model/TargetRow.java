package org.palabre.model;

import java.io.Serializable;

/**
 * One yearly target of a catalogue indicator (lake table {@code targets}), for the network (member
 * and country null), a member, a country, or a member in a country, as the table writes them:
 * indicator, member and country are checked and mapped at build time.
 */
public record TargetRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // target
    String indicatorCode,
    long year,
    String memberRaw,
    String countryRaw,
    double target)
    implements Serializable {}
