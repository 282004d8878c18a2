package org.jioc.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a substitutions file (dbLoadTemplate.y / msi grammar) and loads each instance:
 * <pre>
 *   global { A=1 }
 *   file "x.template" { pattern { P, N } { "a:", 1 } { b:, 2 } }
 *   file y.template   { { P=c:, N=3 } global { Q=4 } { P=d: } }
 * </pre>
 * An instance's macros are, later overriding earlier: the macros passed to dbLoadTemplate,
 * the globals seen so far, and its own values. As in dbLoadTemplate, values are handed on
 * raw (quoted ones keep their quotes), so {@code $(X)} in them is expanded from that whole
 * set when the template uses them. Template file names are expanded immediately.
 */
final class SubstitutionsParser {
    private final DbLoader loader;
    private final ModelUpdate update;
    private final Path subsFile;
    private final SubstitutionsLexer lexer;
    private final Map<String, String> passed;
    private final LinkedHashMap<String, String> globals = new LinkedHashMap<>();
    private Token peeked;

    SubstitutionsParser(DbLoader loader, ModelUpdate update, Path subsFile, String text,
            Map<String, String> passed) {
        this.loader = loader;
        this.update = update;
        this.subsFile = subsFile;
        this.lexer = new SubstitutionsLexer(subsFile.toString(), text);
        this.passed = passed;
    }

    void parse() throws DbLoadException {
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF) {
                return;
            }
            if (t.isWord("global")) {
                global();
            } else if (t.isWord("file")) {
                fileBlock(t);
            } else {
                throw error(t, "expected 'file' or 'global' but found " + t.describe());
            }
        }
    }

    private void global() throws DbLoadException {
        expect('{', "after 'global'");
        for (String[] def : definitions()) {
            globals.put(def[0], def[1]);
        }
    }

    private void fileBlock(Token keyword) throws DbLoadException {
        Token nameTok = next();
        if (nameTok.kind() != Token.Kind.WORD && nameTok.kind() != Token.Kind.STRING) {
            throw error(nameTok, "expected template file name after 'file' but found " + nameTok.describe());
        }
        String name;
        try {
            name = Macros.expand(nameTok.text(), scope(List.of())::get);
        } catch (MacroException e) {
            throw error(nameTok, e.getMessage());
        }
        expect('{', "after template file name");
        Path template = null; // looked up when first used: an empty block needs no file
        List<String> pattern = null;
        while (true) {
            Token t = next();
            if (t.is('}')) {
                return;
            }
            if (t.kind() == Token.Kind.EOF) {
                throw error(t, "unexpected end of file, missing '}' to close file \"" + name
                        + "\" block opened at " + keyword.where());
            }
            if (t.isWord("global")) {
                global();
                continue;
            }
            if (t.isWord("pattern")) {
                expect('{', "after 'pattern'");
                pattern = patternNames();
                continue;
            }
            Token open = t;
            if (t.kind() == Token.Kind.WORD && peek().is('{')) {
                open = next(); // deprecated "name { ... }" form: the word is ignored, as EPICS does
            }
            if (!open.is('{')) {
                throw error(t, "expected '{', 'pattern', 'global' or '}' in file block but found "
                        + t.describe());
            }
            List<String[]> values = pattern != null ? patternValues(pattern) : definitions();
            if (template == null) {
                template = findTemplate(name, nameTok);
            }
            loadInstance(template, scope(values), open.where());
        }
    }

    private List<String> patternNames() throws DbLoadException {
        List<String> names = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.is('}')) {
                return names;
            }
            if (t.is(',')) {
                continue;
            }
            if (t.kind() != Token.Kind.WORD) {
                throw error(t, "expected a macro name in pattern but found " + t.describe());
            }
            names.add(t.text());
        }
    }

    private List<String[]> patternValues(List<String> names) throws DbLoadException {
        List<String[]> values = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.is('}')) {
                return values;
            }
            if (t.is(',')) {
                continue;
            }
            if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
                throw error(t, "expected a pattern value or '}' but found " + t.describe());
            }
            if (values.size() >= names.size()) {
                throw error(t, "more values than pattern names (" + names.size() + " names, extra value "
                        + t.describe() + ")");
            }
            values.add(new String[] {names.get(values.size()), rawValue(t)});
        }
    }

    /** {@code A=1, B="x"}... up to and including the closing '}'. */
    private List<String[]> definitions() throws DbLoadException {
        List<String[]> defs = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.is('}')) {
                return defs;
            }
            if (t.is(',')) {
                continue;
            }
            if (t.kind() != Token.Kind.WORD) {
                throw error(t, "expected a macro name or '}' but found " + t.describe());
            }
            Token eq = next();
            if (!eq.is('=')) {
                throw error(eq, "expected '=' after macro name '" + t.text() + "' but found " + eq.describe()
                        + (eq.is(',') || eq.is('}') ? " (missing 'pattern' line?)" : ""));
            }
            Token v = next();
            if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) {
                throw error(v, "expected a value for macro '" + t.text() + "' but found " + v.describe());
            }
            defs.add(new String[] {t.text(), rawValue(v)});
        }
    }

    /** As dbLoadTemplate hands it on: quoted values keep (double) quotes for macLib to remove. */
    private static String rawValue(Token t) {
        return t.kind() == Token.Kind.STRING ? "\"" + t.text() + "\"" : t.text();
    }

    private Map<String, String> scope(List<String[]> locals) {
        Map<String, String> m = new LinkedHashMap<>(passed);
        m.putAll(globals);
        for (String[] d : locals) {
            m.put(d[0], d[1]);
        }
        return m;
    }

    private Path findTemplate(String name, Token where) throws DbLoadException {
        Path dir = subsFile.toAbsolutePath().getParent();
        Path found = FileFinder.find(name, loader.includePath(), dir);
        if (found == null) {
            throw error(where, "can't find template file \"" + name + "\" (searched "
                    + FileFinder.searched(loader.includePath(), dir) + ")");
        }
        return found;
    }

    private void loadInstance(Path template, Map<String, String> macros, SourceLocation instance)
            throws DbLoadException {
        try {
            loader.loadInto(update, template, macros);
        } catch (DbLoadException e) {
            throw new DbLoadException(e.where(), e.detail() + " (in instance at " + instance + ")");
        }
    }

    private Token next() throws DbLoadException {
        if (peeked != null) {
            Token t = peeked;
            peeked = null;
            return t;
        }
        return lexer.next();
    }

    private Token peek() throws DbLoadException {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private void expect(char punct, String context) throws DbLoadException {
        Token t = next();
        if (!t.is(punct)) {
            throw error(t, "expected '" + punct + "' " + context + " but found " + t.describe());
        }
    }

    private static DbLoadException error(Token t, String message) {
        return new DbLoadException(t.where(), message);
    }
}
