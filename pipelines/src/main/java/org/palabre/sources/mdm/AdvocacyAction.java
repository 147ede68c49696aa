package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One advocacy action of the network's advocacy log (reference data for the {@code
 * advocacy_actions} indicator, priority B).
 *
 * @param theme the advocacy theme, as written (trimmed)
 * @param member the network member that led the action, as written
 * @param date the day of the action
 * @param description what was done (public actions: a press release, a hearing, a campaign)
 * @param serviceUsersInvolved whether people the services work with took part
 * @param line 1-based line of the row in the log
 */
public record AdvocacyAction(
    String theme, String member, LocalDate date, String description, boolean serviceUsersInvolved, long line)
    implements Serializable {}
