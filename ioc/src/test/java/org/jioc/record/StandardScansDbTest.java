package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.jioc.load.DatabaseBuilder;
import org.jioc.load.DbLoader;
import org.jioc.load.DbModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** db-templates/standardScans.db: the records, chaining defaults, AbortScans, scanPause, ScanDim. */
class StandardScansDbTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private void load() throws Exception {
        DbModel m = new DbModel();
        Path top = Path.of(System.getProperty("user.dir")).getParent();
        new DbLoader(m).loadRecords(top.resolve("db-templates/standardScans.db"), "P=x:,MAXPTS1=30");
        db = newDb();
        rec(db, "ao", "pos", "FLNK", "arm");
        rec(db, "calcout", "arm", "CALC", "1", "OUT", "slow PP");
        rec(db, "busy", "slow", "HIGH", "0.1");
        DatabaseBuilder.build(m, db);
        db.init();
    }

    @Test
    void recordsAndChainingDefaults() throws Exception {
        load();
        assertEquals("x:scan1.EXSC", str(db, "x:scan2.T1PV"));
        assertEquals("x:scan3.EXSC", str(db, "x:scan4.T1PV"));
        assertEquals("", str(db, "x:scan1.T1PV"));
        assertEquals(30.0, num(db, "x:scan1.MPTS"));
        assertEquals(1000.0, num(db, "x:scan2.MPTS"));
        assertEquals("1D ARRAY", str(db, "x:scanH.ACQT"));
        assertEquals("OVERRIDE", str(db, "x:scan1.FFO"));
        assertEquals("NO", str(db, "x:scan1.FPTS"));
        assertEquals(10.0, num(db, "x:scan1.NPTS"));
        assertEquals(0.0, num(db, "x:ScanDim"));
    }

    @Test
    void abortScansAbortsAndScanPausePauses() throws Exception {
        load();
        putStr(db, "x:scan1.P1PV", "pos");
        put(db, "x:scan1.P1SP", 1);
        put(db, "x:scan1.P1EP", 10);
        CompletableFuture<String> done = putNotify(db, "x:scan1.EXSC", 1);
        waitFor("scanning", 3000, () -> num(db, "x:scanActive") == 1);
        assertEquals(1.0, num(db, "x:ScanDim"));
        put(db, "x:scanPause", 1);
        waitFor("paused", 3000, () -> "PAUSE".equals(str(db, "x:scan1.PAUS")));
        put(db, "x:scanPause", 0);
        waitFor("resumed", 3000, () -> "GO".equals(str(db, "x:scan1.PAUS")));
        put(db, "x:AbortScans", 1);
        assertEquals("done", done.get(5, TimeUnit.SECONDS));
        assertEquals("Scan aborted", str(db, "x:scan1.SMSG"));
        waitFor("idle", 3000, () -> num(db, "x:scanActive") == 0);
    }
}
