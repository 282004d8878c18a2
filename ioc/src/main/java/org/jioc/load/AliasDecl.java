package org.jioc.load;

/** A top-level {@code alias("record", "alias")} statement. */
public record AliasDecl(String record, String alias, SourceLocation where) {
}
