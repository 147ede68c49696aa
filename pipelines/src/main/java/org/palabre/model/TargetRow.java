package org.palabre.model;

import java.io.Serializable;

/**
 * One yearly target of a catalogue indicator (lake table {@code targets}), for the network (member
 * and country null), a member, a country, or a member in a country.
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
    String member,
    String countryIso2,
    double target)
    implements Serializable {}
