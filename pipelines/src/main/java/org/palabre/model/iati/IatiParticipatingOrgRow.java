package org.palabre.model.iati;

import java.io.Serializable;

/**
 * One {@code participating-org} of an activity (table {@code iati_participating_orgs}), in file
 * order ({@code position} from 1), with its network member when organisations.csv knows it.
 */
public record IatiParticipatingOrgRow(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long activityLine,
    String activityPath,
    String iatiIdentifier,
    long position,
    String orgRef,
    String role,
    String orgType,
    String orgName,
    String member)
    implements Serializable {}
