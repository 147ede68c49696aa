package org.palabre.sources.iati;

/**
 * What one {@link IatiActivityParser#parse} call did, for the load report: how many records of
 * each kind went to {@code accept} and to {@code reject}, and whether the file was read to its end.
 *
 * @param complete false when the file stopped early (malformed XML, a DOCTYPE, not an activity
 *     file); the reason was then given to the sink as a rejection
 */
public record IatiParseReport(
    int activitiesAccepted,
    int activitiesRejected,
    int budgetsAccepted,
    int budgetsRejected,
    int transactionsAccepted,
    int transactionsRejected,
    int resultPeriodsAccepted,
    int resultPeriodsRejected,
    boolean complete) {}
