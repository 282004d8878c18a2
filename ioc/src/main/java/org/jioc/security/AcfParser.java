package org.jioc.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Logger;

import org.jioc.calc.CalcException;
import org.jioc.calc.CalcExpression;
import org.jioc.security.AcfConfig.Asg;
import org.jioc.security.AcfConfig.Hag;
import org.jioc.security.AcfConfig.Input;
import org.jioc.security.AcfConfig.Rule;
import org.jioc.security.AcfConfig.Uag;
import org.jioc.security.AcfLexer.Kind;
import org.jioc.security.AcfLexer.Token;

/**
 * Reads an access configuration file with the grammar of base's asLib.y:
 * <pre>
 * UAG(name) { user, user ... }
 * HAG(name) { host, host ... }
 * ASG(name) {
 *     INPA("pv") ... INPU("pv")
 *     RULE(level, NONE|READ|WRITE|RPC [, TRAPWRITE|NOTRAPWRITE]) { UAG(name, ..) HAG(name, ..) CALC("expr") }
 * }
 * </pre>
 * UAGs and HAGs must be defined before a RULE names them. Any error stops the load with "file:line: message";
 * nothing of a bad file is used.
 */
public final class AcfParser {
    private static final Logger LOG = Logger.getLogger(AcfParser.class.getName());
    private static final java.util.regex.Pattern NUMERIC_V4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String file;
    private final List<Token> tokens;
    private final HostResolver resolver;
    private int pos;

    private final SortedMap<String, Uag> uags = new TreeMap<>();
    private final SortedMap<String, Hag> hags = new TreeMap<>();
    private final SortedMap<String, Asg> asgs = new TreeMap<>();

    private AcfParser(String file, List<Token> tokens, HostResolver resolver) {
        this.file = file;
        this.tokens = tokens;
        this.resolver = resolver;
    }

