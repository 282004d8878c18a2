package org.jioc.load;

/**
 * One {@code field(NAME, "value")} as written. {@code where} is the declaration whose value
 * won, so the IOC core can report e.g. "record X has no field FOO" at the right line.
 */
public record FieldDecl(String name, String value, SourceLocation where) {
}
