package org.palabre.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvDialectTest {

  @Test
  void semicolonWinsOverDecimalCommas() {
    assertEquals(';', CsvDialect.sniffSeparator("Dispositif;Mois;Taux\nA;2023-04;12,5\nB;2023-05;3,25\n"));
  }

  @Test
  void commaWithQuotedDecimalCommas() {
    assertEquals(',', CsvDialect.sniffSeparator("a,b,c\n\"x;y\",\"12,5\",3\n"));
  }

  @Test
  void titleLineAboveTheHeaderDoesNotMislead() {
    assertEquals(',', CsvDialect.sniffSeparator("Rapport d'activité; avril 2023\na,b,c,d\n1,2,3,4\n5,6,7,8\n"));
  }

  @Test
  void tabs() {
    assertEquals('\t', CsvDialect.sniffSeparator("a\tb\tc\n1\t2\t3\n"));
  }
}
