package org.jioc.areadetector.asyn;

/** A driver parameter: its drvInfo name (the text after {@code @asyn(...)} in a link), index and type. */
public record Param(String name, int index, ParamType type) { }
