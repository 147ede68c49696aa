package org.palabre.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An amount converted to euros, with the rate that was used so that a published figure can be
 * explained.
 *
 * @param valueEur the amount in EUR, rounded half-even to the cent
 * @param unitsPerEur the rate used: units of the original currency for one euro (1 for EUR)
 * @param rateDate the date of that rate: the value date, or the closest earlier date in the table
 */
public record EurAmount(BigDecimal valueEur, BigDecimal unitsPerEur, LocalDate rateDate) {}
