package org.palabre.model.iati;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One IATI activity as the lake keeps it (table {@code iati_activities}), with the network member
 * it belongs to: the first implementing organisation (role 4) known to
 * {@code schemas/mappings/organisations.csv}, else the reporting organisation, else the first
 * accountable organisation (role 2), else {@code unknown}; {@code memberBasis} says which.
 * Lists (countries, sectors) are kept as {@code code:percentage} joined by {@code ;}.
 *
 * <p>{@code sourcePath} ({@code iati-activity[3]}) is the activity's position in its file: with the
 * delivery it is the row's key (several activities can share a line). {@code lastUpdatedUtc} is
 * {@code @last-updated-datetime} as a UTC {@code yyyy-MM-dd HH:mm:ss.SSS}, what decides which of two
 * versions of an activity counts.
 */
public record IatiActivityRow(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    String sourcePath,
    String iatiIdentifier,
    String standardVersion,
    String defaultCurrency,
    String lastUpdatedDatetime,
    String lastUpdatedUtc,
    String reportingOrgRef,
    String reportingOrgType,
    String reportingOrgName,
    String reportingOrgMember,
    String title,
    String activityStatus,
    LocalDate plannedStart,
    LocalDate actualStart,
    LocalDate plannedEnd,
    LocalDate actualEnd,
    String countryIso2,
    String recipientCountries,
    String sectors,
    String member,
    String memberBasis,
    String memberOrgName)
    implements Serializable {}
