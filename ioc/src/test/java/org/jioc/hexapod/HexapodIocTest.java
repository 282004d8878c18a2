package org.jioc.hexapod;

import static org.jioc.hexapod.HexapodTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jioc.db.DbException;
import org.jioc.record.MotorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hexapod in an IOC (pv-definitions/test/hexapod.cmd): the lock makes moves fail with a clear status,
 * hexapod_reboot clears it and moves work again; power, boot and enable as the controller's PVs show them; an
 * abort in each phase of the reboot leaves Status Aborted, Start Done and the axes stopped.
 */
class HexapodIocTest {
    static final String[] MOTORS = {"m1", "m2", "m3", "m4", "m5", "m6"};
    HexapodTestIoc t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    private static DbException completed(CompletableFuture<DbException> f, double seconds) throws Exception {
        return f.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** Move with put-callback and wait for it; returns the readback. */
    private double move(String motor, double to) throws Exception {
        assertNull(completed(t.putCallback(motor, Double.toString(to)), 10));
        return t.getDouble(motor + ".RBV");
    }

    /** The DMOV values posted while something happens. */
    private List<String> posts(String pv) {
        List<String> seen = new CopyOnWriteArrayList<>();
        t.addr(pv).subscribe((r, f, mask) -> seen.add(r.getString(f)));
        return seen;
    }

    private void assertStatus(String status, String messageStart) {
        assertEquals(status, t.get("HexapodReboot:Status"), t.get("HexapodReboot:Message"));
        assertEquals("Done", t.get("HexapodReboot:Start"), "the busy is Done whatever the ending");
        String m = t.get("HexapodReboot:Message");
        assertTrue(m.startsWith(messageStart), "message '" + m + "' should start with '" + messageStart + "'");
    }

    @Test
    void aLockRefusesMovesWithAClearStatusAndTheRebootClearsIt() throws Exception {
        t = new HexapodTestIoc(0.3, 0.2);
        assertEquals("Ready", t.get("State"));
        assertEquals(2.0, move("m1", 2), 1e-9, "a move works before the lock");
        assertEquals(0.0, t.getDouble("m2.RBV"), 1e-9, "Y: user = dial home 20 + OFF -20");
        assertEquals(20.0, t.getDouble("m2.DRBV"), 1e-9);

        t.put("SimLock", "Lock");
        until("Locked", 5, () -> t.get("Locked").equals("Locked"));
        assertEquals("MAJOR", t.get("Locked.SEVR"));
        assertEquals("Locked", t.get("State"));
        assertEquals("Disabled", t.get("Enabled"));
        until("m1 sees the lock", 5, () -> (t.msta("m1") & MotorStatus.PROBLEM) != 0);

        List<String> dmov = posts("m1.DMOV");
        assertNull(completed(t.putCallback("m1", "7"), 10), "the put-callback of a refused move still completes");
        assertEquals(List.of("0", "1"), dmov, "DMOV pulses 1 -> 0 -> 1");
        assertEquals(2.0, t.getDouble("m1.RBV"), 1e-9, "no motion");
        assertTrue((t.msta("m1") & MotorStatus.PROBLEM) != 0);
        assertEquals("STATE", t.get("m1.STAT"));
        assertEquals("MAJOR", t.get("m1.SEVR"));
        assertEquals("hexapod locked: run hexapod_reboot", t.get("m1.AMSG"));
        for (String m : MOTORS) until(m + " locked too", 5, () -> t.get(m + ".SEVR").equals("MAJOR"));
        // Enabling does not cure a lock.
        t.put("Enable", "Enable");
        assertEquals("WRITE", t.get("Enable.STAT"));
        assertEquals("hexapod locked: reboot it", t.get("Enable.AMSG"));
        assertEquals("Locked", t.get("State"));

        List<String> steps = posts("HexapodReboot:Step");
        assertNull(completed(t.putCallback("HexapodReboot:Start", "1"), 30));
        assertStatus("Done", "Done: hexapod rebooted, 6 axes homed");
        assertEquals(List.of("power_off", "wait", "power_on", "enable", "home", "verify"), steps);
        assertEquals("Unlocked", t.get("Locked"));
        assertEquals("NO_ALARM", t.get("Locked.SEVR"));
        assertEquals("Ready", t.get("State"));
        for (String m : MOTORS) {
            assertTrue((t.msta(m) & MotorStatus.HOMED) != 0, m + " homed");
            until(m + " without alarm", 5, () -> t.get(m + ".SEVR").equals("NO_ALARM"));
        }
        assertEquals(0.0, t.getDouble("m1.RBV"), 1e-9, "X homed to 0");
        assertEquals(0.0, t.getDouble("m2.RBV"), 1e-9, "Y homed to dial 20, user 0");
        assertEquals("", t.get("m1.AMSG"));
        assertEquals(-3.0, move("m1", -3), 1e-9, "moves work again");
        assertEquals(4.0, move("m2", 4), 1e-9);
        assertEquals(24.0, t.getDouble("m2.DRBV"), 1e-9);
    }

    @Test
    void powerOffBootAndEnableAsThePvsShowThem() throws Exception {
        t = new HexapodTestIoc(0.5, 0.2);
        assertEquals("On", t.get("Power_RBV"));
        t.put("Power", "Off");
        until("Off", 5, () -> t.get("State").equals("Off"));
        assertEquals("Off", t.get("Power_RBV"));
        assertEquals("Disabled", t.get("Enabled"));
        until("m3 without its controller", 5, () -> t.get("m3.STAT").equals("COMM"));
        assertEquals("INVALID", t.get("m3.SEVR"), "position unknown");
        assertEquals("hexapod power is off", t.get("m3.AMSG"));
        assertTrue((t.msta("m3") & MotorStatus.PROBLEM) != 0);
        assertNull(completed(t.putCallback("m3", "1"), 10));
        assertEquals(0.0, t.getDouble("m3.RBV"), 1e-9, "no motion while off");
        t.put("Enable", "Enable");
        assertEquals("hexapod power is off", t.get("Enable.AMSG"));
        t.put("SimLock", "Lock");
        assertEquals("hexapod power is off", t.get("SimLock.AMSG"), "an unpowered controller cannot lock up");

        long t0 = System.nanoTime();
        t.put("Power", "On");
        until("Booting", 5, () -> t.get("State").equals("Booting"));
        // The motor record hears of it through its own processing, after the State record.
        until("m3 sees Booting", 5, () -> t.get("m3.AMSG").equals("hexapod controller is booting"));
        until("booted", 5, () -> t.get("State").equals("Disabled"));
        assertTrue(System.nanoTime() - t0 >= 450_000_000L, "booted before the boot time");
        until("m3 sees Disabled", 5, () -> t.get("m3.STAT").equals("STATE"));
        assertEquals("MAJOR", t.get("m3.SEVR"));
        assertEquals("hexapod disabled: enable it", t.get("m3.AMSG"));
        assertNull(completed(t.putCallback("m3", "1"), 10));
        assertEquals(0.0, t.getDouble("m3.RBV"), 1e-9, "no motion while disabled");

        t.put("Enable", "Enable");
        assertEquals("NO_ALARM", t.get("Enable.SEVR"));
        until("Ready", 5, () -> t.get("State").equals("Ready"));
        assertEquals("Enabled", t.get("Enabled"));
        until("m3 without alarm", 5, () -> t.get("m3.SEVR").equals("NO_ALARM"));
        assertEquals(0, t.msta("m3") & MotorStatus.HOMED, "a rebooted controller has not homed");
        assertEquals(1.0, move("m3", 1), 1e-9);
    }

    @Test
    void aLockWhileMovingStopsTheAxisAndEndsTheMove() throws Exception {
        t = new HexapodTestIoc(0.3, 0.2);
        CompletableFuture<DbException> f = t.putCallback("m4", "14");
        until("m4 moving", 5, () -> t.getDouble("m4.RBV") > 1);
        t.put("SimLock", "Lock");
        assertNull(completed(f, 10), "the move ends");
        double at = t.getDouble("m4.RBV");
        assertTrue(at < 13, "stopped at " + at);
        assertEquals("MAJOR", t.get("m4.SEVR"));
        Thread.sleep(200);
        assertEquals(at, t.getDouble("m4.RBV"), 1e-9, "and stays stopped");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Abort in each phase of the reboot

    private void abortIn(String step, double bootSeconds, double waitSeconds, Runnable before) throws Exception {
        t = new HexapodTestIoc(bootSeconds, waitSeconds);
        before.run();
        t.put("SimLock", "Lock");
        CompletableFuture<DbException> f = t.putCallback("HexapodReboot:Start", "1");
        until("step " + step, 10, () -> t.get("HexapodReboot:Step").equals(step));
        Thread.sleep(100);
        t.put("HexapodReboot:Abort", "Yes");
        assertNull(completed(f, 5));
        assertStatus("Aborted", "Aborted by ca:op@host via t:HexapodReboot:Abort in step '" + step + "'");
    }

    @Test
    void abortDuringTheWaitLeavesThePowerOff() throws Exception {
        abortIn("wait", 0.3, 5, () -> { });
        assertEquals("Off", t.get("State"));
        assertEquals("Locked", t.get("Locked"), "not rebooted: the lock stays until a boot");
    }

    @Test
    void abortDuringTheBootLeavesTheControllerBooting() throws Exception {
        abortIn("power_on", 2, 0.1, () -> { });
        assertEquals("Booting", t.get("State"));
        until("booted", 5, () -> t.get("State").equals("Disabled"));
        assertEquals("Unlocked", t.get("Locked"));
    }

    @Test
    void abortDuringHomingStopsEveryAxis() throws Exception {
        abortIn("home", 0.1, 0.1, () -> {
            try {
                for (String m : MOTORS) move(m, 12);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        until("all stopped", 5, () -> {
            for (String m : MOTORS) if (!t.get(m + ".DMOV").equals("1")) return false;
            return true;
        });
        for (String m : MOTORS) {
            assertEquals(0, t.msta(m) & MotorStatus.HOMED, m + " did not finish homing");
            double at = t.getDouble(m + ".RBV");
            assertTrue(Math.abs(at) > 0.5, m + " stopped on its way, at " + at);
        }
        double x = t.getDouble("m1.RBV");
        Thread.sleep(300);
        assertEquals(x, t.getDouble("m1.RBV"), 1e-9, "X stays stopped");
        assertEquals("Ready", t.get("State"));
    }

    @Test
    void aRebootOfAHealthyHexapodAlsoWorksAndHomesEveryAxis() throws Exception {
        t = new HexapodTestIoc(0.1, 0.1);
        assertEquals(5.0, move("m5", 5), 1e-9);
        assertNull(completed(t.putCallback("HexapodReboot:Start", "1"), 30));
        assertStatus("Done", "Done");
        assertEquals(0.0, t.getDouble("m5.RBV"), 1e-9);
    }
}
