package org.jioc.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the record-database grammar of dbYacc.y (records, aliases, include, path, addpath)
 * from a {@link TokenStream} into a {@link ModelUpdate}.
 */
final class DbParser {
    /** Reads and macro-expands a file; supplied by the loader. */
    interface SourceReader {
        SourceText read(Path file) throws DbLoadException;
    }

    private static final Set<String> DBD_KEYWORDS = Set.of("menu", "choice", "recordtype", "device",
            "driver", "link", "breaktable", "registrar", "function", "variable");
    private static final String STATEMENTS = "record, grecord, alias, include, path or addpath";
    private static final Pattern JSON_NUMBER = Pattern.compile(
            "[+-]?(([0-9]|[1-9][0-9]+)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"
                    + "|([0-9]|[1-9][0-9]+)\\.([eE][+-]?[0-9]+)?"
                    + "|\\.[0-9]+([eE][+-]?[0-9]+)?|Infinity|0[xX][0-9a-fA-F]+)|NaN");

    private final ModelUpdate update;
    private final TokenStream tokens;
    private final List<Path> path;
    private final SourceReader reader;

    DbParser(ModelUpdate update, SourceText first, List<Path> includePath, SourceReader reader) {
        this.update = update;
        this.tokens = new TokenStream(new DbLexer(first));
        this.path = new ArrayList<>(includePath);
        this.reader = reader;
    }

