package org.jioc.load;

/** One lexical token of a database or substitutions file. */
record Token(Kind kind, String text, SourceLocation where) {
    enum Kind { WORD, STRING, PUNCT, EOF }

    boolean is(char punct) {
        return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == punct;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** How to name this token in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            case WORD -> "'" + text + "'";
            case PUNCT -> "'" + text + "'";
        };
    }
}
