/**
 * Readers of the Médecins du Monde sources: Opération Sourire mission sheets, the partnership
 * registry, the partner survey (KoboToolbox export), the red/orange-line alert log and the advocacy
 * log. Pure Java, no Beam: each parser takes a decoded {@link java.io.Reader} (CSV: plus the
 * separator the framework detected) and puts every input row, document or patient into exactly one
 * of {@link org.palabre.model.ParseSink#accept} or {@link org.palabre.model.ParseSink#reject}.
 * Labels (sections, statuses, roles, sexes, pathologies, types, agreements, categories, levels,
 * countries, members) are kept as written: the mapping files under {@code schemas/mappings/} are
 * applied at build time ({@code sql/intermediate/int_mdm__*.sql}), so a row is rejected here only
 * when it cannot be read. The Beam composites {@link org.palabre.sources.mdm.ReadMissionSheets}
 * ({@code missions/}) and {@link org.palabre.sources.mdm.ReadPartnershipFiles} ({@code
 * partnerships/}) run these parsers in the shared per-file reader ({@code sources.ReadFileFn});
 * the advocacy log is read by {@code sources.reference.ReadReferenceTables} ({@code reference/}).
 *
 * <h2>Mission sheet (JSON, one document per mission, {@code missions/})</h2>
 *
 * <pre>{@code
 * {
 *   "mission_id": "OS-MG-2023-01",            // or id, missionId
 *   "section": "France",                      // as written; mapped by schemas/mappings/mdm_sections.csv
 *   "country": "Madagascar",                  // or pays; French/English name or ISO alpha-2/alpha-3
 *   "site": "CHU ..., Antananarivo",          // or hopital, hospital
 *   "start_date": "2023-05-08",               // or date_debut, startDate; yyyy-MM-dd or dd/MM/yyyy
 *   "end_date": "19/05/2023",                 // optional while active
 *   "team": {"surgeons": 2, "nurses": ["A", "B"]},   // or equipe: [{"role": "chirurgien", "nombre": 2}]
 *   "status": "transféré",                    // as written; mapped by mission_statuses.csv
 *   "transfer": {"partner": "Sauver la Face", "planned_date": "2024-06-30", "actual_date": null},
 *                                             // or transfert {partenaire, date_prevue, date_effective},
 *                                             // or top-level transferPartner, transferPlannedDate, transferActualDate
 *   "patients": [
 *     {"code": "MG-ANT-2023-0042",            // or code_patient, patientCode: pseudonymised at once
 *      "name": "...",                          // optional, read and dropped (nom, fullName too)
 *      "sex": "F",                             // as written; sex_labels.csv (other spellings: unknown)
 *      "age": 7,                               // or "18 mois", "2 years"; or date_of_birth instead
 *      "pathology": "fente labio-palatine",    // normalised, or hashed when not only clinical words; pathologies.csv
 *      "operated": "oui",                      // required: oui/non, yes/no, true/false, 1/0
 *      "psychosocial_follow_up": "non"}        // optional: same values
 *   ]
 * }
 * }</pre>
 *
 * <h2>CSV files (header names in English or French; case, accents and spacing ignored)</h2>
 *
 * <ul>
 *   <li>Partnership registry: partner, country, member_section, partnership_type, agreement,
 *       start_date, end_date ({@link org.palabre.sources.mdm.PartnershipRegistryParser}).
 *   <li>Partner survey, KoboToolbox export: group/question columns, {@code _id}, {@code _uuid},
 *       {@code _submission_time}, {@code _validation_status}, {@code _index}... ({@link
 *       org.palabre.sources.mdm.KoboSurveyParser}).
 *   <li>Red/orange-line alert log: alert_id, date_raised, date_closed, country, partner,
 *       member_section, category, level, description ({@link org.palabre.sources.mdm.AlertLogParser}).
 *   <li>Advocacy log: theme, member, date, description, service_users_involved ({@link
 *       org.palabre.sources.mdm.AdvocacyLogParser}).
 * </ul>
 */
package org.palabre.sources.mdm;
