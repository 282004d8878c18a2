package org.jioc.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads record databases ({@code .db}/{@code .template}) and substitutions files into a
 * {@link DbModel}, with the semantics of the IOC shell's dbLoadRecords and dbLoadTemplate.
 * Each call is all-or-nothing: on any error the model is left as it was.
 */
public final class DbLoader {
    private final DbModel model;
    private List<Path> includePath = List.of(Path.of("."));

    public DbLoader(DbModel into) {
        this.model = into;
    }

    /**
     * Directories searched for include files, for database files named without a directory,
     * and for substitutions templates. Default: the current directory. {@code path} and
     * {@code addpath} statements change a copy of it for the rest of one load only.
     */
    public void setIncludePath(List<Path> dirs) {
        this.includePath = List.copyOf(dirs);
    }

    /** {@link #setIncludePath(List)} from an EPICS_DB_INCLUDE_PATH-style list ("dir:dir"). */
    public void setIncludePath(String pathList) {
        setIncludePath(FileFinder.parsePathList(pathList));
    }

    public List<Path> includePath() {
        return includePath;
    }

    /** dbLoadRecords(file, "A=1,B=2"): macros in the dbLoadRecords syntax (null for none). */
    public void loadRecords(Path file, String macros) throws DbLoadException {
        loadRecords(file, parse(macros, file));
    }

    /** dbLoadRecords with already parsed macros (raw values; null value = undefined). */
    public void loadRecords(Path file, Map<String, String> macros) throws DbLoadException {
        Path found = locate(file);
        ModelUpdate update = new ModelUpdate(model);
        loadInto(update, found, macros);
        update.commit();
    }

    /**
     * dbLoadTemplate(file, "A=1"): loads every instance of a substitutions file. The macros
     * given here are defined for every instance (globals and instance values override them).
     * All instances are committed together, or none if one fails.
     */
    public void loadTemplate(Path file, String macros) throws DbLoadException {
        Map<String, String> passed = parse(macros, file);
        Path found = locate(file);
        ModelUpdate update = new ModelUpdate(model);
        new SubstitutionsParser(this, update, found, read(found), passed).parse();
        update.commit();
    }

    /** Parses database text directly (tests, st.cmd helpers); includes are searched as usual. */
    public void loadRecordsText(String text, String fileNameForMessages, Map<String, String> macros)
            throws DbLoadException {
        ModelUpdate update = new ModelUpdate(model);
        Function<String, String> lookup = lookupOf(macros);
        SourceText src = SourceText.expand(fileNameForMessages, text, lookup);
        new DbParser(update, src, includePath, f -> SourceText.expand(f.toString(), read(f), lookup)).parse();
        update.commit();
    }

    /** Loads one database file (already located) into a pending update. */
    void loadInto(ModelUpdate update, Path file, Map<String, String> macros) throws DbLoadException {
        Function<String, String> lookup = lookupOf(macros);
        SourceText src = SourceText.expand(file.toString(), read(file), lookup);
        new DbParser(update, src, includePath, f -> SourceText.expand(f.toString(), read(f), lookup)).parse();
    }

    private static Function<String, String> lookupOf(Map<String, String> macros) {
        return macros == null ? name -> null : macros::get;
    }

    private Path locate(Path file) throws DbLoadException {
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path found = file.isAbsolute() ? null : FileFinder.find(file.toString(), includePath, null);
        if (found == null) {
            throw new DbLoadException(new SourceLocation(file.toString(), 0), "can't open file (searched "
                    + FileFinder.searched(includePath, null) + ")");
        }
        return found;
    }

    private static Map<String, String> parse(String macros, Path file) throws DbLoadException {
        try {
            return Macros.parseDefinitions(macros);
        } catch (IllegalArgumentException e) {
            throw new DbLoadException(new SourceLocation(file.toString(), 0), e.getMessage());
        }
    }

    static String read(Path file) throws DbLoadException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbLoadException(new SourceLocation(file.toString(), 0), "can't read file: " + e);
        }
    }
}
