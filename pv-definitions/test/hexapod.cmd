# Hexapod test IOC (tests/python/test_hexapod.py, ioc/src/test/java/org/jioc/hexapod/HexapodIocTest.java): a
# hexapod like the default beamline's (docs/hexapod.md) with fast axes, a short boot (BOOT s) and a short reboot
# wait (WAIT s). Axes 0..5 = X Y Z U V W, MRES 0.001, switches at +-16 (Y: 4..36 dial, home 20, OFF -20).
epicsEnvSet("P", "$(P=jioc:hxp:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
hexapodSimCreate("HXP", "$(BOOT=0.5)")
motorSimConfigAxis("HXP", 0, 16000, -16000, 0, 0)         # X
motorSimConfigAxis("HXP", 1, 36000, 4000, 20000, 20000)   # Y: dial home 20, user 0 with OFF -20
motorSimConfigAxis("HXP", 2, 16000, -16000, 0, 0)         # Z
motorSimConfigAxis("HXP", 3, 16000, -16000, 0, 0)         # U
motorSimConfigAxis("HXP", 4, 16000, -16000, 0, 0)         # V
motorSimConfigAxis("HXP", 5, 16000, -16000, 0, 0)         # W
dbLoadTemplate("$(TOP)/pv-definitions/test/hexapod.substitutions", "P=$(P),PORT=HXP,WAIT=$(WAIT=1)")
iocInit
