package org.jioc.load;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tokens from a stack of files: an include pushes a lexer and its end pops it, so (as in
 * EPICS) an included file simply continues the grammar where the include statement stood.
 */
final class TokenStream {
    static final int MAX_DEPTH = 32;

    private final Deque<DbLexer> stack = new ArrayDeque<>();
    private Token peeked;
    private Token lastEof;

    TokenStream(DbLexer first) {
        stack.push(first);
    }

    void push(DbLexer lexer) {
        stack.push(lexer);
    }

    int depth() {
        return stack.size();
    }

    /** The file whose text is being read now. */
    String currentFile() {
        return stack.isEmpty() ? lastEof.where().file() : stack.peek().file();
    }

    Token next(DbLexer.Mode mode) throws DbLoadException {
        if (peeked != null) {
            Token t = peeked;
            peeked = null;
            return t;
        }
        while (!stack.isEmpty()) {
            Token t = stack.peek().next(mode);
            if (t.kind() != Token.Kind.EOF) {
                return t;
            }
            lastEof = t;
            if (stack.size() == 1) {
                return t;
            }
            stack.pop();
        }
        return lastEof;
    }

    /** Looks at the next statement-level token without consuming it. */
    Token peek() throws DbLoadException {
        if (peeked == null) {
            peeked = next(DbLexer.Mode.NORMAL);
        }
        return peeked;
    }
}
