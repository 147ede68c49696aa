/**
 * The lake rows of the {@code iati} source family (IATI activity XML): flat records, one per
 * activity, participating organisation, budget, transaction and result period, each carrying its
 * file, line, path ({@code source_path} = {@code iati-activity[3]/budget[2]}; {@code activity_path}
 * for the activity it belongs to) and delivery. Delivery + path is the key of every table: the line
 * alone is not, real files put several budgets, or a whole activity, on one line. Money keeps its original value (as a double and as the exact text of
 * the number), its currency and value date, and its value in EUR with the rate that gave it.
 */
package org.palabre.model.iati;