    /** Parse a file; substitutions (asSetSubstitutions, "A=1,B=2") may be null. */
    public static AcfConfig parse(Path path, String substitutions, HostResolver resolver) throws AcfException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AcfException(path.toString(), 0, "cannot read access configuration file: " + e.getMessage());
        }
        return parse(path.toString(), text, substitutions, resolver);
    }

    /** Parse text that came from file (the name is used in messages). */
    public static AcfConfig parse(String file, String text, String substitutions, HostResolver resolver)
            throws AcfException {
        Map<String, String> macros = null;
        if (substitutions != null && !substitutions.isBlank()) {
            try {
                macros = org.jioc.load.Macros.parseDefinitions(substitutions);
            } catch (IllegalArgumentException e) {
                throw new AcfException(file, 0, "asSetSubstitutions: " + e.getMessage());
            }
        }
        AcfParser p = new AcfParser(file, AcfLexer.tokens(file, text, macros), resolver);
        return p.config();
    }

    private AcfConfig config() throws AcfException {
        asgs.put(AcfConfig.DEFAULT, new Asg(AcfConfig.DEFAULT, List.of(), List.of()));
        boolean explicitDefault = false;
        while (peek().kind() != Kind.END) {
            Token t = next();
            if (t.is("UAG")) {
                uag(t);
            } else if (t.is("HAG")) {
                hag(t);
            } else if (t.is("ASG")) {
                String name = head("ASG");
                boolean isDefault = name.equals(AcfConfig.DEFAULT);
                if (asgs.containsKey(name) && !(isDefault && !explicitDefault)) {
                    throw error(t, "Duplicate Access Security Group named '" + name + "'");
                }
                if (isDefault) explicitDefault = true;
                asgs.put(name, asgBody(name));
            } else {
                throw error(t, "expected UAG, HAG or ASG, found " + t.describe());
            }
        }
        return new AcfConfig(file, uags, hags, asgs);
    }

    private void uag(Token at) throws AcfException {
        String name = head("UAG");
        if (uags.containsKey(name)) throw error(at, "Duplicate User Access Group named '" + name + "'");
        List<String> users = peek().is("{") ? list("UAG(" + name + ")") : List.of();
        Set<String> seen = new LinkedHashSet<>();
        for (String u : users) {
            if (!seen.add(u)) LOG.warning(file + ": Duplicated user '" + u + "' in UAG '" + name + "'");
        }
        uags.put(name, new Uag(name, List.copyOf(users)));
    }

    private void hag(Token at) throws AcfException {
        String name = head("HAG");
        if (hags.containsKey(name)) throw error(at, "Duplicate Host Access Group named '" + name + "'");
        List<String> hosts = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        if (peek().is("{")) {
            for (String h : list("HAG(" + name + ")")) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                hosts.add(lower);
                Set<String> resolved = NUMERIC_V4.matcher(h).matches() ? Set.of(h) : resolver.addresses(lower);
                if (resolved.isEmpty()) LOG.info(file + ": HAG(" + name + "): host '" + h + "' does not resolve; "
                        + "it matches clients that claim that name only");
                addresses.addAll(resolved);
            }
        }
        hags.put(name, new Hag(name, List.copyOf(hosts), Set.copyOf(addresses)));
    }

    private Asg asgBody(String name) throws AcfException {
        List<Input> inputs = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        if (peek().is("{")) {
            Token open = next();
            if (peek().is("}")) throw error(peek(), "ASG(" + name + ") { } is empty: give INPx or RULE entries");
            while (!peek().is("}")) {
                Token t = next();
                if (t.kind() == Kind.KEYWORD && AcfLexer.isInput(t.text())) {
                    int index = t.text().charAt(3) - 'A';
                    String pv = head(t.text());
                    for (Input i : inputs) {
                        if (i.index() == index) throw error(t, t.text() + " given twice in ASG(" + name + ")");
                    }
                    inputs.add(new Input(index, pv));
                } else if (t.is("RULE")) {
                    rules.add(rule(t));
                } else if (t.kind() == Kind.END) {
                    throw error(open, "ASG(" + name + ") { is not closed");
                } else {
                    throw error(t, "expected INPx or RULE in ASG(" + name + "), found " + t.describe());
                }
            }
            next();
        }
        return new Asg(name, List.copyOf(inputs), List.copyOf(rules));
    }

    private Rule rule(Token at) throws AcfException {
        expect("(", "after RULE");
        Token lv = next();
        int level;
        try {
            level = Integer.parseInt(lv.isString() ? lv.text() : "x");
        } catch (NumberFormatException e) {
            throw error(lv, "RULE level must be an integer, found " + lv.describe());
        }
        if (level < 0) throw error(lv, "RULE: LEVEL must be positive: " + level);
        expect(",", "after the RULE level");
        Token ac = next();
        Access access;
        try {
            access = ac.kind() == Kind.NAME ? Access.valueOf(ac.text()) : null;
        } catch (IllegalArgumentException e) {
            access = null;
        }
        if (access == null) throw error(ac, "RULE access must be NONE, READ, WRITE or RPC, found " + ac.describe());
        boolean trap = false;
        if (peek().is(",")) {
            next();
            Token opt = next();
            if (opt.isString() && opt.text().equals("TRAPWRITE")) trap = true;
            else if (!(opt.isString() && opt.text().equals("NOTRAPWRITE")))
                throw error(opt, "Log options must be TRAPWRITE or NOTRAPWRITE, found " + opt.describe());
        }
        expect(")", "to close RULE(");
        List<String> ruleUags = new ArrayList<>();
        List<String> ruleHags = new ArrayList<>();
        CalcExpression calc = null;
        if (peek().is("{")) {
            Token open = next();
            if (peek().is("}")) throw error(peek(), "RULE { } is empty: give UAG, HAG or CALC");
            while (!peek().is("}")) {
                Token t = next();
                if (t.is("UAG")) {
                    for (String u : args("UAG")) {
                        if (!uags.containsKey(u)) throw error(t, "No User Access Group named '" + u + "' defined");
                        ruleUags.add(u);
                    }
                } else if (t.is("HAG")) {
                    for (String h : args("HAG")) {
                        if (!hags.containsKey(h)) throw error(t, "No Host Access Group named '" + h + "' defined");
                        ruleHags.add(h);
                    }
                } else if (t.is("CALC")) {
                    if (calc != null) throw error(t, "CALC given twice in one RULE");
                    calc = calc(t, head("CALC"));
                } else if (t.kind() == Kind.END) {
                    throw error(open, "RULE { is not closed");
                } else {
                    throw error(t, "expected UAG, HAG or CALC in RULE, found " + t.describe());
                }
            }
            next();
        }
        return new Rule(level, access, trap, List.copyOf(ruleUags), List.copyOf(ruleHags), calc,
                calc == null ? 0 : calc.inputsRead());
    }

    private CalcExpression calc(Token at, String expr) throws AcfException {
        CalcExpression c;
        try {
            c = CalcExpression.compile(expr, CalcExpression.MAX_INPUTS);
        } catch (CalcException e) {
            throw error(at, e.getMessage() + " in CALC expression '" + expr + "'");
        }
        // as base: until someone proves stores are harmless, they are refused
        if (c.inputsAssigned() != 0) throw error(at, "Assignment operator used in CALC expression '" + expr + "'");
        return c;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** '(' name ')' after a keyword. */
    private String head(String what) throws AcfException {
        expect("(", "after " + what);
        Token name = next();
        if (!name.isString()) throw error(name, "expected a name in " + what + "(), found " + name.describe());
        expect(")", "after " + what + "(" + name.text());
        return name.text();
    }

    /** '(' name {',' name} ')' inside a RULE. */
    private List<String> args(String what) throws AcfException {
        expect("(", "after " + what);
        List<String> out = new ArrayList<>();
        do {
            Token name = next();
            if (!name.isString()) throw error(name, "expected a name in " + what + "(), found " + name.describe());
            out.add(name.text());
        } while (accept(","));
        expect(")", "to close " + what + "(");
        return out;
    }

    /** '{' name {',' name} '}' (a UAG's users, a HAG's hosts). */
    private List<String> list(String what) throws AcfException {
        expect("{", "after " + what);
        List<String> out = new ArrayList<>();
        do {
            Token name = next();
            if (!name.isString()) throw error(name, "expected a name in " + what + " { }, found " + name.describe());
            out.add(name.text());
        } while (accept(","));
        expect("}", "to close " + what + " {");
        return out;
    }

    private boolean accept(String punct) {
        if (!peek().is(punct)) return false;
        pos++;
        return true;
    }

    private void expect(String punct, String where) throws AcfException {
        Token t = next();
        if (!t.is(punct)) throw error(t, "expected '" + punct + "' " + where + ", found " + t.describe());
    }

    private Token peek() { return tokens.get(pos); }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) pos++;
        return t;
    }

    private AcfException error(Token at, String message) {
        return new AcfException(file, at.line(), message);
    }
}