    void parse() throws DbLoadException {
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF) {
                return;
            }
            if (t.kind() != Token.Kind.WORD) {
                throw error(t, "unexpected " + t.describe() + ", expected " + STATEMENTS);
            }
            switch (t.text()) {
                case "record", "grecord" -> record(t);
                case "alias" -> topAlias(t);
                case "include" -> include(t);
                case "path" -> {
                    path.clear();
                    path.addAll(FileFinder.parsePathList(string("directory list after 'path'")));
                }
                case "addpath" -> path.addAll(FileFinder.parsePathList(string("directory list after 'addpath'")));
                case "field", "info" -> throw error(t, "'" + t.text() + "' is only allowed inside a record body");
                default -> {
                    if (DBD_KEYWORDS.contains(t.text())) {
                        throw error(t, "'" + t.text() + "' is a database definition (.dbd) statement,"
                                + " not allowed in a record database");
                    }
                    throw error(t, "unknown statement '" + t.text() + "', expected " + STATEMENTS);
                }
            }
        }
    }

    private void record(Token keyword) throws DbLoadException {
        expect('(', "after '" + keyword.text() + "'");
        String type = string("record type");
        expect(',', "after record type");
        String name = string("record name");
        expect(')', "after record name");
        RecordDecl rec = update.declareRecord(type, name, keyword.where());
        if (!tokens.peek().is('{')) {
            return; // body-less record(ai, x)
        }
        Token open = next();
        while (true) {
            Token t = next();
            if (t.is('}')) {
                return;
            }
            if (t.kind() == Token.Kind.EOF) {
                throw error(t, "unexpected end of file, missing '}' to close record \"" + name
                        + "\" opened at " + open.where());
            }
            if (t.kind() != Token.Kind.WORD) {
                throw error(t, "unexpected " + t.describe()
                        + " in record body, expected field, info, alias, include or '}'");
            }
            switch (t.text()) {
                case "field" -> field(rec, t);
                case "info" -> info(rec, t);
                case "alias" -> {
                    expect('(', "after 'alias'");
                    String alias = string("alias name");
                    Token close = next();
                    if (close.is(',')) {
                        throw error(close, "alias(record, alias) with two names is a top-level statement;"
                                + " inside a record body use alias(\"name\")");
                    }
                    if (!close.is(')')) {
                        throw error(close, "expected ')' after alias name but found " + close.describe());
                    }
                    update.addRecordAlias(rec, alias, t.where());
                }
                case "include" -> include(t);
                default -> throw error(t, "unexpected " + t.describe()
                        + " in record body, expected field, info, alias, include or '}'");
            }
        }
    }

    private void field(RecordDecl rec, Token keyword) throws DbLoadException {
        expect('(', "after 'field'");
        Token nameTok = next();
        String name = stringValue(nameTok, "field name");
        Names.checkFieldName(name, nameTok.where());
        expect(',', "after field name");
        String value = value("field " + name);
        expect(')', "after value of field " + name);
        rec.putField(new FieldDecl(name, value, keyword.where()));
    }

    private void info(RecordDecl rec, Token keyword) throws DbLoadException {
        expect('(', "after 'info'");
        Token nameTok = next();
        String name = stringValue(nameTok, "info name");
        if (name.isEmpty()) {
            throw error(nameTok, "info name can't be empty");
        }
        expect(',', "after info name");
        String value = value("info " + name);
        expect(')', "after value of info " + name);
        rec.putInfo(name, value);
    }

    private void topAlias(Token keyword) throws DbLoadException {
        expect('(', "after 'alias'");
        String record = string("record name");
        Token t = next();
        if (t.is(')')) {
            throw error(t, "alias(\"name\") with one name is only allowed inside a record body;"
                    + " at top level use alias(\"record\", \"alias\")");
        }
        if (!t.is(',')) {
            throw error(t, "expected ',' after record name but found " + t.describe());
        }
        String alias = string("alias name");
        expect(')', "after alias name");
        update.addAlias(record, alias, keyword.where());
    }

    private void include(Token keyword) throws DbLoadException {
        String name = string("file name after 'include'");
        String current = tokens.currentFile();
        Path currentDir = dirOf(current);
        Path file = FileFinder.find(name, path, currentDir);
        if (file == null) {
            throw error(keyword, "can't find include file \"" + name + "\" (searched "
                    + FileFinder.searched(path, currentDir) + ")");
        }
        if (tokens.depth() >= TokenStream.MAX_DEPTH) {
            throw error(keyword, "includes nested more than " + TokenStream.MAX_DEPTH
                    + " deep (does \"" + name + "\" include itself?)");
        }
        tokens.push(new DbLexer(reader.read(file)));
    }

    private static Path dirOf(String file) {
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            return parent;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A field or info value: quoted string (escapes translated), bare word or JSON. */
    private String value(String what) throws DbLoadException {
        Token t = tokens.next(DbLexer.Mode.VALUE);
        return switch (t.kind()) {
            case STRING -> Escapes.translate(t.text());
            case WORD -> t.text();
            case PUNCT -> {
                if (t.is('{') || t.is('[')) {
                    yield json(t);
                }
                throw error(t, "expected a value for " + what + " but found " + t.describe());
            }
            case EOF -> throw error(t, "unexpected end of file, expected a value for " + what);
        };
    }

    /** A JSON value, re-written compactly the way dbStatic hands JSON links on. */
    private String json(Token first) throws DbLoadException {
        switch (first.kind()) {
            case STRING:
                return "\"" + first.text() + "\"";
            case WORD:
                String w = first.text();
                if (w.equals("null") || w.equals("true") || w.equals("false") || JSON_NUMBER.matcher(w).matches()) {
                    return w;
                }
                return "\"" + w + "\"";
            case EOF:
                throw error(first, "unexpected end of file inside a JSON value");
            default:
                break;
        }
        StringBuilder b = new StringBuilder();
        if (first.is('{')) {
            b.append('{');
            Token t = jsonNext();
            boolean firstMember = true;
            while (!t.is('}')) {
                if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.WORD) {
                    throw error(t, "expected a JSON key or '}' but found " + t.describe());
                }
                if (!firstMember) {
                    b.append(',');
                }
                firstMember = false;
                b.append('"').append(t.text()).append("\":");
                Token colon = jsonNext();
                if (!colon.is(':')) {
                    throw error(colon, "expected ':' after JSON key but found " + colon.describe());
                }
                b.append(json(jsonNext()));
                t = jsonNext();
                if (t.is(',')) {
                    t = jsonNext();
                } else if (!t.is('}')) {
                    throw error(t, "expected ',' or '}' in JSON object but found " + t.describe());
                }
            }
            return b.append('}').toString();
        }
        if (first.is('[')) {
            b.append('[');
            Token t = jsonNext();
            boolean firstElement = true;
            while (!t.is(']')) {
                if (!firstElement) {
                    b.append(',');
                }
                firstElement = false;
                b.append(json(t));
                t = jsonNext();
                if (t.is(',')) {
                    t = jsonNext();
                    if (t.is(']')) {
                        b.append(','); // kept: tells a 1-element list from a plain name
                    }
                } else if (!t.is(']')) {
                    throw error(t, "expected ',' or ']' in JSON array but found " + t.describe());
                }
            }
            return b.append(']').toString();
        }
        throw error(first, "unexpected " + first.describe() + " in JSON value");
    }

    private Token jsonNext() throws DbLoadException {
        return tokens.next(DbLexer.Mode.JSON);
    }

    private Token next() throws DbLoadException {
        return tokens.next(DbLexer.Mode.NORMAL);
    }

    private void expect(char punct, String context) throws DbLoadException {
        Token t = next();
        if (!t.is(punct)) {
            throw error(t, "expected '" + punct + "' " + context + " but found " + t.describe());
        }
    }

    private String string(String what) throws DbLoadException {
        return stringValue(next(), what);
    }

    /** A name position takes a quoted string or any bare word (keywords included). */
    private String stringValue(Token t, String what) throws DbLoadException {
        if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.WORD) {
            return t.text();
        }
        throw error(t, "expected " + what + " but found " + t.describe());
    }

    private static DbLoadException error(Token t, String message) {
        return new DbLoadException(t.where(), message);
    }
}
