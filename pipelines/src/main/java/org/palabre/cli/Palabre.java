package org.palabre.cli;
public class Palabre { public static void main(String[] a) {} }
