/**
 * The lake rows of the {@code iati} source family (IATI activity XML): flat records, one per
 * activity, participating organisation, budget, transaction and result period, each carrying its
 * file, line and delivery. Money keeps its original value (as a double and as the exact text of
 * the number), its currency and value date, and its value in EUR with the rate that gave it.
 */
package org.palabre.model.iati;
